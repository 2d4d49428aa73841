// Stamp cards: the pure rule (settings named by field, which lines stamp, pro-rata keeping, the
// open card's arithmetic) and stamping from commerce's events against a real SQLite database — a
// full card issues a voucher in the same round, a replay stamps nothing, a refund withdraws an
// unused voucher and leaves stamp debt behind a used one, and the next stamps settle the debt.
#include "loyalty/stamp_card.hpp"

#include <gtest/gtest.h>

#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/loyalty_earning.hpp"
#include "loyalty/stamp_card_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> out;
  for (const auto& e : error.field_errors) out.push_back(e.field);
  return out;
}

TEST(StampCardTest, SettingsAreValidatedWithTheFieldNamed) {
  auto card = ParseStampCard("coffee", Obj(R"({"name":"Coffee","stamps_required":10,
      "per":"item","categories":["coffee"],"reward_product_id":"prd_1","valid_days":30})"));
  ASSERT_TRUE(card.ok()) << card.error().message;
  EXPECT_EQ(card->per, StampPer::kItem);
  EXPECT_EQ(StampCardToJson(*card).at("valid_days").as_int64(), 30);
  auto bad = ParseStampCard("Bad Id", Obj(R"({"name":"","stamps_required":1,"per":"week",
      "products":[""],"valid_days":0,"colour":"red"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.error()),
            (std::vector<std::string>{"colour", "id", "name", "stamps_required", "per",
                                      "products[0]", "reward_product_id", "valid_days"}));
}

TEST(StampCardTest, OnePerOrderOrOnePerQualifyingUnitAndDiscountLinesNever) {
  StampCard card{.stamps_required = 5, .products = {"prd_a"}, .categories = {"coffee"}};
  const std::vector<StampLine> lines = {
      {.product_id = "prd_a", .quantity = 2, .total_cents = 500},
      {.product_id = "prd_b", .category = "coffee", .quantity = 3, .total_cents = 900},
      {.product_id = "prd_c", .category = "tea", .quantity = 4, .total_cents = 800},
      {.quantity = 1, .total_cents = -250}};  // a voucher's discount line
  EXPECT_EQ(StampsFor(card, lines), 1);
  card.per = StampPer::kItem;
  EXPECT_EQ(StampsFor(card, lines), 5);
  card.products.clear();
  card.categories.clear();  // every paid line
  EXPECT_EQ(StampsFor(card, lines), 9);
  EXPECT_EQ(StampsFor(card, {{.product_id = "prd_c", .quantity = 1, .total_cents = 0}}), 0);
}

TEST(StampCardTest, RefundsKeepStampsProRataAndTheOpenCardCanOwe) {
  EXPECT_EQ(StampsKept(4, 1000, 0), 4);
  EXPECT_EQ(StampsKept(4, 1000, 300), 2);  // floor(4 × 0.7)
  EXPECT_EQ(StampsKept(4, 1000, 1000), 0);
  StampCard card{.stamps_required = 3};
  EXPECT_EQ(StateOf(card, 7, 1).on_card, 4);
  EXPECT_EQ(StateOf(card, 7, 1).to_fill, 1);
  EXPECT_EQ(StateOf(card, 2, 1).on_card, -1);  // one stamp owed
  EXPECT_EQ(StateOf(card, 2, 1).to_fill, 0);
}

class StampStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::CustomerService customers(*db_);
    customer_id_ = std::string(customers.Create(All(), context_, Obj(R"({"first_name":"Ida"})"))
                                   .value()
                                   .at("id")
                                   .as_string());
    commerce::ProductService products(*db_);
    auto coffee = products.Create(context_, Obj(R"({"sku":"ESP","name":"Espresso",
        "category":"coffee","price":"2.50","currency":"EUR"})"));
    ASSERT_TRUE(coffee.ok()) << coffee.error().message;
    coffee_ = std::string(coffee->at("id").as_string());
    now_ = NowMillis();
    bool created = false;
    auto put = Cards().Put(All(), context_, "coffee",
                           Obj(R"({"name":"Coffee","stamps_required":3,"per":"order",
                               "categories":["coffee"],"reward_product_id":")" +
                               coffee_ + R"("})"),
                           std::nullopt, created);
    ASSERT_TRUE(put.ok()) << put.error().message;
  }
  StampCardService Cards() {
    return StampCardService(*db_, [this] { return now_; });
  }
  std::string PlaceOrder(int quantity = 1) {
    commerce::OrderService orders(*db_);
    auto order = orders.Place(
        All(), context_, customer_id_,
        Obj(R"({"currency":"EUR","channel":"web","lines":[{"product_id":")" + coffee_ +
            R"(","quantity":)" + std::to_string(quantity) + R"(,"unit_price":"2.50"}]})"));
    EXPECT_TRUE(order.ok()) << order.error().message;
    return std::string(order->at("id").as_string());
  }
  void Deliver() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(earning_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  json::object Card() {
    auto cards = Cards().ForCustomer(All(), customer_id_);
    EXPECT_TRUE(cards.ok());
    EXPECT_EQ(cards->size(), 1u);
    return cards->at(0).as_object();
  }
  int64_t Count(std::string_view sql) {
    int64_t n = 0;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql));
                     n = rows[0].Int(0);
                     return OkStatus();
                   })
                    .ok());
    return n;
  }
  void Exec(std::string_view sql) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     return OkStatus();
                   })
                    .ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string customer_id_;
  std::string coffee_;
  int64_t now_ = 0;
  LoyaltyEarning earning_{[this] { return now_; }};
};

TEST_F(StampStoreTest, AFullCardIssuesAVoucherAndAReplayStampsNothing) {
  PlaceOrder(2);  // per order: one stamp however many cups
  PlaceOrder();
  Deliver();
  EXPECT_EQ(Card().at("stamps").as_int64(), 2);
  PlaceOrder();
  Deliver();
  json::object card = Card();
  EXPECT_EQ(card.at("stamps").as_int64(), 0);  // a new card
  EXPECT_EQ(card.at("filled").as_int64(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_vouchers v JOIN loyalty_voucher_batches b "
                  "ON b.id = v.batch_id WHERE b.kind = 'reward' AND v.max_uses = 1"),
            1);
  // Every event again, as a replay would deliver them: nothing moves.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                   for (const auto& event : events)
                     RAPPORT_RETURN_IF_ERROR(earning_.Apply(tx, event));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(Card().at("filled").as_int64(), 1);
  EXPECT_EQ(Card().at("stamps").as_int64(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_vouchers"), 1);
  // Timeline, events and audit for each stamp.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM interactions WHERE subject LIKE 'Stamp card Coffee%'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'loyalty_stamps'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE type = 'loyalty.stamps_changed'"), 3);
}

TEST_F(StampStoreTest, ARefundWithdrawsAnUnusedVoucherOrLeavesStampDebt) {
  commerce::OrderService orders(*db_);
  const std::string first = PlaceOrder();
  PlaceOrder();
  PlaceOrder();
  Deliver();
  ASSERT_EQ(Card().at("filled").as_int64(), 1);
  // The voucher is unused: refunding a stamped order withdraws it and the card shows 2 of 3.
  ASSERT_TRUE(orders.Refund(All(), context_, first, Obj(R"({"amount":"2.50"})")).ok());
  Deliver();
  json::object card = Card();
  EXPECT_EQ(card.at("filled").as_int64(), 0);
  EXPECT_EQ(card.at("stamps").as_int64(), 2);
  EXPECT_EQ(card.at("debt").as_int64(), 0);
  EXPECT_FALSE(card.at("fills").as_array().at(0).as_object().at("revoked_at").is_null());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_vouchers"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE type = 'loyalty.voucher_revoked'"), 1);
  // Filled again; this time the voucher is used before the refund: it stands, and one stamp is
  // owed, which the next order settles.
  const std::string fourth = PlaceOrder();
  Deliver();
  ASSERT_EQ(Card().at("filled").as_int64(), 1);
  Exec("UPDATE loyalty_vouchers SET uses = 1");
  ASSERT_TRUE(
      orders.Update(All(), context_, fourth, Obj(R"({"status":"cancelled"})"), std::nullopt).ok());
  Deliver();
  card = Card();
  EXPECT_EQ(card.at("filled").as_int64(), 1);
  EXPECT_EQ(card.at("stamps").as_int64(), 0);
  EXPECT_EQ(card.at("debt").as_int64(), 1);
  PlaceOrder();
  Deliver();
  EXPECT_EQ(Card().at("debt").as_int64(), 0);
  EXPECT_EQ(Card().at("stamps").as_int64(), 0);
  PlaceOrder();
  Deliver();
  EXPECT_EQ(Card().at("stamps").as_int64(), 1);
}

TEST_F(StampStoreTest, PerItemCardsCountUnitsAndAPartialRefundTakesItsShare) {
  bool created = false;
  ASSERT_TRUE(Cards()
                  .Put(All(), context_, "coffee",
                       Obj(R"({"name":"Coffee","stamps_required":10,"per":"item",
                           "products":[")" +
                           coffee_ + R"("],"reward_product_id":")" + coffee_ + R"("})"),
                       std::nullopt, created)
                  .ok());
  commerce::OrderService orders(*db_);
  const std::string order = PlaceOrder(4);  // 10.00
  Deliver();
  EXPECT_EQ(Card().at("stamps").as_int64(), 4);
  ASSERT_TRUE(orders.Refund(All(), context_, order, Obj(R"({"amount":"5.00"})")).ok());
  Deliver();
  EXPECT_EQ(Card().at("stamps").as_int64(), 2);
}

}  // namespace
}  // namespace rapport::loyalty
