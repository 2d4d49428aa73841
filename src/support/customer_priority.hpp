// The seam through which another area raises the priority of a customer's new tickets
// (docs/design/support.md § Customer priority): loyalty's tier `support_priority` (issue 16), say.
// Support never links that area: the composition root hands over a CustomerPriorityLookup with
// UseCustomerPriority, as it hands over the trait registry (customer_conditions.hpp).
//
// Thread-safety: UseCustomerPriority is called once at start-up (or in a test's set-up), before
// any request; the lookup then runs inside the caller's Tx from any worker thread.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::support {

// The customer's priority floor for new tickets (one of kPriorities), or nullopt for none.
// Reads inside the ticket's own write transaction.
using CustomerPriorityLookup = std::function<Result<std::optional<std::string>>(
    storage::Tx& tx, const std::string& customer_id)>;

// An empty function unregisters.
void UseCustomerPriority(CustomerPriorityLookup lookup);

// Raises `priority` to the customer's floor when the floor ranks higher; never lowers it. Without
// a registered lookup, or with an unknown value from it, leaves `priority` as it is.
Status ApplyCustomerPriority(storage::Tx& tx, const std::string& customer_id,
                             std::string& priority);

}  // namespace rapport::support
