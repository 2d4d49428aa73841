// The service desk's outgoing mail (docs/design/mail_out.md): what the support area sends, to
// whom, from which address, and the two seams other parts plug into.
//
// MailOutQueue (mail_out_queue.hpp) turns ticket events into mail_outbox rows; MailOutSender
// (mail_out_sender.hpp) sends them after commit. Both read these settings; plain values,
// thread-compatible. The hooks are called from the dispatcher's and the sender's threads.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mail/mime_compose.hpp"
#include "storage/database.hpp"
#include "support/mail_outbox.hpp"

namespace rapport::support {

// What another area's mail says; support adds From, To and the Message-ID (BuildOutgoing).
struct MailContent {
  std::string subject;
  std::string text;
  std::string html;
};
// Composes a row of a kind another area queued (ticket_id empty), from the row and the database
// as they stand when it is sent. kNotFound when what it was about is gone (the row fails).
using MailComposer = std::function<Result<MailContent>(storage::Tx& tx, const OutboxMail& mail)>;

struct MailOutSettings {
  // The sender when the ticket's queue has no address: [mail.smtp] from, else support@from_domain.
  // Empty: mail without a queue address cannot go (failed: "no sender address").
  std::string default_from;
  // The right-hand side of the Message-IDs fixed at queueing ([mail.smtp] from_domain).
  std::string message_id_domain = "rapport.localhost";
  RetryPolicy retry;
  // Whether a solved ticket sends its requester the rating request (rating_link_days > 0).
  bool rating_requests = true;
  // The rating page's link for a ticket (a signed, expiring token in it); empty: no request.
  std::function<std::string(const std::string& ticket_id)> rating_link;
  // The one contact budget (feedback/contact_budget.hpp, joined by the composition root, since
  // support does not link feedback): records the rating request as an ask of the customer inside
  // `tx` and answers false when the budget holds it back. The request is then queued as a
  // `throttled` row that is never sent — recorded, not lost. Empty: every request goes.
  std::function<Result<bool>(storage::Tx& tx, const std::string& customer_id)> ask_for_rating;
  // Composers of mail that belongs to no ticket, by kind ("survey_invitation"): other areas queue
  // rows through outbox::Queue and the composition root registers how to write them.
  std::map<std::string, MailComposer, std::less<>> composers;
};

// What other parts supply. The defaults send to the requester only and attach nothing: the mail-in
// part (participants CC'd on a ticket, the attachment store) overrides them when it is merged.
// REQUIRES of overrides: thread-safe; read only through the given transaction.
class MailOutHooks {
 public:
  virtual ~MailOutHooks() = default;
  // Addresses to copy on a public reply besides the requester (the ticket's CC'd participants).
  virtual Result<std::vector<std::string>> Participants(storage::Tx& tx,
                                                        const std::string& ticket_id);
  // The files of ticket message `message_id` to attach to its mail.
  virtual Result<std::vector<mail::OutgoingAttachment>> Attachments(storage::Tx& tx,
                                                                    const std::string& message_id);
};

// The whole message for `mail` as its row and the ticket stand now: From, To, Cc, the subject with
// [#N], threading headers from the conversation, text and HTML alternatives, attachments, and
// the row's own Message-ID. kNotFound when the ticket or message is gone; kInvalidArgument when
// it can never be sent (no sender address, an address the composer refuses).
Result<mail::OutgoingMessage> BuildOutgoing(storage::Tx& tx, const OutboxMail& mail,
                                            const MailOutSettings& settings, MailOutHooks& hooks);

}  // namespace rapport::support
