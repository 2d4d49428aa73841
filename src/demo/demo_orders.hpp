// Demo commerce: a small catalogue and each customer's purchase history, deterministic for a
// seed like the rest of the demo data, so `make run` shows orders, values and favourite
// categories. Bodies are API-shaped (they go through OrderService like any order). Pure;
// thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "demo/demo_data.hpp"

namespace rapport::demo {

// Product bodies: {sku, name, category, price, currency}.
std::vector<json::object> DemoCatalogue();

// Orders for the customer at `index`, oldest first: customers buy more often than leads, who
// mostly have none. Each names catalogue SKUs.
std::vector<json::object> DemoOrders(const DemoOptions& options, size_t index,
                                     std::string_view lifecycle_stage);

}  // namespace rapport::demo
