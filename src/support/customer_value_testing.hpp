// For the support area's tests: the customer value as the commerce area publishes it, so routing
// and SLA choice are tested against the real `total_spent` trait and customer_value rows.
#pragma once

#include <string>

#include "commerce/customer_value.hpp"
#include "common/time.hpp"
#include "customers/customer_traits.hpp"
#include "storage/database.hpp"

namespace rapport::testing {

// The registry with commerce's traits; lives for the test binary.
inline const customers::CustomerTraits& CommerceTraits() {
  static const customers::CustomerTraits kTraits = [] {
    customers::CustomerTraits traits;
    if (!commerce::RegisterCustomerTraits(traits).ok()) std::abort();
    return traits;
  }();
  return kTraits;
}

// Records an order of `cents` for `customer_id`, raising their total spent.
inline Status Spend(storage::Database& db, const std::string& customer_id, int64_t cents) {
  return db.Write([&](storage::Tx& tx) {
    return commerce::AddOrder(tx, customer_id, {.placed_at = NowInstant(), .total_cents = cents});
  });
}

}  // namespace rapport::testing
