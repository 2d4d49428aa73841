#include "support/mail_out_queue.hpp"

#include "common/ids.hpp"
#include "common/unicode_text.hpp"
#include "support/ticket_changes.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

// Public staff replies waiting for their mail; the NOT EXISTS keeps a replay from queueing again.
constexpr std::string_view kUnqueuedReplies =
    "SELECT m.id FROM ticket_messages m WHERE m.ticket_id = ? AND m.kind = 'reply' "
    "AND m.author_type = 'staff' AND m.delivery = 'queued' "
    "AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.message_id = m.id) ORDER BY m.seq";
constexpr std::string_view kSetMessageId =
    "UPDATE ticket_messages SET message_id = ? WHERE id = ? AND message_id IS NULL";
constexpr std::string_view kRated = "SELECT 1 FROM ticket_ratings WHERE ticket_id = ?";

// 128 random bits, as the composer would make: unique across every system that sees the id.
constexpr size_t kMessageIdRandomBytes = 16;

OutboxMail NewMail(const Ticket& ticket, std::string kind, std::string dedupe_key,
                   const std::string& domain) {
  return OutboxMail{.kind = std::move(kind),
                    .dedupe_key = std::move(dedupe_key),
                    .ticket_id = ticket.id,
                    .customer_id = ticket.customer_id,
                    .to = {*ticket.requester},
                    .mail_message_id = RandomToken(kMessageIdRandomBytes) + "@" + domain};
}

}  // namespace

bool MailOutQueue::Wants(std::string_view type) const {
  return type == "ticket.opened" || type == "ticket.replied" || type == "ticket.solved";
}

Status MailOutQueue::Apply(Tx& tx, const storage::Event& event) {
  if (event.aggregate_type != "ticket") return OkStatus();
  const bool opened = event.type == "ticket.opened";
  const bool replied = event.type == "ticket.replied";
  const bool solved = event.type == "ticket.solved";
  if (!opened && !replied && !solved) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, event.aggregate_id));
  if (!ticket || !RepliesByEmail(*ticket)) return OkStatus();
  const std::string& domain = settings_.message_id_domain;

  if (opened && ticket->channel == "web_form") {
    OutboxMail mail = NewMail(*ticket, "form_confirmation", "confirm:" + ticket->id, domain);
    RAPPORT_RETURN_IF_ERROR(outbox::Queue(tx, mail));
  }
  if (solved && settings_.rating_requests && settings_.rating_link) {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rated, tx.Query(kRated, {ticket->id}));
    const std::string dedupe_key = "rating:" + ticket->id;
    // Asked once per ticket: a replayed or second solve neither asks again nor counts again.
    RAPPORT_ASSIGN_OR_RETURN(bool asked, outbox::HasDedupeKey(tx, dedupe_key));
    if (rated.empty() && !asked) {
      OutboxMail mail = NewMail(*ticket, "rating_request", dedupe_key, domain);
      if (settings_.ask_for_rating) {
        RAPPORT_ASSIGN_OR_RETURN(bool allowed, settings_.ask_for_rating(tx, ticket->customer_id));
        if (!allowed) {
          mail.state = "throttled";
          mail.last_error = "held back by the contact budget";
        }
      }
      RAPPORT_RETURN_IF_ERROR(outbox::Queue(tx, mail));
    }
  }
  if (!opened && !replied) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows replies, tx.Query(kUnqueuedReplies, {ticket->id}));
  if (replies.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> copied, hooks_.Participants(tx, ticket->id));
  for (const auto& row : replies) {
    const std::string message_id = row.Text(0);
    OutboxMail mail = NewMail(*ticket, "reply", "reply:" + message_id, domain);
    mail.message_id = message_id;
    // Participants are unique by EmailKey, but the requester is stored as she first wrote: the
    // same mailbox under another spelling must not be copied on her own reply.
    const std::string requester_key = EmailKey(*ticket->requester);
    for (const auto& address : copied) {
      if (EmailKey(address) != requester_key) mail.cc.push_back(address);
    }
    RAPPORT_RETURN_IF_ERROR(outbox::Queue(tx, mail));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetMessageId, {mail.mail_message_id, message_id}));
  }
  return OkStatus();
}

}  // namespace rapport::support
