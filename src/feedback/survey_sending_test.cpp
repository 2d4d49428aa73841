// Sending surveys over a real SQLite database: invitations by e-mail (the mailer seam, the
// derived token, no_email), the mail's words, sends to a filter worked through in batches with
// their counts, and triggers turning events into scheduled asks.
#include <gtest/gtest.h>

#include <array>

#include "access/directory.hpp"
#include "common/time.hpp"
#include "feedback/invitation_rows.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_mail.hpp"
#include "feedback/survey_sends.hpp"
#include "feedback/survey_triggers.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

const access::Access& kAll = access::Access::Unrestricted();
constexpr std::string_view kCreated = "2026-01-01T00:00:00.000Z";

struct QueuedMail {
  std::string invitation_id;
  std::string customer_id;
  std::string address;
};

class SurveySendingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Ten customers: even ones are "customer", odd ones "lead"; cus_9 has no e-mail address and
    // cus_1 writes German.
    ASSERT_TRUE(
        db_->Write([](storage::Tx& tx) -> Status {
             for (int i = 0; i < 10; ++i) {
               const std::string id = "cus_" + std::to_string(i);
               RAPPORT_RETURN_IF_ERROR(tx.Exec(
                   "INSERT INTO customers (id, first_name, display_name, language, "
                   "relationship_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {id, "Name" + std::to_string(i), "Name " + std::to_string(i),
                    i == 1 ? "de" : "en", i % 2 == 0 ? "customer" : "lead", std::string(kCreated),
                    std::string(kCreated)}));
               if (i == 9) continue;
               RAPPORT_RETURN_IF_ERROR(
                   tx.Exec("INSERT INTO customer_emails (customer_id, position, address, "
                           "address_key, is_primary) VALUES (?, 0, ?, ?, 1)",
                           {id, id + "@example.com", id + "@example.com"}));
             }
             return OkStatus();
           })
            .ok());
  }
  json::object Object(std::string_view text) { return ParseJsonObject(text).value(); }
  std::string Create(std::string_view body) {
    auto created = surveys_.Create(kAll, context_, Object(body));
    EXPECT_TRUE(created.ok()) << created.error().message;
    return std::string(created->at("id").as_string());
  }
  InvitationMailer Mailer() {
    return InvitationMailer{
        .token_for = [](const std::string& id) { return "derived-" + id.substr(4, 14); },
        .queue = [this](storage::Tx&, const std::string& invitation, const std::string& customer,
                        const std::string& address) -> Status {
          mails_.push_back({invitation, customer, address});
          return OkStatus();
        }};
  }
  // Runs the send's scheduled job until it stops rescheduling itself; how many runs it took.
  int RunSend(const std::string& send_id) {
    int runs = 0;
    for (;;) {
      bool pending = false;
      EXPECT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                       RAPPORT_ASSIGN_OR_RETURN(auto job,
                                                storage::FindJob(tx, kSendJobKind, send_id));
                       if (!job) return OkStatus();
                       pending = true;
                       RAPPORT_RETURN_IF_ERROR(storage::CancelJob(tx, kSendJobKind, send_id));
                       return sends_.JobHandler()(tx, *job);
                     })
                      .ok());
      if (!pending || ++runs > 100) return runs;
    }
  }
  int64_t Count(std::string_view sql) {
    int64_t count = -1;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
                     count = rows.front().Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  std::vector<QueuedMail> mails_;
  SurveyService surveys_{*db_};
  SurveyInvitations invitations_{*db_, "https://crm.example",
                                 ContactBudgetPolicy{.max_asks = 1, .per_days = 14}, Mailer()};
  access::AccessDirectory directory_{*db_};
  SurveySends sends_{*db_, invitations_, customers::NoCustomerTraits(), directory_};
};

TEST_F(SurveySendingTest, AMailedInvitationQueuesItsMailAndNeverShowsTheLink) {
  const std::string survey = Create(R"({"name": "Service NPS", "kind": "nps"})");
  auto invited = invitations_.Invite(kAll, context_, survey,
                                     Object(R"({"customer_id": "cus_1", "delivery": "email"})"));
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_EQ(invited->at("status").as_string(), "sent");
  EXPECT_EQ(invited->at("delivery").as_string(), "email");
  EXPECT_TRUE(invited->at("link").is_null());
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].invitation_id, invited->at("id").as_string());
  EXPECT_EQ(mails_[0].address, "cus_1@example.com");

  // The derived token opens the page: the mail's link works though it was never stored.
  const std::string token = "derived-" + mails_[0].invitation_id.substr(4, 14);
  ASSERT_EQ(token.size(), kLinkTokenLength);
  auto step = invitations_.Current(token);
  ASSERT_TRUE(step.ok()) << step.error().message;
  EXPECT_EQ(step->language, "de");

  // The words, in German for a German customer, with the link and the first name.
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   auto mail = ComposeInvitationMail(tx, mails_[0].invitation_id,
                                                     "https://crm.example/s/" + token);
                   EXPECT_TRUE(mail.ok());
                   EXPECT_NE(mail->subject.find("Service NPS"), std::string::npos);
                   EXPECT_NE(mail->text.find("Hallo Name1,"), std::string::npos);
                   EXPECT_NE(mail->text.find("https://crm.example/s/" + token), std::string::npos);
                   EXPECT_NE(mail->html.find("href=\"https://crm.example/s/"), std::string::npos);
                   return OkStatus();
                 })
                  .ok());
}

TEST_F(SurveySendingTest, NoAddressIsRecordedAsNoEmailAndSpendsNoBudget) {
  const std::string survey = Create(R"({"name": "NPS", "kind": "nps"})");
  auto invited = invitations_.Invite(kAll, context_, survey,
                                     Object(R"({"customer_id": "cus_9", "delivery": "email"})"));
  ASSERT_TRUE(invited.ok());
  EXPECT_EQ(invited->at("status").as_string(), "no_email");
  EXPECT_TRUE(mails_.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contact_asks"), 0);
  // A link invitation to the same customer still goes: the budget was not spent.
  auto linked = invitations_.Invite(kAll, context_, survey, Object(R"({"customer_id": "cus_9"})"));
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked->at("status").as_string(), "sent");
  EXPECT_FALSE(linked->at("link").is_null());
}

TEST_F(SurveySendingTest, TheMailOfAnAnsweredInvitationIsNotSent) {
  const std::string survey = Create(R"({"name": "CSAT", "kind": "csat"})");
  auto invited = invitations_.Invite(kAll, context_, survey,
                                     Object(R"({"customer_id": "cus_2", "delivery": "email"})"));
  ASSERT_TRUE(invited.ok());
  const std::string id(invited->at("id").as_string());
  ASSERT_TRUE(
      invitations_.Submit(context_, "derived-" + id.substr(4, 14), "score", json::value(5)).ok());
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   auto mail = ComposeInvitationMail(tx, id, "https://x/s/t");
                   EXPECT_FALSE(mail.ok());
                   EXPECT_EQ(mail.error().code, ErrorCode::kNotFound);
                   return OkStatus();
                 })
                  .ok());
}

TEST_F(SurveySendingTest, ASendAsksEveryMatchingCustomerOnceInBatchesAndCountsWhatHappened) {
  const std::string survey = Create(R"({"name": "NPS", "kind": "nps"})");
  // cus_0 already holds an open invitation: skipped. cus_2 was asked for something else this
  // week: throttled. cus_9 (odd: not matched) has no address anyway.
  ASSERT_TRUE(invitations_
                  .Invite(kAll, context_, survey,
                          Object(R"({"customer_id": "cus_0", "delivery": "email"})"))
                  .ok());
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       AskOutcome asked,
                       TryAsk(tx, "cus_2", "loyalty_mail",
                              ContactBudgetPolicy{.max_asks = 1, .per_days = 14}, NowMillis()));
                   EXPECT_EQ(asked, AskOutcome::kAllowed);
                   return OkStatus();
                 })
                  .ok());
  mails_.clear();
  auto started = sends_.Start(
      kAll, context_, survey,
      Object(R"({"filter": {"field": "relationship_type", "op": "eq", "value": "customer"}})"));
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_EQ(started->at("status").as_string(), "running");
  EXPECT_EQ(started->at("total").as_int64(), 5);  // cus_0, 2, 4, 6, 8
  const std::string send(started->at("id").as_string());

  EXPECT_GE(RunSend(send), 1);
  auto done = sends_.Get(kAll, survey, send);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->at("status").as_string(), "done");
  EXPECT_EQ(done->at("processed").as_int64(), 5);
  EXPECT_EQ(done->at("sent").as_int64(), 3);
  EXPECT_EQ(done->at("throttled").as_int64(), 1);
  EXPECT_EQ(done->at("skipped").as_int64(), 1);
  EXPECT_EQ(done->at("progress").as_int64(), 100);
  EXPECT_EQ(mails_.size(), 3u);
  for (const auto& mail : mails_) EXPECT_NE(mail.customer_id, "cus_2");  // throttled: no mail
  EXPECT_EQ(Count("SELECT COUNT(*) FROM survey_invitations WHERE send_id IS NOT NULL"), 4);

  // A second send to the same filter asks nobody twice: all skipped or throttled.
  mails_.clear();
  auto again = sends_.Start(
      kAll, context_, survey,
      Object(R"({"filter": {"field": "relationship_type", "op": "eq", "value": "customer"}})"));
  ASSERT_TRUE(again.ok());
  RunSend(std::string(again->at("id").as_string()));
  EXPECT_TRUE(mails_.empty());
}

TEST_F(SurveySendingTest, ASendIsRefusedWithTheFieldAtFaultAndWritesNothing) {
  const std::string survey = Create(R"({"name": "NPS", "kind": "nps"})");
  auto no_filter = sends_.Start(kAll, context_, survey, Object(R"({})"));
  ASSERT_FALSE(no_filter.ok());
  EXPECT_EQ(no_filter.error().field_errors.at(0).field, "filter");
  auto bad_op = sends_.Start(kAll, context_, survey,
                             Object(R"({"filter": {"field": "last_name", "op": "near"}})"));
  ASSERT_FALSE(bad_op.ok());
  EXPECT_EQ(bad_op.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_op.error().field_errors.at(0).field.rfind("filter", 0), 0u);
  auto link = sends_.Start(kAll, context_, survey, Object(R"({"filter": {}, "delivery": "link"})"));
  ASSERT_FALSE(link.ok());
  EXPECT_EQ(link.error().field_errors.at(0).field, "delivery");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM survey_sends"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_jobs"), 0);
}

TEST_F(SurveySendingTest, ACancelledSendStopsBeforeItsNextBatch) {
  const std::string survey = Create(R"({"name": "NPS", "kind": "nps"})");
  auto started = sends_.Start(kAll, context_, survey, Object(R"({"filter": {}})"));
  ASSERT_TRUE(started.ok()) << started.error().message;
  const std::string send(started->at("id").as_string());
  auto cancelled = sends_.Cancel(kAll, survey, send);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->at("status").as_string(), "cancelled");
  EXPECT_EQ(RunSend(send), 0);
  EXPECT_TRUE(mails_.empty());
  EXPECT_EQ(sends_.Cancel(kAll, survey, send).error().code, ErrorCode::kConflict);
}

TEST_F(SurveySendingTest, TriggersAreCheckedWithTheFieldAtFault) {
  EXPECT_TRUE(ParseTrigger(json::value(nullptr)).ok());
  auto quiet = ParseTrigger(ParseJson(R"({"on": "no_purchase"})").value());
  ASSERT_FALSE(quiet.ok());
  EXPECT_EQ(quiet.error().field_errors.at(0).field, "trigger.days");
  auto unknown = ParseTrigger(ParseJson(R"({"on": "birthday"})").value());
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "trigger.on");
  auto far = ParseTrigger(ParseJson(R"({"on": "ticket_solved", "days": 31})").value());
  EXPECT_EQ(far.error().field_errors.at(0).field, "trigger.days");
  auto ok = ParseTrigger(ParseJson(R"({"on": "order_fulfilled", "days": 7})").value());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->days, 7);
}

TEST_F(SurveySendingTest, AFulfilledOrderSchedulesTheAskAndTheJobInvitesByMail) {
  const std::string survey = Create(
      R"({"name": "After delivery", "kind": "csat", "trigger": {"on": "order_fulfilled", "days": 3}})");
  SurveyTriggers triggers;
  const int64_t now = NowMillis();
  storage::Event event{.type = "order.updated",
                       .aggregate_type = "customer",
                       .aggregate_id = "cus_4",
                       .occurred_at = FormatInstant(now),
                       .payload = Object(R"({"order": {"id": "ord_1", "status": "fulfilled"}})")};
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return triggers.Apply(tx, event); }).ok());
  // Replayed: still one job.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return triggers.Apply(tx, event); }).ok());
  std::optional<storage::ScheduledJob> job;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       job, storage::FindJob(tx, kTriggerJobKind, survey + ":ord_1"));
                   return OkStatus();
                 })
                  .ok());
  ASSERT_TRUE(job.has_value());
  EXPECT_NEAR(static_cast<double>(job->due_at - now), 3.0 * 86400000, 1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_jobs"), 1);

  // An event of long ago (an import) asks nobody.
  storage::Event old = event;
  old.occurred_at = "2020-01-01T00:00:00.000Z";
  old.payload = Object(R"({"order": {"id": "ord_2", "status": "fulfilled"}})");
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return triggers.Apply(tx, old); }).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_jobs"), 1);

  // The job, when due: a mailed invitation about the order. (The order row is not needed: the
  // trigger names it.)
  auto handler = TriggerJobHandler(invitations_, [now] { return now + int64_t{3} * 86400000; });
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, *job); }).ok());
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].customer_id, "cus_4");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM survey_invitations WHERE about_order_id = 'ord_1' AND "
                  "send_id = 'trigger:order_fulfilled'"),
            1);
  // Run again (a retried job): the open invitation stops a second ask.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, *job); }).ok());
  EXPECT_EQ(mails_.size(), 1u);

  // Staff removed the trigger before the next one fell due: nothing is sent.
  auto survey_now = surveys_.Get(kAll, survey);
  ASSERT_TRUE(surveys_
                  .Update(kAll, context_, survey, Object(R"({"trigger": null})"),
                          survey_now->at("version").as_int64())
                  .ok());
  storage::ScheduledJob other = *job;
  other.payload["customer_id"] = "cus_6";
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, other); }).ok());
  EXPECT_EQ(mails_.size(), 1u);
}

TEST_F(SurveySendingTest, EveryOrderMovesTheQuietSpellAsk) {
  const std::string survey = Create(
      R"({"name": "Miss you", "kind": "nps", "trigger": {"on": "no_purchase", "days": 60}})");
  SurveyTriggers triggers;
  const int64_t now = NowMillis();
  for (const int64_t at : std::array<int64_t, 2>{now - int64_t{10} * 86400000, now}) {
    storage::Event placed{.type = "order.placed",
                          .aggregate_type = "customer",
                          .aggregate_id = "cus_2",
                          .occurred_at = FormatInstant(at),
                          .payload = Object(R"({"order": {"id": "ord_x"}})")};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return triggers.Apply(tx, placed); }).ok());
  }
  std::optional<storage::ScheduledJob> job;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       job, storage::FindJob(tx, kTriggerJobKind, survey + ":cus_2"));
                   return OkStatus();
                 })
                  .ok());
  ASSERT_TRUE(job.has_value());
  // One job per customer, due 60 days after the latest order.
  EXPECT_NEAR(static_cast<double>(job->due_at - now), 60.0 * 86400000, 1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM scheduled_jobs"), 1);
}

// first_purchase: the order.placed of a customer's only order schedules the ask; a customer who
// had bought before is not asked, and the job mails the invitation when due.
TEST_F(SurveySendingTest, OnlyACustomersFirstOrderSchedulesTheFirstPurchaseAsk) {
  const std::string survey = Create(
      R"({"name": "Welcome", "kind": "csat", "trigger": {"on": "first_purchase", "days": 2}})");
  const int64_t now = NowMillis();
  // cus_4 has one order, cus_2 two (the orders the events announce are already stored).
  ASSERT_TRUE(
      db_->Write([&](storage::Tx& tx) -> Status {
           for (const auto& [order, customer] : std::vector<std::pair<std::string, std::string>>{
                    {"ord_a", "cus_4"}, {"ord_b", "cus_2"}, {"ord_c", "cus_2"}}) {
             RAPPORT_RETURN_IF_ERROR(tx.Exec(
                 "INSERT INTO orders (id, customer_id, placed_at, status, currency, "
                 "channel, subtotal_cents, discount_cents, total_cents, created_at, "
                 "updated_at) VALUES (?, ?, ?, 'placed', 'EUR', 'web', 100, 0, 100, ?, ?)",
                 {order, customer, FormatInstant(now), FormatInstant(now), FormatInstant(now)}));
           }
           return OkStatus();
         })
          .ok());
  SurveyTriggers triggers;
  for (const auto& [customer, order] :
       std::vector<std::pair<std::string, std::string>>{{"cus_4", "ord_a"}, {"cus_2", "ord_c"}}) {
    storage::Event placed{.type = "order.placed",
                          .aggregate_type = "customer",
                          .aggregate_id = customer,
                          .occurred_at = FormatInstant(now),
                          .payload = Object(R"({"order": {"id": ")" + order + R"("}})")};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return triggers.Apply(tx, placed); }).ok());
  }
  std::optional<storage::ScheduledJob> job;
  std::optional<storage::ScheduledJob> repeat_buyer;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       job, storage::FindJob(tx, kTriggerJobKind, survey + ":cus_4"));
                   RAPPORT_ASSIGN_OR_RETURN(
                       repeat_buyer, storage::FindJob(tx, kTriggerJobKind, survey + ":cus_2"));
                   return OkStatus();
                 })
                  .ok());
  ASSERT_TRUE(job.has_value());
  EXPECT_FALSE(repeat_buyer.has_value());
  EXPECT_NEAR(static_cast<double>(job->due_at - now), 2.0 * 86400000, 1000);

  auto handler = TriggerJobHandler(invitations_, [now] { return now + int64_t{2} * 86400000; });
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, *job); }).ok());
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].customer_id, "cus_4");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM survey_invitations WHERE customer_id = 'cus_4' AND "
                  "send_id = 'trigger:first_purchase'"),
            1);
}

}  // namespace
}  // namespace rapport::feedback
