// The pieces every ticket write shares, private to src/support/: who may read and work a ticket
// (until tickets are objects of the role model: docs/design/support.md § Access), opening a
// ticket (create, split, a reply to a closed ticket), status moves with their timestamps, and
// the event + timeline + audit trio each change writes. Stateless; REQUIRES for the Tx functions:
// inside Database::Write (or Read for the gate).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "support/ticket_rules.hpp"
#include "support/ticket_store.hpp"

namespace rapport::support {

// The ticket when `access` may read it: its customer is readable and the interactions read level
// reaches the customer's owner. kNotFound (the words of a missing ticket) otherwise.
Result<Ticket> ReadableTicket(storage::Tx& tx, const access::Access& access, const std::string& id);
// kPermissionDenied unless `access` may work tickets of `customer_id` (interactions create over
// its owner). REQUIRES: the customer is readable to `access`.
Status CheckCanWork(storage::Tx& tx, const access::Access& access, const std::string& customer_id);
Error NoSuchTicket(const std::string& id);

// Whether public staff replies on `ticket` go out by e-mail: its requester is an e-mail address
// (an email or web form ticket, or one opened through the API for an address). Those replies are
// written with delivery "queued" and sent from the outbox (docs/design/mail_out.md).
bool RepliesByEmail(const Ticket& ticket);

// Inserts `ticket` (id, number and times filled here) with its first message, and writes
// ticket.opened, the timeline entry and the audit entries. `message.ticket_id` and ids are set.
Status OpenTicket(storage::Tx& tx, const storage::WriteContext& context, Ticket& ticket,
                  Message& message);

// Moves `ticket.status` to `to` for `mover` (CheckTransition), setting solved_at / closed_at.
// Call before SaveTicket; announce with AnnounceStatus after it.
Status MoveStatus(Ticket& ticket, std::string_view to, Mover mover, const std::string& now);
// The status event (ticket.solved, …) and, for solved / reopened / closed, the timeline entry.
Status AnnounceStatus(storage::Tx& tx, const storage::WriteContext& context, const Ticket& ticket,
                      std::string_view from);

// Sets an outbound message's delivery state ("queued" with the last attempt's error while it
// retries, "sent", "failed" with the reason) and announces ticket.delivery_changed; no version
// bump (it is not the agent's change). kNotFound for a message that is not outbound.
Status RecordDeliveryInTx(storage::Tx& tx, const storage::WriteContext& context,
                          const std::string& message_id, const std::string& delivery,
                          const std::optional<std::string>& error);

// {id, number, customer_id, version}: what every ticket event names.
json::object TicketRef(const Ticket& ticket);
Status Announce(storage::Tx& tx, const storage::WriteContext& context, std::string_view type,
                const Ticket& ticket, json::object payload);
// An entry on the customer's timeline: `kind` (ticket_opened, …), `direction`, a subject line
// ("Ticket #1042 solved: <subject>"); never a body.
Status OnTimeline(storage::Tx& tx, const storage::WriteContext& context, const Ticket& ticket,
                  std::string_view kind, std::string_view direction, std::string_view verb);

}  // namespace rapport::support
