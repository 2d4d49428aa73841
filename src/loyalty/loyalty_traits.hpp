// The loyalty figures published as customer traits (customers/customer_traits.hpp), so segments,
// lists and exports filter and sort by them: `loyalty_points` (available points, summed over the
// customer's programmes) and `loyalty_points_earned_12m` (points earned in the last 365 days, less
// what refunds took back; adjustments and redemptions do not count), both sums over the ledger's
// postings through its indexes, never a stored counter; and `loyalty_tier` (the member's tier,
// tiers.hpp). Seen by whoever reads loyalty.
#pragma once

#include "customers/customer_traits.hpp"

namespace rapport::loyalty {

// Called once by the composition root.
Status RegisterCustomerTraits(customers::CustomerTraits& traits);

}  // namespace rapport::loyalty
