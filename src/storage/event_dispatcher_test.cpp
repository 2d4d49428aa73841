#include "storage/event_dispatcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "storage/sqlite/sqlite_database.hpp"
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

}  // namespace
}  // namespace rapport::storage
