// The order's timeline summaries: number, what was bought, the cap on listed items.
#include "commerce/order_summary.hpp"

#include <gtest/gtest.h>

namespace rapport::commerce {
namespace {

json::object Order(std::string_view lines) {
  return ParseJsonObject(
             R"({"id":"ord_1","number":1042,"total":"73.50","currency":"USD","lines":)" +
             std::string(lines) + "}")
      .value();
}

TEST(OrderSummaryTest, NamesTheNumberTheItemsAndTheTotal) {
  const json::object order = Order(
      R"([{"description":"Espresso beans","quantity":2},{"description":"Milk jug","quantity":1}])");
  EXPECT_EQ(PlacedSummary(order), "Order #1042: 2 × Espresso beans, Milk jug — 73.50 USD");
  EXPECT_EQ(CancelledSummary(order),
            "Order #1042 cancelled: 2 × Espresso beans, Milk jug — 73.50 USD");
  EXPECT_EQ(RefundedSummary(order, 500),
            "Order #1042 refunded 5.00 USD: 2 × Espresso beans, Milk jug");
}

TEST(OrderSummaryTest, ListsAtMostThreeItemsAndCutsLongNames) {
  const json::object order = Order(
      R"([{"description":"A","quantity":1},{"description":"B","quantity":3},)"
      R"({"description":"Ça me plaît — un très très long nom de produit vraiment","quantity":1},)"
      R"({"description":"D","quantity":1},{"description":"E","quantity":1},)"
      R"({"description":"F","quantity":1}])");
  EXPECT_EQ(ItemsSummary(order), "A, 3 × B, Ça me plaît — un très très long nom de p… and 3 more");
}

TEST(OrderSummaryTest, FallsBackToTheIdWithoutANumber) {
  json::object order = Order(R"([{"description":"A","quantity":1}])");
  order.erase("number");
  EXPECT_EQ(PlacedSummary(order), "Order ord_1: A — 73.50 USD");
}

}  // namespace
}  // namespace rapport::commerce
