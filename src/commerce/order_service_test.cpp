// OrderService against a real SQLite database: totals, customer value, refunds, cancellation,
// the timeline, and record access.
#include "commerce/order_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "access/grants.hpp"
#include "commerce/customer_value.hpp"
#include "commerce/product_service.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::commerce {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

class OrderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::CustomerService customers(*db_);
    customer_id_ = std::string(
        customers.Create(All(), context_, Obj(R"({"first_name":"Ida","owner_id":"usr_a"})"))
            .value()
            .at("id")
            .as_string());
    ProductService products(*db_);
    ASSERT_TRUE(products
                    .Create(context_, Obj(R"({"sku":"CD-1","name":"Blue Train","category":"jazz",
                                             "price":"11.99","currency":"USD"})"))
                    .ok());
  }
  json::object Value() {
    json::object value;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(value, LoadCustomerValue(tx, customer_id_));
                     return OkStatus();
                   })
                    .ok());
    return value;
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string customer_id_;
};

TEST_F(OrderServiceTest, TotalsComeFromTheLinesAndFeedTheCustomersValue) {
  OrderService orders(*db_);
  auto first = orders.Place(All(), context_, customer_id_, Obj(R"({
      "external_id":"A-1","placed_at":"1997-01-02T00:00:00Z","currency":"USD","channel":"web",
      "lines":[{"sku":"CD-1","quantity":2,"discount":"1.00"},
               {"description":"Gift wrap","quantity":1,"unit_price":"2.50"}]})"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->at("subtotal"), "26.48");
  EXPECT_EQ(first->at("discount"), "1.00");
  EXPECT_EQ(first->at("total"), "25.48");
  EXPECT_EQ(first->at("lines").as_array()[0].at("category"), "jazz");
  // A line total instead of a unit price stays exact to the cent.
  auto second = orders.Place(All(), context_, customer_id_, Obj(R"({
      "placed_at":"1997-03-01T00:00:00Z","currency":"USD","channel":"store",
      "lines":[{"sku":"CD-1","quantity":3,"line_total":"29.99"}]})"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->at("total"), "29.99");
  json::object value = Value();
  EXPECT_EQ(value.at("order_count"), 2);
  EXPECT_EQ(value.at("total_spent"), "55.47");
  EXPECT_EQ(value.at("average_order_value"), "27.73");
  EXPECT_EQ(value.at("first_purchase_at"), "1997-01-02T00:00:00.000Z");
  EXPECT_EQ(value.at("last_purchase_at"), "1997-03-01T00:00:00.000Z");
  EXPECT_EQ(value.at("favourite_category"), "jazz");
  // The same external id is the same order: refused, counted once.
  EXPECT_EQ(orders
                .Place(All(), context_, customer_id_,
                       Obj(R"({"external_id":"A-1","currency":"USD","channel":"web",
                                 "lines":[{"sku":"CD-1"}]})"))
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(Value().at("order_count"), 2);
  // Each order is on the timeline.
  interactions::InteractionService timeline(*db_);
  auto entries = timeline.Timeline(All(), customer_id_, {.kind = "order"});
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->data.size(), 2u);
}

TEST_F(OrderServiceTest, RefundsAndCancellationsComeOffTheValue) {
  OrderService orders(*db_);
  auto order = orders.Place(All(), context_, customer_id_, Obj(R"({"currency":"USD",
      "channel":"phone","lines":[{"sku":"CD-1","quantity":2}]})"));
  ASSERT_TRUE(order.ok());
  const std::string id(order->at("id").as_string());
  auto too_much = orders.Refund(All(), context_, id, Obj(R"({"amount":"30.00"})"));
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().field_errors.at(0).field, "amount");
  auto part = orders.Refund(All(), context_, id, Obj(R"({"amount":"5.00","reason":"scratched"})"));
  ASSERT_TRUE(part.ok()) << part.error().message;
  EXPECT_EQ(part->at("order_status"), "partially_refunded");
  EXPECT_EQ(Value().at("total_spent"), "18.98");
  auto cancel = orders.Update(All(), context_, id, Obj(R"({"status":"cancelled"})"), std::nullopt);
  EXPECT_FALSE(cancel.ok()) << "a partially refunded order cannot change status";
  auto other = orders.Place(All(), context_, customer_id_,
                            Obj(R"({"currency":"USD","channel":"web","lines":[{"sku":"CD-1"}]})"));
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(orders
                  .Update(All(), context_, std::string(other->at("id").as_string()),
                          Obj(R"({"status":"cancelled"})"), std::nullopt)
                  .ok());
  json::object value = Value();
  EXPECT_EQ(value.at("order_count"), 1);
  EXPECT_EQ(value.at("total_spent"), "18.98");
}

TEST_F(OrderServiceTest, BadLinesNameTheFieldAndChangeNothing) {
  OrderService orders(*db_);
  auto bad = orders.Place(All(), context_, customer_id_, Obj(R"({"currency":"usd","channel":"fax",
      "lines":[{"sku":"CD-1","quantity":0},{"unit_price":"1.999"}]})"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& e : bad.error().field_errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"currency", "channel", "lines[0].quantity",
                                              "lines[1].description", "lines[1].unit_price"}));
  EXPECT_EQ(Value().at("order_count"), 0);
}

TEST_F(OrderServiceTest, OrdersFollowTheirCustomersAccess) {
  OrderService orders(*db_);
  auto order = orders.Place(All(), context_, customer_id_,
                            Obj(R"({"currency":"USD","channel":"web","lines":[{"sku":"CD-1"}]})"));
  ASSERT_TRUE(order.ok());
  const std::string id(order->at("id").as_string());
  const access::Access stranger("usr_b", {}, access::FindBuiltInRole("sales")->levels, {}, false);
  EXPECT_EQ(orders.Get(stranger, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(orders
                .Place(stranger, context_, customer_id_,
                       Obj(R"({"currency":"USD","channel":"web","lines":[{"sku":"CD-1"}]})"))
                .error()
                .code,
            ErrorCode::kNotFound);
  const access::Access viewer("usr_v", {}, access::FindBuiltInRole("viewer")->levels, {}, false);
  EXPECT_TRUE(orders.Get(viewer, id).ok());
  EXPECT_EQ(orders.Refund(viewer, context_, id, Obj(R"({"amount":"1.00"})")).error().code,
            ErrorCode::kPermissionDenied);
}

// Each input rule of an order: a clear problem naming the field, and nothing written.
TEST_F(OrderServiceTest, RefusesBadInputNamingTheField) {
  OrderService orders(*db_);
  struct Case {
    const char* body;
    const char* field;
  };
  const Case cases[] = {
      {R"({"currency":"ZZZ","channel":"web","lines":[{"sku":"CD-1"}]})", "currency"},
      {R"({"currency":"XXX","channel":"web","lines":[{"sku":"CD-1"}]})", "currency"},
      {R"({"currency":"USD","channel":"web","placed_at":"9999-12-31T00:00:00Z",
           "lines":[{"sku":"CD-1"}]})",
       "placed_at"},
      {R"({"currency":"USD","channel":"web","placed_at":"1899-12-30T00:00:00Z",
           "lines":[{"sku":"CD-1"}]})",
       "placed_at"},
      {R"({"currency":"USD","channel":"web",
           "lines":[{"description":"Tea","unit_price":"10.00","discount":"15.00"}]})",
       "lines[0].discount"},
      {R"({"currency":"USD","channel":"web","lines":[{"description":"Tea\u0000x","unit_price":"1"}]})",
       "lines[0].description"},
      {R"({"currency":"USD","channel":"web","lines":[{"description":"Tea\nx","unit_price":"1"}]})",
       "lines[0].description"},
      {R"({"currency":"USD","channel":"web","notes":"a\u0000b","lines":[{"sku":"CD-1"}]})",
       "notes"},
  };
  for (const auto& c : cases) {
    auto placed = orders.Place(All(), context_, customer_id_, Obj(c.body));
    ASSERT_FALSE(placed.ok()) << c.body;
    EXPECT_EQ(placed.error().code, ErrorCode::kInvalidArgument) << c.body;
    ASSERT_FALSE(placed.error().field_errors.empty()) << c.body;
    EXPECT_EQ(placed.error().field_errors[0].field, c.field) << c.body;
  }
  EXPECT_EQ(Value().at("order_count"), 0);
}

TEST_F(OrderServiceTest, TheSubtotalAddsTheLinesGrossSoItMatchesTheTotal) {
  OrderService orders(*db_);
  auto placed = orders.Place(All(), context_, customer_id_, Obj(R"({
      "currency":"EUR","channel":"web","placed_at":"2026-01-02T00:00:00Z",
      "lines":[{"description":"Tea","quantity":3,"line_total":"10.00"},
               {"description":"Cups","quantity":3,"line_total":"10.00","discount":"1.00"}]})"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->at("subtotal"), "21.00");
  EXPECT_EQ(placed->at("discount"), "1.00");
  EXPECT_EQ(placed->at("total"), "20.00");
  EXPECT_EQ(placed->at("lines").as_array()[0].at("unit_price"), "3.33");
  EXPECT_EQ(placed->at("lines").as_array()[1].at("unit_price"), "3.67");
  // 600 characters of "ü" fit the 1000-character limit, though they are 1200 bytes.
  std::string long_name;
  for (int i = 0; i < 600; ++i) long_name += "\u00fc";
  auto wide = orders.Place(All(), context_, customer_id_,
                           Obj(R"({"currency":"EUR","channel":"web","lines":[{"description":")" +
                               long_name + R"(","unit_price":"1"}]})"));
  EXPECT_TRUE(wide.ok()) << wide.error().message;
}

std::vector<std::string> EventTypes(storage::Database& db) {
  std::vector<std::string> types;
  EXPECT_TRUE(db.Read([&](storage::Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                  for (const auto& event : events) types.push_back(event.type);
                  return OkStatus();
                }).ok());
  return types;
}

// Deleting an order takes its timeline entries through the interactions area, so each one is
// announced (the metrics projection hears of it) and the customer's value loses the order.
TEST_F(OrderServiceTest, DeletingAnOrderDeletesItsTimelineEntriesWithEvents) {
  OrderService orders(*db_);
  auto order = orders.Place(All(), context_, customer_id_, Obj(R"({"currency":"USD",
      "channel":"web","placed_at":"2026-03-01T10:00:00Z","lines":[{"sku":"CD-1","quantity":2}]})"));
  ASSERT_TRUE(order.ok());
  const std::string id(order->at("id").as_string());
  ASSERT_TRUE(orders.Refund(All(), context_, id, Obj(R"({"amount":"1.00"})")).ok());
  auto kept = orders.Place(All(), context_, customer_id_, Obj(R"({"currency":"USD",
      "channel":"web","placed_at":"2026-02-01T10:00:00Z","lines":[{"sku":"CD-1"}]})"));
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) { return DeleteOrderInTx(tx, context_, id); }).ok());
  auto timeline = interactions::InteractionService(*db_).Timeline(All(), customer_id_, {});
  ASSERT_EQ(timeline->data.size(), 1u);  // the other order's entry stays
  EXPECT_EQ(timeline->data[0].at("metadata").at("order_id"), kept->at("id"));
  std::vector<std::string> types = EventTypes(*db_);
  EXPECT_EQ(std::count(types.begin(), types.end(), "interaction.deleted"), 2);
  EXPECT_EQ(types.back(), "order.deleted");
  EXPECT_EQ(Value().at("order_count"), 1);
  EXPECT_EQ(Value().at("total_spent"), "11.99");
  EXPECT_EQ(Value().at("last_purchase_at"), "2026-02-01T10:00:00.000Z");
}

TEST_F(OrderServiceTest, ProductsAreDeletedByAdministratorsWithAnEvent) {
  ProductService products(*db_);
  const std::string id(
      *products.List("CD-1", true, 10, std::nullopt)->data[0].at("id").if_string());
  OrderService orders(*db_);
  ASSERT_TRUE(orders
                  .Place(All(), context_, customer_id_,
                         Obj(R"({"currency":"USD","channel":"web","lines":[{"sku":"CD-1"}]})"))
                  .ok());
  const access::Access staff("usr_a", {}, access::LevelTable{}, {}, false);
  EXPECT_EQ(products.Delete(staff, context_, id, std::nullopt).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(products.Delete(All(), context_, id, 7).error().code, ErrorCode::kPreconditionFailed);
  ASSERT_TRUE(products.Delete(All(), context_, id, 1).ok());
  EXPECT_EQ(products.Get(id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(products.Delete(All(), context_, id, std::nullopt).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(EventTypes(*db_).back(), "product.deleted");
  // The line that sold it keeps what it sold.
  auto sold = orders.ListForCustomer(All(), customer_id_, 10, std::nullopt);
  EXPECT_EQ(sold->data[0].at("lines").at(0).at("sku"), "CD-1");
  EXPECT_TRUE(sold->data[0].at("lines").at(0).at("product_id").is_null());
}

}  // namespace
}  // namespace rapport::commerce
