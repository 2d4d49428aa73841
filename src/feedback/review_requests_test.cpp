// Review requests by e-mail and after fulfilment over a real SQLite database: the mailer seam
// and the derived token, consent and no_email recorded without spending the contact budget, the
// mail's words in the request's language, the one budget shared with surveys, and the automatic
// request — scheduled once per order, stale events asking nobody, re-checked when it runs, about
// a product the customer has not reviewed.
#include "feedback/review_requests.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"
#include "feedback/review_auto_requests.hpp"
#include "feedback/review_mail.hpp"
#include "feedback/review_service.hpp"
#include "feedback/review_settings.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

const access::Access& kAll = access::Access::Unrestricted();
constexpr std::string_view kT = "'2026-01-01T00:00:00.000Z'";
constexpr int64_t kDay = int64_t{24} * 60 * 60 * 1000;

struct QueuedMail {
  std::string request_id;
  std::string address;
};

class ReviewRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string t(kT);
    // cus_1 (German, consented) bought a kettle and a mug in ord_1; cus_2 has no consent; cus_3
    // is consented but has no address.
    std::vector<std::string> rows;
    for (const auto& [id, name, language] :
         {std::tuple{"cus_1", "Ada", "de"}, {"cus_2", "Bob", "en"}, {"cus_3", "Cy", "en"}}) {
      rows.push_back(std::string("INSERT INTO customers (id, first_name, display_name, language, "
                                 "created_at, updated_at) VALUES ('") +
                     id + "', '" + name + "', '" + name + "', '" + language + "', " + t + ", " + t +
                     ")");
    }
    for (const char* id : {"cus_1", "cus_2"}) {
      rows.push_back(std::string("INSERT INTO customer_emails (customer_id, position, address, "
                                 "address_key, is_primary) VALUES ('") +
                     id + "', 0, '" + id + "@example.com', '" + id + "@example.com', 1)");
    }
    for (const char* id : {"cus_1", "cus_3"}) {
      rows.push_back(std::string("INSERT INTO consent_records (customer_id, channel, purpose, "
                                 "status, recorded_at) VALUES ('") +
                     id + "', 'email', 'marketing', 'granted', " + t + ")");
    }
    rows.push_back(
        "INSERT INTO products (id, sku, name, price_cents, currency, created_at, updated_at) "
        "VALUES ('prd_1', 'S1', 'Kettle', 1000, 'EUR', " +
        t + ", " + t + "), ('prd_2', 'S2', 'Mug', 500, 'EUR', " + t + ", " + t + ")");
    rows.push_back(
        "INSERT INTO orders (id, customer_id, placed_at, status, currency, channel, "
        "subtotal_cents, discount_cents, total_cents, created_at, updated_at) VALUES ('ord_1', "
        "'cus_1', " +
        t + ", 'fulfilled', 'EUR', 'web', 1500, 0, 1500, " + t + ", " + t + ")");
    rows.push_back(
        "INSERT INTO order_lines (order_id, customer_id, position, product_id, description, "
        "quantity, unit_price_cents, discount_cents, line_total_cents) VALUES "
        "('ord_1', 'cus_1', 1, 'prd_1', 'Kettle', 1, 1000, 0, 1000), "
        "('ord_1', 'cus_1', 2, 'prd_2', 'Mug', 1, 500, 0, 500)");
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     for (const auto& sql : rows) RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     return OkStatus();
                   })
                    .ok());
  }
  json::object Object(std::string_view text) { return ParseJsonObject(text).value(); }
  InvitationMailer Mailer() {
    return InvitationMailer{
        .token_for = [](const std::string& id) { return "derived-" + id.substr(4, 14); },
        .queue = [this](storage::Tx&, const std::string& request, const std::string&,
                        const std::string& address) -> Status {
          mails_.push_back({request, address});
          return OkStatus();
        }};
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
  void Exec(std::string_view sql) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     return OkStatus();
                   })
                    .ok());
  }
  void TurnOnAutoRequests(int64_t days) {
    auto put = settings_.Put(kAll, context_,
                             Object(R"({"auto_request_days": )" + std::to_string(days) + "}"),
                             std::nullopt);
    ASSERT_TRUE(put.ok()) << put.error().message;
  }
  std::optional<storage::ScheduledJob> Job(const std::string& order_id) {
    std::optional<storage::ScheduledJob> job;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(job,
                                              storage::FindJob(tx, kAutoRequestJobKind, order_id));
                     return OkStatus();
                   })
                    .ok());
    return job;
  }
  storage::Event Fulfilled(const std::string& order_id, int64_t at) {
    return storage::Event{
        .type = "order.updated",
        .aggregate_type = "customer",
        .aggregate_id = "cus_1",
        .occurred_at = FormatInstant(at),
        .payload = Object(R"({"order": {"id": ")" + order_id + R"(", "status": "fulfilled"}})")};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  std::vector<QueuedMail> mails_;
  ReviewRequests requests_{*db_, "https://crm.example",
                           ContactBudgetPolicy{.max_asks = 1, .per_days = 14}, Mailer()};
  ReviewSettingsService settings_{*db_};
};

TEST_F(ReviewRequestsTest, AMailedRequestQueuesItsMailInTheCustomersLanguage) {
  auto sent = requests_.Send(
      kAll, context_, Object(R"({"customer_id": "cus_1", "order_id": "ord_1", "product_id": "prd_1",
                 "delivery": "email"})"));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->at("status").as_string(), "sent");
  EXPECT_EQ(sent->at("delivery").as_string(), "email");
  EXPECT_EQ(sent->at("language").as_string(), "de");
  EXPECT_TRUE(sent->at("link").is_null()) << "a mailed link is for the inbox only";
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].address, "cus_1@example.com");

  // The derived token opens the page, though only its hash was stored.
  const std::string token = "derived-" + mails_[0].request_id.substr(4, 14);
  ASSERT_EQ(token.size(), kLinkTokenLength);
  auto page = requests_.Current(token);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->about, "Kettle");

  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   auto mail = ComposeReviewRequestMail(tx, mails_[0].request_id,
                                                        "https://crm.example/r/" + token);
                   EXPECT_TRUE(mail.ok());
                   EXPECT_NE(mail->subject.find("Kettle"), std::string::npos);
                   EXPECT_NE(mail->text.find("Hallo Ada,"), std::string::npos);
                   EXPECT_NE(mail->text.find("wie Ihnen Kettle gef\u00e4llt?"), std::string::npos);
                   EXPECT_NE(mail->text.find("https://crm.example/r/" + token), std::string::npos);
                   EXPECT_NE(mail->html.find("href=\"https://crm.example/r/"), std::string::npos);
                   return OkStatus();
                 })
                  .ok());

  // Reviewed through the link: a retried mail is no longer written.
  ASSERT_TRUE(requests_.Submit(context_, token, ReviewWords{.rating = 5}).ok());
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   auto mail = ComposeReviewRequestMail(tx, mails_[0].request_id, "x");
                   EXPECT_FALSE(mail.ok());
                   EXPECT_EQ(mail.error().code, ErrorCode::kNotFound);
                   return OkStatus();
                 })
                  .ok());
}

TEST_F(ReviewRequestsTest, NoConsentAndNoAddressAreRecordedWithoutSpendingTheBudget) {
  auto unconsented =
      requests_.Send(kAll, context_, Object(R"({"customer_id": "cus_2", "delivery": "email"})"));
  ASSERT_TRUE(unconsented.ok());
  EXPECT_EQ(unconsented->at("status").as_string(), "no_consent");
  auto unmailable =
      requests_.Send(kAll, context_, Object(R"({"customer_id": "cus_3", "delivery": "email"})"));
  ASSERT_TRUE(unmailable.ok());
  EXPECT_EQ(unmailable->at("status").as_string(), "no_email");
  EXPECT_TRUE(mails_.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests"), 2);
  // Neither spent the budget: a link handed over by staff still goes out, and then the next
  // ask is throttled — recorded, not lost.
  auto by_hand = requests_.Send(kAll, context_, Object(R"({"customer_id": "cus_3"})"));
  EXPECT_EQ(by_hand->at("status").as_string(), "sent");
  auto again = requests_.Send(kAll, context_, Object(R"({"customer_id": "cus_3"})"));
  EXPECT_EQ(again->at("status").as_string(), "throttled");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests WHERE status = 'throttled'"), 1);

  auto bad =
      requests_.Send(kAll, context_, Object(R"({"customer_id": "cus_1", "delivery": "pigeon"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.at(0).field, "delivery");
  ReviewRequests linkless(*db_, "https://crm.example");
  auto unmailed =
      linkless.Send(kAll, context_, Object(R"({"customer_id": "cus_1", "delivery": "email"})"));
  ASSERT_FALSE(unmailed.ok());
  EXPECT_EQ(unmailed.error().field_errors.at(0).field, "delivery");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests"), 4);
}

TEST_F(ReviewRequestsTest, SettingsAreCheckedNamingTheField) {
  auto far = settings_.Put(kAll, context_, Object(R"({"auto_request_days": 366})"), std::nullopt);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().field_errors.at(0).field, "auto_request_days");
  auto unknown = settings_.Put(kAll, context_, Object(R"({"surprise": 1})"), std::nullopt);
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "surprise");
  auto saved = settings_.Put(kAll, context_, Object(R"({"auto_request_days": 7})"), std::nullopt);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->at("version").as_int64(), 1);
  auto stale = settings_.Put(kAll, context_, Object(R"({"auto_request_days": null})"), 0);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto off = settings_.Put(kAll, context_, Object(R"({"auto_request_days": null})"), 1);
  ASSERT_TRUE(off.ok());
  EXPECT_TRUE(off->at("auto_request_days").is_null());
}

TEST_F(ReviewRequestsTest, AFulfilledOrderAsksOnceAboutAProductNotYetReviewed) {
  const int64_t now = NowMillis();
  ReviewAutoRequests auto_requests([now] { return now; });
  // Off by default: nothing is scheduled.
  ASSERT_TRUE(
      db_->Write([&](storage::Tx& tx) { return auto_requests.Apply(tx, Fulfilled("ord_1", now)); })
          .ok());
  EXPECT_FALSE(Job("ord_1"));

  TurnOnAutoRequests(5);
  ASSERT_TRUE(
      db_->Write([&](storage::Tx& tx) { return auto_requests.Apply(tx, Fulfilled("ord_1", now)); })
          .ok());
  auto job = Job("ord_1");
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->due_at, now + 5 * kDay);
  // A replay a day later keeps the first moment.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                   return auto_requests.Apply(tx, Fulfilled("ord_1", now + kDay));
                 })
                  .ok());
  EXPECT_EQ(Job("ord_1")->due_at, now + 5 * kDay);
  // An order fulfilled long ago (an import of history) asks nobody.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                   return auto_requests.Apply(tx, Fulfilled("ord_old", now - 30 * kDay));
                 })
                  .ok());
  EXPECT_FALSE(Job("ord_old"));

  // The kettle is reviewed already: the request, when due, is about the mug, by e-mail.
  ReviewService reviews(*db_);
  ASSERT_TRUE(reviews
                  .Create(kAll, context_,
                          Object(R"({"customer_id": "cus_1", "product_id": "prd_1", "rating": 4,
                                     "source": "own_site"})"))
                  .ok());
  // The job, when due: the scheduler removes it in the transaction it runs in.
  auto handler = AutoRequestJobHandler(requests_, [now] { return now + 5 * kDay; });
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(storage::CancelJob(tx, kAutoRequestJobKind, "ord_1"));
                   return handler(tx, *job);
                 })
                  .ok());
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests WHERE order_id = 'ord_1' AND "
                  "product_id = 'prd_2' AND made_by = 'order_fulfilled' AND delivery = 'email' "
                  "AND status = 'sent'"),
            1);
  // Run again (a retried job), or the order fulfilled again: one request per order, ever.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, *job); }).ok());
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                   return auto_requests.Apply(tx, Fulfilled("ord_1", now + 6 * kDay));
                 })
                  .ok());
  EXPECT_FALSE(Job("ord_1"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests"), 1);
  EXPECT_EQ(mails_.size(), 1u);
}

TEST_F(ReviewRequestsTest, TheJobRechecksTheOrderAndTheSettingWhenItRuns) {
  const int64_t now = NowMillis();
  TurnOnAutoRequests(0);
  auto handler = AutoRequestJobHandler(requests_, [now] { return now; });
  storage::ScheduledJob job{.kind = std::string(kAutoRequestJobKind),
                            .key = "ord_1",
                            .due_at = now,
                            .payload = Object(R"({"order_id": "ord_1", "customer_id": "cus_1"})")};
  // Cancelled since it was fulfilled: nobody is asked.
  Exec("UPDATE orders SET status = 'cancelled' WHERE id = 'ord_1'");
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, job); }).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests"), 0);
  // Fulfilled again, but the setting was turned off meanwhile.
  Exec("UPDATE orders SET status = 'fulfilled' WHERE id = 'ord_1'");
  ASSERT_TRUE(settings_.Put(kAll, context_, Object(R"({"auto_request_days": null})"), 1).ok());
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, job); }).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests"), 0);
  // On again, and the customer already asked by staff about this order: one request per order.
  TurnOnAutoRequests(0);
  ASSERT_TRUE(
      requests_.Send(kAll, context_, Object(R"({"customer_id": "cus_1", "order_id": "ord_1"})"))
          .ok());
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return handler(tx, job); }).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM review_requests"), 1);
  EXPECT_TRUE(mails_.empty());
}

}  // namespace
}  // namespace rapport::feedback
