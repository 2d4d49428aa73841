// PastOrders: the orders already recorded, a page at a time in the order they were recorded,
// with the figures commerce's order.placed event carries (total, currency, lines by product and
// SKU) and what was refunded — for areas that replay history as if they had been running
// (loyalty's `rapport loyalty replay`), without reading commerce's tables themselves — and the
// lines' categories, which order.placed leaves out.
// Stateless; REQUIRES: inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace rapport::commerce {

struct PastOrderLine {
  std::optional<std::string> product_id;
  std::optional<std::string> sku;
  std::optional<std::string> category;  // the product's when the order was placed
  int64_t total_cents = 0;
};

struct PastRefund {
  std::string id;
  int64_t cents = 0;
};

struct PastOrder {
  int64_t seq = 0;  // the page key
  std::string id;
  std::string customer_id;
  std::string placed_at;
  std::string status;
  std::string currency;
  int64_t total_cents = 0;
  int64_t refunded_cents = 0;
  std::vector<PastOrderLine> lines;
  std::vector<PastRefund> refunds;  // oldest first; their sum is refunded_cents
};

// Orders after `after_seq` placed at or after `since` (RFC 3339; none: all), at most `limit`;
// two statements per page, three when one of them was refunded.
Result<std::vector<PastOrder>> PastOrdersPage(storage::Tx& tx, int64_t after_seq,
                                              const std::optional<std::string>& since, int limit);
// The category of each of the order's lines, in the order of its lines (as order.placed lists
// them): the product's category when the order was placed; empty for an unknown order.
Result<std::vector<std::optional<std::string>>> OrderLineCategories(storage::Tx& tx,
                                                                    const std::string& order_id);
// How many orders such pages will hold (for progress).
Result<int64_t> CountPastOrders(storage::Tx& tx, const std::optional<std::string>& since);

// What the customer paid in `currency` for orders placed in [from, to) (RFC 3339), less refunds,
// cancelled orders left out (loyalty's tiers by money spent; a voucher's discount was never paid).
Result<int64_t> SpentBetween(storage::Tx& tx, const std::string& customer_id,
                             const std::string& currency, const std::string& from,
                             const std::string& to);

}  // namespace rapport::commerce
