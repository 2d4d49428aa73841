// The customer traits the shipped areas publish (commerce's value, analytics' contact counts), as
// the composition root registers them, for tests of the customers area's filters and sorts.
// Header-only: a test that includes it links rapport_commerce and rapport_analytics; the
// customers library itself never does. Built once; read-only after, so thread-safe.
#pragma once

#include <gtest/gtest.h>

#include "analytics/customer_metrics.hpp"
#include "commerce/customer_value.hpp"
#include "customers/customer_traits.hpp"

namespace rapport::testing {

inline const customers::CustomerTraits& ShippedCustomerTraits() {
  static const customers::CustomerTraits traits = [] {
    customers::CustomerTraits built;
    EXPECT_TRUE(commerce::RegisterCustomerTraits(built).ok());
    EXPECT_TRUE(analytics::RegisterCustomerTraits(built).ok());
    return built;
  }();
  return traits;
}

}  // namespace rapport::testing
