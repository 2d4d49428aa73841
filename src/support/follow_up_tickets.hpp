// Follow-up tickets: the desk's half of the seam through which the feedback rules open a ticket
// in a chosen queue (docs/design/health.md § Follow-ups). Analytics does not link support; the
// composition root adapts these functions to analytics::FollowUpTickets (src/cli/
// follow_up_tickets.cpp). The ticket is a `task` ticket opened by the system with an internal
// note holding the context, in the caller's write transaction, so it commits or rolls back with
// the experience that asked for it. Stateless; REQUIRES: inside Database::Write (Open) or Read.
#pragma once

#include <optional>
#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

struct FollowUpTicket {
  std::string customer_id;
  std::string queue_id;
  std::string subject;
  std::string note;  // internal: never mailed to the customer
};

// The new ticket's id; the queue's errors as CreateTicketInTx gives them.
Result<std::string> OpenFollowUpTicketInTx(storage::Tx& tx, const storage::WriteContext& context,
                                           const FollowUpTicket& ticket);
Result<bool> QueueExistsInTx(storage::Tx& tx, const std::string& queue_id);

}  // namespace rapport::support
