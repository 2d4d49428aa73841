// CustomerValue: what a customer is worth — orders, total spent, average order, first and last
// purchase, days since the last, favourite category, lifetime value — maintained by every order,
// refund and cancellation in the same transaction (never by scanning history on read). Reads are
// one primary-key row. Stateless functions; REQUIRES: called inside the caller's transaction.
#pragma once

#include <map>
#include <string>

#include "common/json.hpp"
#include "customers/customer_traits.hpp"
#include "storage/database.hpp"

namespace rapport::commerce {

// One order's contribution: its total and spend per category (lines without one count as "").
struct OrderContribution {
  std::string placed_at;
  int64_t total_cents = 0;
  std::map<std::string, int64_t> category_cents;
};

Status AddOrder(storage::Tx& tx, const std::string& customer_id, const OrderContribution& order);
// A cancelled order: its remaining (unrefunded) value and its count come off.
Status RemoveOrder(storage::Tx& tx, const std::string& customer_id, const OrderContribution& order,
                   int64_t already_refunded_cents);
Status AddRefund(storage::Tx& tx, const std::string& customer_id, int64_t amount_cents);

// {order_count, total_spent, average_order_value, first_purchase_at, last_purchase_at,
//  days_since_last_purchase, favourite_category, lifetime_value}; zeros/nulls without orders.
Result<json::object> LoadCustomerValue(storage::Tx& tx, const std::string& customer_id);

// Publishes order_count, total_spent, first_purchase_at, last_purchase_at and
// favourite_category as customer traits (filterable; all but the category sortable), read from
// this area's customer_value row. Called once by the composition root.
Status RegisterCustomerTraits(customers::CustomerTraits& traits);

}  // namespace rapport::commerce
