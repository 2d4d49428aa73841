#include "cli/follow_up_tickets.hpp"

#include "support/follow_up_tickets.hpp"

namespace rapport::cli {

Result<std::string> DeskFollowUpTickets::OpenInTx(storage::Tx& tx,
                                                  const storage::WriteContext& context,
                                                  const analytics::FollowUpTicketRequest& request) {
  // The due time and the links are in the note: a ticket's own clock is its queue's SLA policy.
  return support::OpenFollowUpTicketInTx(tx, context,
                                         {.customer_id = request.customer_id,
                                          .queue_id = request.queue_id,
                                          .subject = request.subject,
                                          .note = request.note});
}

Result<bool> DeskFollowUpTickets::QueueExists(storage::Tx& tx, const std::string& queue_id) {
  return support::QueueExistsInTx(tx, queue_id);
}

}  // namespace rapport::cli
