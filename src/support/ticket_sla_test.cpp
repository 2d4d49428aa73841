#include "support/ticket_sla.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/customer_tickets.hpp"
#include "support/desk_settings.hpp"
#include "support/queue_service.hpp"
#include "support/sla_sweep.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

constexpr std::string_view kCountEvents = "SELECT COUNT(*) FROM events WHERE type = ?";
constexpr int64_t kMinute = 60'000;

class TicketSlaTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    tickets_ = std::make_unique<TicketService>(*db_);
    policies_ = std::make_unique<DeskSettingsService>(*db_, DeskSetting::kPolicy);
    calendars_ = std::make_unique<DeskSettingsService>(*db_, DeskSetting::kCalendar);
  }

  // A scheduler as a restarted server would build it, at `now`.
  int64_t RunScheduler(int64_t now) {
    storage::Scheduler scheduler(*db_, [now] { return now; });
    scheduler.Register(std::string(kSlaJobKind), SlaJobHandler([now] { return now; }));
    return scheduler.RunDue().value();
  }

  void DefaultPolicy(std::string_view targets, int warning_minutes = 60) {
    auto policy = policies_->Create(all_, context_,
                                    Obj(R"({"name":"Default","default":true,"warning_minutes":)" +
                                        std::to_string(warning_minutes) +
                                        R"(,"targets":{"normal":)" + std::string(targets) + "}}"));
    ASSERT_TRUE(policy.ok()) << policy.error().message;
    // The new policy's re-evaluation pass (sla_sweep.hpp), over no tickets yet: run before the
    // tests count the scheduler's runs.
    storage::Scheduler sweep(*db_);
    sweep.Register(std::string(kSlaSweepJobKind), SlaSweepHandler(NowMillis));
    ASSERT_EQ(sweep.RunDue().value(), 1);
  }

  json::object NewTicket() {
    auto ticket = tickets_->Create(
        all_, context_,
        Obj(R"({"subject":"Help","requester":{"email":"ann@example.com"},"message":{"body_text":"x"}})"));
    EXPECT_TRUE(ticket.ok()) << ticket.error().message;
    return ticket.ok() ? *ticket : json::object();
  }

  int64_t Count(std::string_view type) {
    int64_t count = 0;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                                              tx.Query(kCountEvents, {std::string(type)}));
                     count = rows.front().Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }

  std::optional<storage::ScheduledJob> Job(const std::string& ticket_id) {
    std::optional<storage::ScheduledJob> job;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(job, storage::FindJob(tx, kSlaJobKind, ticket_id));
                     return OkStatus();
                   })
                    .ok());
    return job;
  }

  json::object Sla(const std::string& ticket_id) {
    auto ticket = tickets_->Get(all_, ticket_id);
    EXPECT_TRUE(ticket.ok());
    return ticket->at("sla").is_object() ? ticket->at("sla").as_object() : json::object();
  }

  static std::string Id(const json::object& ticket) {
    return std::string(ticket.at("id").as_string());
  }
  static int64_t Created(const json::object& ticket) {
    return ParseInstant(ticket.at("created_at").as_string()).value();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<DeskSettingsService> policies_;
  std::unique_ptr<DeskSettingsService> calendars_;
  const access::Access& all_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(TicketSlaTest, WithoutAPolicyATicketHasNoClockAndNoJob) {
  const json::object ticket = NewTicket();
  EXPECT_TRUE(ticket.at("sla").is_null());
  EXPECT_FALSE(Job(Id(ticket)).has_value());
}

TEST_F(TicketSlaTest, AOneMinuteTargetBreachesOnceAndTheBreachIsATrait) {
  DefaultPolicy(R"({"first_response":{"minutes":1,"hours":"calendar"}})", 0);
  const json::object ticket = NewTicket();
  const json::object& sla = ticket.at("sla").as_object();
  EXPECT_EQ(sla.at("first_response").at("state"), "running");
  const int64_t due = Created(ticket) + kMinute;
  EXPECT_EQ(sla.at("first_response").at("due_at"), json::value(FormatInstant(due)));
  EXPECT_EQ(sla.at("due_at"), json::value(FormatInstant(due)));
  auto job = Job(Id(ticket));
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->due_at, due + 1);  // a reply at the due instant still meets it

  EXPECT_EQ(RunScheduler(due), 0);  // not yet
  EXPECT_EQ(RunScheduler(due + 1), 1);
  EXPECT_EQ(Count("ticket.sla_breached"), 1);
  EXPECT_FALSE(Job(Id(ticket)).has_value());  // nothing left to watch
  EXPECT_EQ(RunScheduler(due + 10 * kMinute), 0);
  // A later re-evaluation (what any change of the ticket does) announces nothing again.
  ASSERT_TRUE(db_->Write([&](Tx& tx) {
                   return RefreshTicketSla(tx, context_, Id(ticket), due + 20 * kMinute);
                 })
                  .ok());
  EXPECT_EQ(Count("ticket.sla_breached"), 1);
  // The handler stored the breached clock on the ticket.
  const json::object after = Sla(Id(ticket));
  EXPECT_EQ(after.at("first_response").at("state"), "breached");
  EXPECT_EQ(after.at("breached"), true);
  EXPECT_TRUE(after.at("due_at").is_string());  // still owed: it leads the breaching-soon view

  customers::CustomerTraits traits;
  ASSERT_TRUE(RegisterCustomerTraits(traits).ok());
  customers::CustomerService customers(*db_, traits);
  auto breached = customers.List(
      all_, {.filter = ParseJson(R"({"field":"breaches_30d","op":"eq","value":1})").value()});
  ASSERT_TRUE(breached.ok()) << breached.error().message;
  ASSERT_EQ(breached->data.size(), 1u);
  EXPECT_EQ(breached->data[0].at("id"), ticket.at("customer_id"));
}

TEST_F(TicketSlaTest, AReplyBeforeTheDueTimeCancelsTheJob) {
  DefaultPolicy(R"({"first_response":{"minutes":1,"hours":"calendar"}})", 0);
  const json::object ticket = NewTicket();
  ASSERT_TRUE(Job(Id(ticket)).has_value());
  auto replied = tickets_->AddMessage(all_, context_, Id(ticket), Obj(R"({"body_text":"On it"})"),
                                      std::nullopt);
  ASSERT_TRUE(replied.ok());
  EXPECT_EQ(replied->at("ticket").at("sla").at("first_response").at("state"), "met");
  EXPECT_FALSE(Job(Id(ticket)).has_value());
  EXPECT_EQ(RunScheduler(Created(ticket) + 5 * kMinute), 0);
  EXPECT_EQ(Count("ticket.sla_breached"), 0);
}

TEST_F(TicketSlaTest, ARestartBetweenSchedulingAndDueTimeNeitherSkipsNorRepeats) {
  DefaultPolicy(R"({"first_response":{"minutes":1,"hours":"calendar"}})", 0);
  const json::object ticket = NewTicket();
  const int64_t due = Created(ticket) + kMinute;
  tickets_.reset();
  policies_.reset();
  calendars_.reset();
  db_.reset();  // the server stops before the job is due
  Open();
  EXPECT_EQ(RunScheduler(due + 5 * kMinute), 1);  // the job survived the restart
  EXPECT_EQ(Count("ticket.sla_breached"), 1);
  db_.reset();
  Open();
  EXPECT_EQ(RunScheduler(due + 6 * kMinute), 0);
  EXPECT_EQ(Count("ticket.sla_breached"), 1);
}

TEST_F(TicketSlaTest, AWarningFiresOnceBeforeTheBreach) {
  DefaultPolicy(R"({"first_response":{"minutes":10,"hours":"calendar"}})", 4);
  const json::object ticket = NewTicket();
  const int64_t created = Created(ticket);
  EXPECT_EQ(Job(Id(ticket))->due_at, created + 6 * kMinute);
  EXPECT_EQ(RunScheduler(created + 6 * kMinute), 1);
  EXPECT_EQ(Count("ticket.sla_warning"), 1);
  EXPECT_EQ(Job(Id(ticket))->due_at, created + 10 * kMinute + 1);  // now the breach
  EXPECT_EQ(RunScheduler(created + 7 * kMinute), 0);
  EXPECT_EQ(RunScheduler(created + 11 * kMinute), 1);
  EXPECT_EQ(Count("ticket.sla_warning"), 1);
  EXPECT_EQ(Count("ticket.sla_breached"), 1);
}

TEST_F(TicketSlaTest, PendingPausesTheClockAndRemovesTheJobUntilItRuns) {
  DefaultPolicy(R"({"resolution":{"minutes":60,"hours":"calendar"}})", 0);
  const json::object ticket = NewTicket();
  ASSERT_TRUE(Job(Id(ticket)).has_value());
  auto pending =
      tickets_->Update(all_, context_, Id(ticket), Obj(R"({"status":"pending"})"), std::nullopt);
  ASSERT_TRUE(pending.ok()) << pending.error().message;
  EXPECT_EQ(pending->at("sla").at("resolution").at("state"), "paused");
  EXPECT_TRUE(pending->at("sla").at("due_at").is_null());
  EXPECT_FALSE(Job(Id(ticket)).has_value());
  auto reopened =
      tickets_->Update(all_, context_, Id(ticket), Obj(R"({"status":"open"})"), std::nullopt);
  ASSERT_TRUE(reopened.ok());
  auto job = Job(Id(ticket));
  ASSERT_TRUE(job.has_value());
  EXPECT_GE(job->due_at, Created(ticket) + 60 * kMinute + 1);  // moved by the pause
}

TEST_F(TicketSlaTest, TheQueueChoosesItsPolicyAndCalendar) {
  DefaultPolicy(R"({"first_response":{"minutes":600,"hours":"calendar"}})");
  auto urgent = policies_->Create(
      all_, context_,
      Obj(R"({"name":"Quick","targets":{"normal":{"first_response":{"minutes":5,"hours":"business"}}}})"));
  ASSERT_TRUE(urgent.ok()) << urgent.error().message;
  auto always = calendars_->Create(
      all_, context_,
      Obj(R"({"name":"Always","time_zone":"Europe/Berlin","week":{"monday":[{"start":"00:00","end":"24:00"}],"tuesday":[{"start":"00:00","end":"24:00"}],"wednesday":[{"start":"00:00","end":"24:00"}],"thursday":[{"start":"00:00","end":"24:00"}],"friday":[{"start":"00:00","end":"24:00"}],"saturday":[{"start":"00:00","end":"24:00"}],"sunday":[{"start":"00:00","end":"24:00"}]}})"));
  ASSERT_TRUE(always.ok()) << always.error().message;
  QueueService queues(*db_);
  auto queue = queues.Create(
      all_, context_,
      Obj(R"({"name":"Billing","sla_policy_id":")" + std::string(urgent->at("id").as_string()) +
          R"(","calendar_id":")" + std::string(always->at("id").as_string()) + "\"}"));
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  auto ticket = tickets_->Create(
      all_, context_,
      Obj(R"({"subject":"Bill","queue_id":")" + std::string(queue->at("id").as_string()) +
          R"(","requester":{"email":"bob@example.com"},"message":{"body_text":"x"}})"));
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->at("sla").at("policy_id"), urgent->at("id"));
  EXPECT_EQ(ticket->at("sla").at("first_response").at("due_at"),
            json::value(FormatInstant(Created(*ticket) + 5 * kMinute)));
  // A calendar or policy a queue uses stays.
  EXPECT_EQ(
      policies_->Delete(all_, context_, std::string(urgent->at("id").as_string()), std::nullopt)
          .error()
          .code,
      ErrorCode::kConflict);
  // The breaching-soon view lists tickets by their earliest due time.
  auto soon = tickets_->List(all_, {.sort = "sla_due_at"});
  ASSERT_TRUE(soon.ok()) << soon.error().message;
  ASSERT_EQ(soon->data.size(), 1u);
  EXPECT_EQ(soon->data[0].at("id"), ticket->at("id"));
}

TEST_F(TicketSlaTest, BadCalendarsAndPoliciesNameTheField) {
  auto calendar = calendars_->Create(
      all_, context_,
      Obj(R"({"name":"Office","time_zone":"Europe/Berlin","week":{"monday":[{"start":"09:00","end":"25:00"}]}})"));
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(calendar.error().field_errors.empty());
  EXPECT_EQ(calendar.error().field_errors.front().field, "week.monday[0].end");
  auto policy = policies_->Create(
      all_, context_, Obj(R"({"targets":{"normal":{"resolution":{"minutes":0}}},"default":1})"));
  ASSERT_FALSE(policy.ok());
  std::vector<std::string> fields;
  for (const auto& error : policy.error().field_errors) fields.push_back(error.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "name"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "default"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "targets.normal.resolution.minutes"),
            fields.end());
  auto listed = policies_->List(all_);
  EXPECT_TRUE(listed.ok() && listed->empty());  // nothing written
}

}  // namespace
}  // namespace rapport::support
