#include "support/follow_up_tickets.hpp"

#include "access/access.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_input.hpp"

namespace rapport::support {

Result<std::string> OpenFollowUpTicketInTx(storage::Tx& tx, const storage::WriteContext& context,
                                           const FollowUpTicket& ticket) {
  CreateInput in{.channel = "api", .customer_id = ticket.customer_id};
  in.fields.subject = ticket.subject;
  in.fields.queue_id = std::optional<std::string>(ticket.queue_id);
  in.fields.type = std::optional<std::string>("task");
  in.message.kind = "note";
  in.message.author_type = "staff";
  in.message.body_text = ticket.note;
  // The rules act for the business, not for a user: whatever their reach, the ticket is opened.
  RAPPORT_ASSIGN_OR_RETURN(json::object opened,
                           CreateTicketInTx(tx, access::Access::Unrestricted(), context, in));
  return std::string(opened.at("ticket").at("id").as_string());
}

Result<bool> QueueExistsInTx(storage::Tx& tx, const std::string& queue_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, queue_id));
  return queue.has_value();
}

}  // namespace rapport::support
