#include "demo/demo_orders.hpp"

#include <gtest/gtest.h>

#include <set>

namespace rapport::demo {
namespace {

TEST(DemoOrdersTest, SameSeedSameOrdersNamingCatalogueSkus) {
  const DemoOptions options{.customers = 100, .seed = 7, .now_millis = 1'790'000'000'000};
  std::set<std::string> skus;
  for (const auto& product : DemoCatalogue())
    skus.insert(std::string(product.at("sku").as_string()));
  int customer_orders = 0, lead_orders = 0;
  for (size_t i = 0; i < 100; ++i) {
    const auto orders = DemoOrders(options, i, "customer");
    EXPECT_EQ(orders, DemoOrders(options, i, "customer")) << "deterministic";
    EXPECT_GE(orders.size(), 1u);
    customer_orders += static_cast<int>(orders.size());
    lead_orders += static_cast<int>(DemoOrders(options, i, "lead").size());
    for (size_t k = 0; k < orders.size(); ++k) {
      if (k > 0) {
        EXPECT_LE(orders[k - 1].at("placed_at").as_string(), orders[k].at("placed_at").as_string());
      }
      for (const auto& line : orders[k].at("lines").as_array()) {
        EXPECT_TRUE(skus.contains(std::string(line.at("sku").as_string())));
      }
    }
  }
  EXPECT_GT(customer_orders, 200) << "customers buy a few times";
  EXPECT_LT(lead_orders, 20) << "leads rarely have orders";
}

}  // namespace
}  // namespace rapport::demo
