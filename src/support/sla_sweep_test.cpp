// The re-evaluation pass: a calendar's new holiday moves an open ticket's due time, the pass
// walks the tickets in bounded batches and goes on from its cursor after a failed (or crashed)
// run, and it ends instead of spinning.
#include "support/sla_sweep.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "common/time.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/desk_settings.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_service.hpp"
#include "support/ticket_sla.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
std::string Id(const json::object& record) { return std::string(record.at("id").as_string()); }

constexpr int64_t kDay = 24 * 60 * 60 * 1000;
constexpr std::string_view kAllWeek =
    R"("time_zone":"UTC","week":{"monday":[{"start":"00:00","end":"24:00"}],)"
    R"("tuesday":[{"start":"00:00","end":"24:00"}],"wednesday":[{"start":"00:00","end":"24:00"}],)"
    R"("thursday":[{"start":"00:00","end":"24:00"}],"friday":[{"start":"00:00","end":"24:00"}],)"
    R"("saturday":[{"start":"00:00","end":"24:00"}],"sunday":[{"start":"00:00","end":"24:00"}]})";

class SlaSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    auto calendar =
        calendars_->Create(all_, context_, Obj(R"({"name":"Desk",)" + std::string(kAllWeek) + "}"));
    ASSERT_TRUE(calendar.ok()) << calendar.error().message;
    calendar_id_ = Id(*calendar);
    auto policy = DeskSettingsService(*db_, DeskSetting::kPolicy)
                      .Create(all_, context_,
                              Obj(R"({"name":"Default","default":true,"targets":{"normal":)"
                                  R"({"resolution":{"minutes":600}}}})"));
    ASSERT_TRUE(policy.ok()) << policy.error().message;
    auto queue = QueueService(*db_).Create(all_, context_,
                                           Obj(R"({"name":"Help","calendar_id":")" + calendar_id_ +
                                               R"(","default_priority":"normal"})"));
    ASSERT_TRUE(queue.ok()) << queue.error().message;
    queue_id_ = Id(*queue);
    RunSweep(NowMillis());  // the policy's own pass, over no tickets yet
  }

  void Open() {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    calendars_ = std::make_unique<DeskSettingsService>(*db_, DeskSetting::kCalendar);
  }

  std::string NewTicket(int n) {
    auto ticket = TicketService(*db_).Create(
        all_, context_,
        Obj(R"({"subject":"Help","queue_id":")" + queue_id_ + R"(","requester":{"email":"c)" +
            std::to_string(n) + R"(@example.com"},"message":{"body_text":"x"}})"));
    EXPECT_TRUE(ticket.ok()) << ticket.error().message;
    return ticket.ok() ? Id(*ticket) : "";
  }

  std::string DueAt(const std::string& ticket_id) {
    auto ticket = TicketService(*db_).Get(all_, ticket_id);
    EXPECT_TRUE(ticket.ok());
    return std::string(ticket->at("sla").at("due_at").as_string());
  }

  // Today and tomorrow (UTC) become holidays: the 10-hour resolution clock starts the day after.
  void CloseTwoDays() {
    const int64_t now = NowMillis();
    const std::string today = FormatInstant(now).substr(0, 10);
    const std::string tomorrow = FormatInstant(now + kDay).substr(0, 10);
    auto changed = calendars_->Update(
        all_, context_, calendar_id_,
        Obj(R"({"holidays":[{"date":")" + today + R"("},{"date":")" + tomorrow + R"("}]})"),
        std::nullopt);
    ASSERT_TRUE(changed.ok()) << changed.error().message;
  }

  std::optional<storage::ScheduledJob> SweepJob() {
    std::optional<storage::ScheduledJob> job;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(job, storage::FindJob(tx, kSlaSweepJobKind, "open"));
                     return OkStatus();
                   })
                    .ok());
    return job;
  }

  // A scheduler as the server builds it, but for the pass only, with `batch`; `runs` counts
  // the handler's runs and `fail_at` makes that run fail (as a crash would lose it).
  int64_t RunSweep(int64_t now, int64_t batch = kSlaSweepBatch, int fail_at = 0) {
    storage::Scheduler scheduler(*db_, [now] { return now; });
    auto handler = SlaSweepHandler([now] { return now; }, batch);
    runs_ = 0;
    scheduler.Register(std::string(kSlaSweepJobKind),
                       [&](Tx& tx, const storage::ScheduledJob& job) -> Status {
                         if (++runs_ == fail_at) return Error::Unavailable("power cut");
                         return handler(tx, job);
                       });
    return scheduler.RunDue().value();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<DeskSettingsService> calendars_;
  std::string calendar_id_;
  std::string queue_id_;
  int runs_ = 0;
  const access::Access& all_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(SlaSweepTest, ANewHolidayMovesAnOpenTicketsDueTimeThroughThePass) {
  const std::string ticket = NewTicket(1);
  const std::string before = DueAt(ticket);
  CloseTwoDays();
  // The request only scheduled the pass: the ticket keeps its due time until the pass runs.
  ASSERT_TRUE(SweepJob().has_value());
  EXPECT_EQ(DueAt(ticket), before);
  EXPECT_EQ(RunSweep(NowMillis()), 1);
  EXPECT_GT(DueAt(ticket), before);
  EXPECT_GE(DueAt(ticket), FormatInstant(NowMillis() + kDay).substr(0, 10));
  EXPECT_FALSE(SweepJob().has_value());  // done: nothing left to wake the scheduler
  EXPECT_EQ(RunSweep(NowMillis()), 0);
}

TEST_F(SlaSweepTest, APassInBatchesGoesOnFromItsCursorAfterARestart) {
  std::vector<std::string> tickets;
  for (int i = 0; i < 5; ++i) tickets.push_back(NewTicket(i));
  std::sort(tickets.begin(), tickets.end());
  std::map<std::string, std::string> before;
  for (const auto& ticket : tickets) before[ticket] = DueAt(ticket);
  CloseTwoDays();
  // Batches of two; the second run fails and rolls back: only the first batch is done.
  RunSweep(NowMillis(), 2, /*fail_at=*/2);
  auto job = SweepJob();
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->payload.at("after"), json::value(tickets[1]));
  EXPECT_GT(DueAt(tickets[1]), before[tickets[1]]);
  EXPECT_EQ(DueAt(tickets[2]), before[tickets[2]]);
  // A restarted server: the pass resumes after tickets[1] (two more runs, not three) and ends.
  db_.reset();
  Open();
  RunSweep(NowMillis() + storage::Scheduler::kMaxBackoffMillis, 2);
  EXPECT_EQ(runs_, 2);
  for (const auto& ticket : tickets) EXPECT_GT(DueAt(ticket), before[ticket]) << ticket;
  EXPECT_FALSE(SweepJob().has_value());
}

TEST_F(SlaSweepTest, SolvedTicketsAreLeftAsTheyWere) {
  const std::string open = NewTicket(1);
  const std::string solved = NewTicket(2);
  auto done = TicketService(*db_).Update(all_, context_, solved, Obj(R"({"status":"solved"})"),
                                         std::nullopt);
  ASSERT_TRUE(done.ok()) << done.error().message;
  const json::value solved_sla = done->at("sla");
  const std::string before = DueAt(open);
  CloseTwoDays();
  RunSweep(NowMillis());
  EXPECT_GT(DueAt(open), before);
  EXPECT_EQ(TicketService(*db_).Get(all_, solved)->at("sla"), solved_sla);
}

TEST_F(SlaSweepTest, ChangingAQueuesCalendarSchedulesThePassButRenamingItDoesNot) {
  QueueService queues(*db_);
  ASSERT_TRUE(
      queues.Update(all_, context_, queue_id_, Obj(R"({"name":"Helpdesk"})"), std::nullopt).ok());
  EXPECT_FALSE(SweepJob().has_value());
  ASSERT_TRUE(
      queues.Update(all_, context_, queue_id_, Obj(R"({"calendar_id":null})"), std::nullopt).ok());
  EXPECT_TRUE(SweepJob().has_value());
}

}  // namespace
}  // namespace rapport::support
