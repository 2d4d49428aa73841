// The customer-360 in one read: profile, company, consent, contact counts per channel, last
// contact and the latest timeline entries, all from one snapshot so the parts agree.
// Counts come from the incrementally maintained metrics tables, never from scanning the timeline.
// Record access: a customer the caller may not read is "not found"; the company and timeline
// appear only when the caller may read them too (without timeline access, the counts, last
// contact and entries are null/empty); hidden fields are removed throughout.
#pragma once

#include <functional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::interactions {

inline constexpr int kOverviewTimelineEntries = 20;

// Members another area adds to the overview from the same snapshot (the HTTP handler adds
// commerce's value), called only once the customer is known to be readable.
using MoreMembers = std::function<Result<json::object>()>;

// The overview as JSON text inside an open read, the customer written straight from its rows:
// what the HTTP handler serves, with `more`'s members after the overview's own.
Result<std::string> LoadCustomerOverviewText(storage::Tx& tx, const access::Access& access,
                                             const std::string& customer_id,
                                             const MoreMembers& more = nullptr);
// The same in a read of its own, as a tree (tests and tools).
Result<json::object> LoadCustomerOverview(storage::Database& database, const access::Access& access,
                                          const std::string& customer_id);

}  // namespace rapport::interactions
