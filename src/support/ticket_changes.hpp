// The pieces every ticket write shares, private to src/support/: who may read and work a ticket
// (the tickets object of the role model: docs/design/access.md § The service desk), opening a
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
#include "support/ticket_input.hpp"
#include "support/ticket_rules.hpp"
#include "support/ticket_store.hpp"

namespace rapport::support {

// Where `ticket` sits for the tickets levels: its queue's team and its assignee.
Result<access::TicketPlace> PlaceOf(storage::Tx& tx, const Ticket& ticket);
// The ticket when `access` may read it: its customer is readable and the tickets read level
// reaches where it sits. kNotFound (the words of a missing ticket) otherwise.
Result<Ticket> ReadableTicket(storage::Tx& tx, const access::Access& access, const std::string& id);
// kPermissionDenied unless the tickets level of `action` (create for a new ticket, edit for
// replies, notes, changes, merges and splits) reaches where `ticket` sits. REQUIRES: its customer
// is readable to `access`.
Status CheckCanWork(storage::Tx& tx, const access::Access& access, const Ticket& ticket,
                    access::Action action = access::Action::kEdit);
Error NoSuchTicket(const std::string& id);

// Whether public staff replies on `ticket` go out by e-mail: its requester is an e-mail address
// (an email or web form ticket, or one opened through the API for an address). Those replies are
// written with delivery "queued" and sent from the outbox (docs/design/mail_out.md).
bool RepliesByEmail(const Ticket& ticket);

// Inserts `ticket` (id, number and times filled here) with its first message, and writes
// ticket.opened, the timeline entry and the audit entries. `message.ticket_id` and ids are set.
// An import sets `number` (reserved by the caller) and `created_at`/`updated_at` beforehand:
// they are kept, and the message and the timeline entry take that creation time.
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
// ("Ticket #1042 solved: <subject>"); never a body. `occurred_at`: when it happened, if not now
// (an imported ticket's creation). `sentiment`: the entry's label — the subject line is the
// desk's, so it is never read for one; a customer's message states CustomerSentiment of its words.
Status OnTimeline(storage::Tx& tx, const storage::WriteContext& context, const Ticket& ticket,
                  std::string_view kind, std::string_view direction, std::string_view verb,
                  const std::optional<std::string>& occurred_at = std::nullopt,
                  std::string_view sentiment = "unknown");

// The sentiment label (interactions/interaction_sentiment.hpp) of a customer's message: the
// ticket's subject when the message opens the ticket, then the start of its text.
std::string_view CustomerSentiment(const Message& message, std::string_view subject = {});

// TicketService::Create and AddMessage inside a caller's write, for support-area parts that
// compose a ticket write with their own rows (mail ingest). Both answer {message, ticket};
// `opened` (optional) receives the created ticket. No idempotency record is written.
Result<json::object> CreateTicketInTx(storage::Tx& tx, const access::Access& access,
                                      const storage::WriteContext& context, const CreateInput& in,
                                      Ticket* opened = nullptr);
Result<json::object> AddMessageInTx(storage::Tx& tx, const access::Access& access,
                                    const storage::WriteContext& context, const std::string& id,
                                    const MessageInput& in, std::optional<int64_t> if_version);

}  // namespace rapport::support
