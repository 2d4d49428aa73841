#include "storage/event_dispatcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

// Records what it saw; optionally fails on one event type to test retry.
class RecordingSubscriber : public EventSubscriber {
 public:
  std::string_view name() const override { return "recording"; }
  Status Apply(Tx&, const Event& event) override {
    if (event.type == fail_on) return Error::Unavailable("not now");
    seen.push_back(event.seq);
    return OkStatus();
  }
  std::vector<int64_t> seen;
  std::string fail_on;
};

void Append(Database& db, const std::string& type) {
  ASSERT_TRUE(db.Write([&](Tx& tx) {
                  return AppendEvent(tx, WriteContext{.actor = "test"}, type, "thing", "t1", {});
                }).ok());
}

TEST(EventDispatcherTest, DeliversInOrderAndResumesFromSavedPosition) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  for (int i = 0; i < 3; ++i) Append(*db, "thing.created");
  {
    RecordingSubscriber subscriber;
    EventDispatcher dispatcher(*db);
    dispatcher.Subscribe(subscriber);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
    EXPECT_EQ(subscriber.seen, (std::vector<int64_t>{1, 2, 3}));
  }
  Append(*db, "thing.updated");
  RecordingSubscriber restarted;
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(restarted);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(restarted.seen, (std::vector<int64_t>{4}));  // only what came after the position
}

TEST(EventDispatcherTest, DrainAllInSmallRoundsDeliversEverythingOnce) {
  // Bulk commands choose the round size; a round that comes back full must not end the drain.
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  for (int i = 0; i < 5; ++i) Append(*db, "thing.created");
  RecordingSubscriber subscriber;
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(subscriber);
  ASSERT_TRUE(dispatcher.DrainAll(/*round_size=*/2).ok());
  EXPECT_EQ(subscriber.seen, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  Append(*db, "thing.updated");
  ASSERT_TRUE(dispatcher.DrainAll(/*round_size=*/3).ok());
  EXPECT_EQ(subscriber.seen, (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
}

TEST(EventDispatcherTest, AFailedRoundIsRetriedWithoutSkipping) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  Append(*db, "thing.created");
  Append(*db, "thing.poison");
  RecordingSubscriber subscriber;
  subscriber.fail_on = "thing.poison";
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(subscriber);
  EXPECT_FALSE(dispatcher.DrainAll().ok());
  subscriber.fail_on.clear();
  subscriber.seen.clear();
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  // The failed round's position was rolled back, so event 1 is delivered again: at least once.
  EXPECT_EQ(subscriber.seen, (std::vector<int64_t>{1, 2}));
}

TEST(EventDispatcherTest, BackgroundThreadDeliversAfterNotify) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  RecordingSubscriber subscriber;
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(subscriber);
  db->SetCommitListener([&] { dispatcher.Notify(); });
  dispatcher.Start();
  Append(*db, "thing.created");
  for (int i = 0; i < 200; ++i) {
    int64_t position = 0;
    ASSERT_TRUE(db->Read([&](Tx& tx) -> Status {
                    RAPPORT_ASSIGN_OR_RETURN(
                        Rows rows, tx.Query("SELECT position FROM event_consumers WHERE name = ?",
                                            {std::string("recording")}));
                    if (!rows.empty()) position = rows[0].Int(0);
                    return OkStatus();
                  }).ok());
    if (position == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  dispatcher.Stop();
  db->SetCommitListener(nullptr);
  EXPECT_EQ(subscriber.seen, (std::vector<int64_t>{1}));
}

// An idle dispatcher must not commit: every commit wakes it, so a round that committed with
// nothing to deliver would wake it again forever (an idle server burning a core).
TEST(EventDispatcherTest, AnIdleDispatcherCommitsNothing) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  RecordingSubscriber subscriber;
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(subscriber);
  std::atomic<int> commits = 0;
  db->SetCommitListener([&] {
    commits.fetch_add(1);
    dispatcher.Notify();
  });
  dispatcher.Start();
  Append(*db, "thing.created");
  Append(*db, "thing.updated");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (db->Read([&](Tx& tx) -> Status {
            RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT count(*) FROM event_consumers "
                                                         "WHERE position = 2"));
            return rows.front().Int(0) == 1 ? OkStatus() : Error::NotFound("not yet");
          }).ok()) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int settled = commits.load();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(commits.load(), settled) << "the dispatcher kept committing while idle";
  dispatcher.Stop();
  EXPECT_EQ(subscriber.seen, (std::vector<int64_t>{1, 2}));
}

// Takes only `wanted`, and records each event it is given with whether its payload was read.
class PickySubscriber : public EventSubscriber {
 public:
  PickySubscriber(std::string name, std::string wanted)
      : name_(std::move(name)), wanted_(std::move(wanted)) {}
  std::string_view name() const override { return name_; }
  bool Wants(std::string_view type) const override { return type == wanted_; }
  Status Apply(Tx&, const Event& event) override {
    seen.push_back(event.seq);
    EXPECT_EQ(event.type, wanted_);
    EXPECT_TRUE(event.payload.contains("n")) << "a wanted event's payload is parsed";
    return OkStatus();
  }
  std::vector<int64_t> seen;

 private:
  std::string name_;
  std::string wanted_;
};

void AppendMany(Database& db, const std::string& type, int count) {
  ASSERT_TRUE(db.Write([&](Tx& tx) -> Status {
                  for (int i = 0; i < count; ++i) {
                    RAPPORT_RETURN_IF_ERROR(AppendEvent(tx, WriteContext{.actor = "test"}, type,
                                                        "thing", "t1", json::object{{"n", i}}));
                  }
                  return OkStatus();
                }).ok());
}

// The saved position of `name`, or -1 when none is saved.
int64_t SavedPosition(Database& db, const std::string& name) {
  int64_t position = -1;
  EXPECT_TRUE(db.Read([&](Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(
                      Rows rows,
                      tx.Query("SELECT position FROM event_consumers WHERE name = ?", {name}));
                  if (!rows.empty()) position = rows.front().Int(0);
                  return OkStatus();
                }).ok());
  return position;
}

TEST(EventDispatcherTest, ASubscriberGetsOnlyTheTypesItWants) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  AppendMany(*db, "thing.created", 3);
  AppendMany(*db, "thing.rare", 1);
  AppendMany(*db, "thing.created", 2);
  PickySubscriber picky("picky", "thing.rare");
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(picky);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(picky.seen, (std::vector<int64_t>{4}));
  EXPECT_EQ(SavedPosition(*db, "picky"), 6);  // the round went through the stretch after it
  AppendMany(*db, "thing.rare", 1);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(picky.seen, (std::vector<int64_t>{4, 7}));
}

TEST(EventDispatcherTest, UnwantedEventsCostNoRoundUntilAStretchIsWorthSaving) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  PickySubscriber picky("picky", "thing.rare");
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(picky);
  AppendMany(*db, "thing.created", 10);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(SavedPosition(*db, "picky"), -1) << "ten unwanted events committed a round";
  AppendMany(*db, "thing.created", EventDispatcher::kSavePassedEvery);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(SavedPosition(*db, "picky"), EventDispatcher::kSavePassedEvery + 10);
  EXPECT_TRUE(picky.seen.empty());
  // A restarted dispatcher starts from the saved position, and a wanted event still arrives once.
  AppendMany(*db, "thing.rare", 1);
  PickySubscriber restarted("picky", "thing.rare");
  EventDispatcher again(*db);
  again.Subscribe(restarted);
  ASSERT_TRUE(again.DrainAll().ok());
  ASSERT_TRUE(again.DrainAll().ok());
  EXPECT_EQ(restarted.seen, (std::vector<int64_t>{EventDispatcher::kSavePassedEvery + 11}));
}

TEST(EventDispatcherTest, APassedStretchIsSavedBesideAnotherSubscribersRound) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  PickySubscriber picky("picky", "thing.rare");
  RecordingSubscriber everything;
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(picky);  // first, so its stretch is known when the other commits
  dispatcher.Subscribe(everything);
  AppendMany(*db, "thing.created", 3);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(everything.seen, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(SavedPosition(*db, "recording"), 3);
  EXPECT_EQ(SavedPosition(*db, "picky"), 3);
}

TEST(EventDispatcherTest, AResetPositionReplaysWhatAStretchHadPassed) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  PickySubscriber picky("picky", "thing.rare");
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(picky);
  AppendMany(*db, "thing.rare", 1);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  AppendMany(*db, "thing.created", 3);
  ASSERT_TRUE(dispatcher.DrainAll().ok());  // passes 2..4 in memory, from position 1
  EXPECT_EQ(picky.seen, (std::vector<int64_t>{1}));
  // A replay (the position removed by hand) must not start from the stretch in memory.
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM event_consumers"));
                  return OkStatus();
                }).ok());
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(picky.seen, (std::vector<int64_t>{1, 1}));
}

TEST(EventDispatcherTest, OneLookDecidesForEverySubscriber) {
  // The outbox's (seq, type) scan runs once per pass, however many subscribers there are, and
  // each subscriber still counts only the events past its own position.
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  const std::vector<std::string> types = {"thing.a", "thing.b", "thing.c", "thing.d", "thing.e"};
  AppendMany(*db, "thing.a", 1);
  {
    PickySubscriber early("early", "thing.a");
    EventDispatcher dispatcher(*db);
    dispatcher.Subscribe(early);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
    ASSERT_EQ(early.seen, (std::vector<int64_t>{1}));
  }
  for (const std::string& type : types) AppendMany(*db, type, 2);  // seq 2..11
  std::vector<std::unique_ptr<PickySubscriber>> subscribers;
  subscribers.push_back(std::make_unique<PickySubscriber>("early", "thing.a"));
  for (const std::string& type : types) {
    subscribers.push_back(std::make_unique<PickySubscriber>("new " + type, type));
  }
  EventDispatcher dispatcher(*db);
  for (auto& subscriber : subscribers) dispatcher.Subscribe(*subscriber);
  StatementLog log;
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  const auto scans = std::ranges::count_if(log.statements(), [](const std::string& sql) {
    return sql.starts_with("SELECT seq, type FROM events");
  });
  EXPECT_EQ(scans, 2) << "one look for the pass that delivered, one for the pass that found none";
  EXPECT_EQ(subscribers[0]->seen, (std::vector<int64_t>{2, 3})) << "from its saved position";
  EXPECT_EQ(subscribers[1]->seen, (std::vector<int64_t>{1, 2, 3})) << "a new one from the start";
  EXPECT_EQ(subscribers[5]->seen, (std::vector<int64_t>{10, 11}));
}

TEST(EventDispatcherTest, AFailingSubscriberDelaysOnlyItself) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  Append(*db, "thing.poison");
  AppendMany(*db, "thing.rare", 1);
  RecordingSubscriber failing;
  failing.fail_on = "thing.poison";
  PickySubscriber picky("picky", "thing.rare");
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(failing);  // first: its failure must not hold back the one after it
  dispatcher.Subscribe(picky);
  EXPECT_FALSE(dispatcher.DrainAll().ok());
  EXPECT_EQ(picky.seen, (std::vector<int64_t>{2}));
  EXPECT_EQ(SavedPosition(*db, "recording"), -1);
  failing.fail_on.clear();
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(failing.seen, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(picky.seen, (std::vector<int64_t>{2})) << "delivered once";
}

TEST(EventDispatcherTest, CaughtUpTheThreadSavesPassedStretchesOnceAndGoesIdle) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  PickySubscriber picky("picky", "thing.rare");
  EventDispatcher dispatcher(*db);
  dispatcher.Subscribe(picky);
  std::atomic<int> commits = 0;
  db->SetCommitListener([&] {
    commits.fetch_add(1);
    dispatcher.Notify();
  });
  dispatcher.Start();
  AppendMany(*db, "thing.created", 10);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (SavedPosition(*db, "picky") != 10 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(SavedPosition(*db, "picky"), 10) << "the lag stayed after the thread caught up";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int settled = commits.load();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(commits.load(), settled) << "the dispatcher kept committing while idle";
  EXPECT_LE(settled, 2) << "the events' commit, then one save of the stretch";
  dispatcher.Stop();
  db->SetCommitListener(nullptr);
  EXPECT_TRUE(picky.seen.empty());
}

}  // namespace
}  // namespace rapport::storage
