#include "storage/scheduler.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/time.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kCreateLog = "CREATE TABLE IF NOT EXISTS ran (key TEXT NOT NULL)";
constexpr std::string_view kLogRun = "INSERT INTO ran (key) VALUES (?)";
constexpr std::string_view kRuns = "SELECT key FROM ran ORDER BY rowid";

std::unique_ptr<SqliteDatabase> OpenDb(testing::TempDir& dir) {
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  EXPECT_TRUE(db->Write([](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.Exec(kCreateLog));
                  return OkStatus();
                }).ok());
  return db;
}

void Schedule(Database& db, const std::string& key, int64_t due_at, json::object payload = {}) {
  ASSERT_TRUE(db.Write([&](Tx& tx) { return ScheduleJob(tx, "test", key, due_at, payload); }).ok());
}

std::vector<std::string> Runs(Database& db) {
  std::vector<std::string> keys;
  EXPECT_TRUE(db.Read([&](Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kRuns));
                  for (const auto& row : rows) keys.push_back(row.Text(0));
                  return OkStatus();
                }).ok());
  return keys;
}

// Records each run in the same transaction as the job's removal.
Scheduler::Handler Logging() {
  return [](Tx& tx, const ScheduledJob& job) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kLogRun, {job.key}));
    return OkStatus();
  };
}

TEST(SchedulerTest, RunsOnlyDueJobsInDueOrderAndEachOnce) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  int64_t now = 1'000'000;
  Schedule(*db, "later", now + 60'000);
  Schedule(*db, "second", now - 10);
  Schedule(*db, "first", now - 20);
  Scheduler scheduler(*db, [&] { return now; });
  scheduler.Register("test", Logging());
  EXPECT_EQ(scheduler.RunDue().value(), 2);
  EXPECT_EQ(Runs(*db), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(scheduler.RunDue().value(), 0);  // done jobs are gone: nothing repeats
  now += 60'000;
  EXPECT_EQ(scheduler.RunDue().value(), 1);
  EXPECT_EQ(Runs(*db), (std::vector<std::string>{"first", "second", "later"}));
}

TEST(SchedulerTest, SchedulingTheSameNameMovesTheJobAndCancelRemovesIt) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  Schedule(*db, "a", 5'000, {{"n", 1}});
  Schedule(*db, "a", 9'000, {{"n", 2}});
  Schedule(*db, "b", 1'000);
  ASSERT_TRUE(db->Write([](Tx& tx) { return CancelJob(tx, "test", "b"); }).ok());
  std::optional<ScheduledJob> found;
  ASSERT_TRUE(db->Read([&](Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(found, FindJob(tx, "test", "a"));
                  return OkStatus();
                }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->due_at, 9'000);
  EXPECT_EQ(found->payload.at("n").as_int64(), 2);
  int64_t now = 8'000;
  Scheduler scheduler(*db, [&] { return now; });
  scheduler.Register("test", Logging());
  EXPECT_EQ(scheduler.RunDue().value(), 0);  // neither the moved job nor the cancelled one
  now = 9'000;
  EXPECT_EQ(scheduler.RunDue().value(), 1);
}

TEST(SchedulerTest, AFailingHandlerRollsBackAndRetriesWithBackoff) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  int64_t now = 100'000;
  Schedule(*db, "flaky", now);
  int calls = 0;
  Scheduler scheduler(*db, [&] { return now; });
  scheduler.Register("test", [&](Tx& tx, const ScheduledJob& job) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kLogRun, {job.key}));
    if (++calls == 1) return Error::Unavailable("not now");
    return OkStatus();
  });
  EXPECT_EQ(scheduler.RunDue().value(), 1);
  EXPECT_TRUE(Runs(*db).empty());  // the failed run's effects rolled back
  std::optional<ScheduledJob> job;
  ASSERT_TRUE(db->Read([&](Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(job, FindJob(tx, "test", "flaky"));
                  return OkStatus();
                }).ok());
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->attempts, 1);
  EXPECT_EQ(job->due_at, now + 1'000);
  EXPECT_EQ(scheduler.RunDue().value(), 0);  // waits out its backoff
  now += 1'000;
  EXPECT_EQ(scheduler.RunDue().value(), 1);
  EXPECT_EQ(Runs(*db), (std::vector<std::string>{"flaky"}));
}

TEST(SchedulerTest, AHandlerMayRescheduleItsOwnJob) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  int64_t now = 0;
  Schedule(*db, "tick", 0);
  Scheduler scheduler(*db, [&] { return now; });
  scheduler.Register("test", [](Tx& tx, const ScheduledJob& job) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kLogRun, {job.key}));
    return ScheduleJob(tx, job.kind, job.key, job.due_at + 10);
  });
  EXPECT_EQ(scheduler.RunDue().value(), 1);
  now = 25;
  EXPECT_EQ(scheduler.RunDue().value(), 2);  // due at 10 and 20
  EXPECT_EQ(Runs(*db).size(), 3u);
}

TEST(SchedulerTest, ARestartNeitherSkipsNorRepeats) {
  testing::TempDir dir;
  const int64_t now = NowMillis();
  {
    auto db = OpenDb(dir);
    Schedule(*db, "done", now - 2);
    Schedule(*db, "waiting", now - 1);
    Scheduler scheduler(*db, [&] { return now - 2; });  // the server stopped after one job
    scheduler.Register("test", Logging());
    EXPECT_EQ(scheduler.RunDue().value(), 1);
  }
  auto db = OpenDb(dir);
  Scheduler scheduler(*db, [&] { return now; });
  scheduler.Register("test", Logging());
  EXPECT_EQ(scheduler.RunDue().value(), 1);
  EXPECT_EQ(Runs(*db), (std::vector<std::string>{"done", "waiting"}));
}

TEST(SchedulerTest, TheThreadWakesForAnEarlierJobAndRunsItWhenDue) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  Schedule(*db, "far", NowMillis() + 3'600'000);
  Scheduler scheduler(*db);
  scheduler.Register("test", Logging());
  db->SetCommitListener([&scheduler] { scheduler.Notify(); });
  scheduler.Start();
  const auto started = std::chrono::steady_clock::now();
  Schedule(*db, "soon", NowMillis() + 150);
  while (Runs(*db).empty() &&
         std::chrono::steady_clock::now() - started < std::chrono::seconds(5)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  scheduler.Stop();
  db->SetCommitListener(nullptr);
  EXPECT_EQ(Runs(*db), (std::vector<std::string>{"soon"}));
  EXPECT_GE(waited, std::chrono::milliseconds(140));  // not before it was due
}

TEST(SchedulerTest, JobsOfAnUnknownKindWaitInsteadOfSpinning) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  const int64_t now = 50'000;
  ASSERT_TRUE(db->Write([&](Tx& tx) { return ScheduleJob(tx, "future.kind", "x", now); }).ok());
  Scheduler scheduler(*db, [&] { return now; });
  EXPECT_EQ(scheduler.RunDue().value(), 1);
  EXPECT_EQ(scheduler.RunDue().value(), 0);
  std::optional<ScheduledJob> job;
  ASSERT_TRUE(db->Read([&](Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(job, FindJob(tx, "future.kind", "x"));
                  return OkStatus();
                }).ok());
  ASSERT_TRUE(job.has_value());  // kept for a version that knows it
  EXPECT_EQ(job->due_at, now + Scheduler::kMaxBackoffMillis);
}

}  // namespace
}  // namespace rapport::storage
