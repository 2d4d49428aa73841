// Reviews over a real SQLite database: input rules (bounded, `verified` refused), the verified
// rule from fulfilled orders, moderation keeping the product's stats current, the event the
// health and loyalty subscribers read, record access, and review requests' single-use links
// under the contact budget.
#include "feedback/review_service.hpp"

#include <gtest/gtest.h>

#include "feedback/review_requests.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

const access::Access& kAll = access::Access::Unrestricted();
constexpr std::string_view kT = "'2026-01-01T00:00:00.000Z'";

class ReviewServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string t(kT);
    const std::vector<std::string> rows = {
        "INSERT INTO customers (id, first_name, last_name, display_name, language, created_at, "
        "updated_at) VALUES ('cus_1', 'Ada', 'Lovelace', 'Ada Lovelace', 'de-AT', " +
            t + ", " + t + ")",
        "INSERT INTO customers (id, display_name, created_at, updated_at) VALUES ('cus_2', "
        "'Bob', " +
            t + ", " + t + ")",
        "INSERT INTO products (id, sku, name, price_cents, currency, created_at, updated_at) "
        "VALUES ('prd_1', 'S1', 'Kettle', 1000, 'EUR', " +
            t + ", " + t + ")",
        "INSERT INTO products (id, sku, name, price_cents, currency, created_at, updated_at) "
        "VALUES ('prd_2', 'S2', 'Mug', 500, 'EUR', " +
            t + ", " + t + ")",
        "INSERT INTO orders (id, customer_id, placed_at, status, currency, channel, "
        "subtotal_cents, "
        "discount_cents, total_cents, created_at, updated_at) VALUES ('ord_1', 'cus_1', " +
            t + ", 'fulfilled', 'EUR', 'web', 1000, 0, 1000, " + t + ", " + t + ")",
        "INSERT INTO order_lines (order_id, customer_id, position, product_id, description, "
        "quantity, unit_price_cents, discount_cents, line_total_cents) VALUES ('ord_1', 'cus_1', "
        "1, 'prd_1', 'Kettle', 1, 1000, 0, 1000)",
        "INSERT INTO orders (id, customer_id, placed_at, status, currency, channel, "
        "subtotal_cents, "
        "discount_cents, total_cents, created_at, updated_at) VALUES ('ord_2', 'cus_2', " +
            t + ", 'paid', 'EUR', 'web', 500, 0, 500, " + t + ", " + t + ")",
        "INSERT INTO order_lines (order_id, customer_id, position, product_id, description, "
        "quantity, unit_price_cents, discount_cents, line_total_cents) VALUES ('ord_2', 'cus_2', "
        "1, 'prd_2', 'Mug', 1, 500, 0, 500)"};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     for (const auto& sql : rows) RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     return OkStatus();
                   })
                    .ok());
  }
  json::object Object(std::string_view text) { return ParseJsonObject(text).value(); }
  json::object Create(std::string_view body) {
    auto created = reviews_.Create(kAll, context_, Object(body));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : json::object();
  }
  std::vector<storage::Event> Events(std::string_view type) {
    std::vector<storage::Event> found;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                     for (auto& event : events) {
                       if (event.type == type) found.push_back(std::move(event));
                     }
                     return OkStatus();
                   })
                    .ok());
    return found;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  ReviewService reviews_{*db_};
};

TEST_F(ReviewServiceTest, InputIsBoundedAndVerifiedIsNeverTakenFromIt) {
  auto refused = reviews_.Create(
      kAll, context_,
      Object(R"({"customer_id": "cus_2", "rating": 5, "source": "own_site", "verified": true})"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.front().field, "verified");
  for (std::string_view body :
       {R"({"customer_id": "cus_1", "rating": 6, "source": "own_site"})",
        R"({"customer_id": "cus_1", "rating": 3, "source": "other"})",
        R"({"customer_id": "cus_1", "rating": 3, "source": "mail"})",
        R"({"customer_id": "cus_1", "rating": 3, "source": "own_site", "product_id": "prd_x"})"}) {
    EXPECT_EQ(reviews_.Create(kAll, context_, Object(body)).error().code,
              ErrorCode::kInvalidArgument)
        << body;
  }
  json::object long_title = Object(R"({"customer_id": "cus_1", "rating": 3, "source": "google"})");
  long_title["title"] = std::string(kMaxReviewTitle + 1, 'a');
  auto too_long = reviews_.Create(kAll, context_, long_title);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().field_errors.front().field, "title");
}

TEST_F(ReviewServiceTest, VerifiedMeansAFulfilledOrderWithTheProduct) {
  EXPECT_TRUE(Create(R"({"customer_id": "cus_1", "product_id": "prd_1", "rating": 5,
                         "source": "own_site"})")
                  .at("verified")
                  .as_bool());
  EXPECT_FALSE(Create(R"({"customer_id": "cus_1", "product_id": "prd_2", "rating": 5,
                          "source": "own_site"})")
                   .at("verified")
                   .as_bool());
  // Bob's order of the mug is paid, not fulfilled.
  EXPECT_FALSE(Create(R"({"customer_id": "cus_2", "product_id": "prd_2", "rating": 5,
                          "source": "own_site"})")
                   .at("verified")
                   .as_bool());
}

TEST_F(ReviewServiceTest, ModerationKeepsStatsCurrentAndPublishesTheEvent) {
  const json::object review = Create(R"({"customer_id": "cus_1", "product_id": "prd_1",
      "rating": 2, "title": "<script>alert(1)</script>", "source": "invited"})");
  EXPECT_EQ(review.at("title").as_string(), "<script>alert(1)</script>") << "stored as given";
  EXPECT_EQ(review.at("language").as_string(), "de") << "the customer's language";
  EXPECT_EQ(reviews_.PublicStats("prd_1")->count, 0) << "pending is not counted";
  const std::string id(review.at("id").as_string());
  auto stale = reviews_.Update(kAll, context_, id, Object(R"({"status": "published"})"), 7);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto no_reason = reviews_.Update(kAll, context_, id, Object(R"({"status": "rejected"})"), 1);
  EXPECT_EQ(no_reason.error().field_errors.front().field, "reason");

  auto published = reviews_.Update(kAll, context_, id, Object(R"({"status": "published"})"), 1);
  ASSERT_TRUE(published.ok());
  ReviewStats stats = reviews_.PublicStats("prd_1").value();
  EXPECT_EQ(stats.count, 1);
  EXPECT_EQ(stats.stars[1], 1);
  auto events = Events("review.published");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].aggregate_type, "customer");
  EXPECT_EQ(events[0].aggregate_id, "cus_1");
  const json::object& record = events[0].payload.at("review").as_object();
  EXPECT_EQ(record.at("id").as_string(), id);
  EXPECT_EQ(record.at("rating").as_int64(), 2);
  EXPECT_EQ(record.at("product_id").as_string(), "prd_1");
  EXPECT_TRUE(record.at("verified").as_bool());
  EXPECT_FALSE(record.contains("title")) << "the words stay in the review";

  auto replied = reviews_.Update(kAll, context_, id, Object(R"({"reply": "Sorry!"})"), 2);
  ASSERT_TRUE(replied.ok());
  EXPECT_EQ(replied->at("reply").as_object().at("text").as_string(), "Sorry!");
  auto rejected =
      reviews_.Update(kAll, context_, id, Object(R"({"status": "rejected", "reason": "spam"})"), 3);
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(reviews_.PublicStats("prd_1")->count, 0) << "leaving published uncounts it";
  EXPECT_EQ(Events("review.rejected").size(), 1u);
  EXPECT_TRUE(reviews_.PublicList({.product_id = "prd_1"})->data.empty());
}

// The database's own removals (a customer's deletion cascading, a product's unlinking its
// reviews) keep the stats true without the service: the triggers of migration 0033.
TEST_F(ReviewServiceTest, StatsFollowDeletedCustomersAndProducts) {
  Create(R"({"customer_id": "cus_1", "product_id": "prd_1", "rating": 5, "source": "own_site",
             "status": "published"})");
  Create(R"({"customer_id": "cus_2", "product_id": "prd_1", "rating": 3, "source": "own_site",
             "status": "published"})");
  Create(R"({"customer_id": "cus_2", "rating": 4, "source": "google", "status": "published"})");
  ASSERT_EQ(reviews_.PublicStats("prd_1")->count, 2);
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM customers WHERE id = 'cus_2'"));
                   return OkStatus();
                 })
                  .ok());
  ReviewStats product = reviews_.PublicStats("prd_1").value();
  EXPECT_EQ(product.count, 1);
  EXPECT_EQ(product.stars[4], 1);
  EXPECT_EQ(reviews_.PublicStats("")->count, 0) << "cus_2's review of the business is gone";
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(
                       tx.Exec("DELETE FROM order_lines WHERE product_id = 'prd_1'"));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM products WHERE id = 'prd_1'"));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(reviews_.PublicStats("prd_1")->count, 0);
  ReviewStats business = reviews_.PublicStats("").value();
  EXPECT_EQ(business.count, 1) << "an unlinked review counts for the business";
  EXPECT_EQ(business.rating_sum, 5);
}

TEST_F(ReviewServiceTest, PublicListNamesTheAuthorByFirstNameAndInitialOnly) {
  Create(R"({"customer_id": "cus_1", "product_id": "prd_1", "rating": 4, "source": "own_site",
             "status": "published", "text": "Good"})");
  auto page = reviews_.PublicList({.product_id = "prd_1"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->data.size(), 1u);
  const json::object& shown = page->data[0].as_object();
  EXPECT_EQ(shown.at("author").as_string(), "Ada L.");
  EXPECT_FALSE(shown.contains("customer_id"));
  EXPECT_EQ(AuthorName("Zoë", "Ärger"), "Zoë Ä.");
  EXPECT_EQ(AuthorName("", "Smith"), "");
}

TEST_F(ReviewServiceTest, ListFiltersAndPagesNewestFirst) {
  for (int i = 1; i <= 5; ++i) {
    Create(R"({"customer_id": "cus_1", "rating": )" + std::to_string(i) +
           R"(, "source": "google"})");
  }
  Create(R"({"customer_id": "cus_2", "rating": 5, "source": "facebook"})");
  auto first = reviews_.List(kAll, {.customer_id = "cus_1", .limit = 3});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->data.size(), 3u);
  ASSERT_TRUE(first->next_cursor);
  auto second =
      reviews_.List(kAll, {.customer_id = "cus_1", .limit = 3, .cursor = first->next_cursor});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->data.size(), 2u);
  EXPECT_FALSE(second->next_cursor);
  EXPECT_EQ(reviews_.List(kAll, {.rating = 5})->data.size(), 2u);
  EXPECT_EQ(reviews_.List(kAll, {.source = "facebook"})->data.size(), 1u);
  EXPECT_EQ(reviews_.List(kAll, {.rating = 9}).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ReviewServiceTest, RequestLinksAreSingleUseAndHonourTheContactBudget) {
  ReviewRequests requests(*db_, "https://crm.example", ContactBudgetPolicy{.max_asks = 1});
  auto sent = requests.Send(kAll, context_, Object(R"({"customer_id": "cus_1", "order_id": "ord_1",
                                       "product_id": "prd_1"})"));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->at("status").as_string(), "sent");
  const std::string link(sent->at("link").as_string());
  const std::string token = link.substr(link.rfind('/') + 1);
  EXPECT_EQ(token.size(), 22u);
  auto throttled = requests.Send(kAll, context_, Object(R"({"customer_id": "cus_1"})"));
  ASSERT_TRUE(throttled.ok());
  EXPECT_EQ(throttled->at("status").as_string(), "throttled") << "recorded, not lost";
  EXPECT_TRUE(throttled->at("link").is_null());
  EXPECT_EQ(requests
                .Send(kAll, context_, Object(R"({"customer_id": "cus_1",
                                                     "order_id": "ord_2"})"))
                .error()
                .code,
            ErrorCode::kInvalidArgument);

  auto page = requests.Current(token);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->about, "Kettle");
  EXPECT_EQ(page->language, "de");
  EXPECT_EQ(requests.Current("AAAAAAAAAAAAAAAAAAAAAA").error().code, ErrorCode::kNotFound);
  auto done = requests.Submit(context_, token, {.rating = 5, .title = "Top", .text = "Sehr gut"});
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->completed);
  auto again = requests.Submit(context_, token, {.rating = 1, .title = "x", .text = "y"});
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto all = reviews_.List(kAll, {.customer_id = "cus_1"});
  ASSERT_EQ(all->data.size(), 1u);
  const json::object& review = all->data[0].as_object();
  EXPECT_EQ(review.at("source").as_string(), "invited");
  EXPECT_EQ(review.at("status").as_string(), "pending");
  EXPECT_TRUE(review.at("verified").as_bool());
}

}  // namespace
}  // namespace rapport::feedback
