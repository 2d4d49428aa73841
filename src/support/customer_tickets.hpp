// What the support area publishes about a customer for the customers area's filters, sorts and
// exports (docs/design/customer_traits.md): `open_tickets` (new, open, pending or on hold),
// `last_ticket_at` (when the newest ticket was opened), `breaches_30d` (response targets its
// tickets missed in the last 30 days) and `last_rating` (good or bad: the newest answer to a
// rating request, ticket_ratings.hpp). Read straight from the tickets table
// through its (customer_id, …) index, so they are never stale. Visible to callers who read the
// tickets of every customer they read (ticket_changes.hpp). Stateless.
#pragma once

#include "customers/customer_traits.hpp"

namespace rapport::support {

Status RegisterCustomerTraits(customers::CustomerTraits& traits);

}  // namespace rapport::support
