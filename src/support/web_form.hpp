// The public support request form (POST /public/support/requests, docs/api.md § Support form):
// what a request must hold, and opening its ticket (channel web_form) through TicketService.
// The confirmation mail follows from the ticket.opened event (mail_out_queue.hpp).
//
// Fields: name (optional, up to 200 characters), email (required, an address), subject (1–200
// characters, one line), message (1–10,000 characters), queue_id (optional: an unknown one is
// refused naming queue_id), website (the honeypot: hidden from people, filled in by bots). Every
// problem is kInvalidArgument naming the form's own field. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/write_context.hpp"
#include "support/ticket_service.hpp"

namespace rapport::support {

struct WebFormRequest {
  std::string name;
  std::string email;
  std::string subject;
  std::string message;
  std::optional<std::string> queue_id;
  bool honeypot_filled = false;  // a bot: answer as if received, create nothing
};

Result<WebFormRequest> ParseWebForm(const json::object& fields);

// Opens the ticket as its requester wrote it (author customer, channel web_form); the ticket.
Result<json::object> OpenFromWebForm(TicketService& tickets, const storage::WriteContext& context,
                                     const WebFormRequest& request);

}  // namespace rapport::support
