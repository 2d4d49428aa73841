// The one-line summaries an order puts on its customer's timeline, in words a person reads at a
// glance: the order's short number and what was bought, e.g.
//   Order #1042: 2 × Espresso beans, Milk jug — 73.50 USD
//   Order #1042 cancelled: 2 × Espresso beans, Milk jug — 73.50 USD
//   Order #1042 refunded 5.00 USD: 2 × Espresso beans, Milk jug
// At most kMaxListedItems lines are named ("… and 3 more"), each description cut to
// kMaxItemCharacters, so a 500-line order still fits one timeline row. Pure functions over the
// order as OrderService serves it (number, lines, total, currency); thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/json.hpp"

namespace rapport::commerce {

// A timeline row shows about this many items before it wraps in the app.
inline constexpr size_t kMaxListedItems = 3;
// Long enough for "Ethiopia Yirgacheffe espresso beans"; longer names end in "…".
inline constexpr size_t kMaxItemCharacters = 40;

// "#1042"; the order's id when it has no number (never the case after migration 0011).
std::string OrderReference(const json::object& order);
// "2 × Espresso beans, Milk jug and 3 more".
std::string ItemsSummary(const json::object& order);

std::string PlacedSummary(const json::object& order);
std::string CancelledSummary(const json::object& order);
std::string RefundedSummary(const json::object& order, int64_t refund_cents);

}  // namespace rapport::commerce
