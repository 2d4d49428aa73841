#include "support/mail_ingest.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/contact_points.hpp"
#include "mail/mail_classify.hpp"
#include "mail/mime_parser.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

// A stored Message-ID, written with or without angle brackets (the API takes either).
constexpr std::string_view kTicketOfMessageId =
    "SELECT ticket_id FROM ticket_messages WHERE message_id IN (?, ?) ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kTicketOfThread =
    "SELECT ticket_id FROM ticket_mail_threads WHERE thread_key = ? ORDER BY created_at DESC "
    "LIMIT 1";
constexpr std::string_view kInsertThread =
    "INSERT OR IGNORE INTO ticket_mail_threads (thread_key, ticket_id, customer_id, created_at) "
    "VALUES (?, ?, ?, ?)";
constexpr std::string_view kTicketOfNumber = "SELECT id FROM tickets WHERE number = ?";
constexpr std::string_view kCustomerHasAddress =
    "SELECT 1 FROM customer_emails WHERE customer_id = ? AND address_key = ?";
constexpr std::string_view kIsParticipant =
    "SELECT 1 FROM ticket_participants WHERE ticket_id = ? AND address_key = ?";
constexpr std::string_view kStaffByAddress =
    "SELECT id FROM users WHERE email_key = ? AND status = 'active'";
constexpr std::string_view kCountParticipants =
    "SELECT COUNT(*) FROM ticket_participants WHERE ticket_id = ?";
constexpr std::string_view kInsertParticipant =
    "INSERT OR IGNORE INTO ticket_participants (ticket_id, customer_id, address_key, address, "
    "name, created_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kQueueByIdOrName =
    "SELECT id FROM queues WHERE id = ? OR name_key = ? LIMIT 1";
constexpr std::string_view kQueueByAddress = "SELECT id FROM queues WHERE email_key = ?";
constexpr std::string_view kIsQueueAddress = "SELECT 1 FROM queues WHERE email_key = ?";

// How far a chain of merges is followed to the ticket that holds the conversation now.
constexpr int kMaxMergeHops = 8;
// The parser's limits for received mail: an attachment over the desk's limit is dropped by
// AttachmentService, not the whole mail by the parser (the IMAP client stops at 64 MiB anyway).
constexpr size_t kMaxReceivedBytes = size_t{96} * 1024 * 1024;
constexpr std::string_view kNoSubject = "(no subject)";
constexpr std::string_view kNoText = "(no text)";

enum class Role { kStranger, kCustomer, kParticipant, kStaff };

Result<std::optional<std::string>> OneText(Tx& tx, std::string_view sql,
                                           std::initializer_list<storage::Value> params) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<bool> Exists(Tx& tx, std::string_view sql, std::initializer_list<storage::Value> params) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
  return !rows.empty();
}

Result<std::optional<std::string>> TicketOfMessageId(Tx& tx, const std::string& id) {
  return OneText(tx, kTicketOfMessageId, {id, "<" + id + ">"});
}

// The ticket the mail answers, by the strongest signal first: the ids it replies to (newest
// first), the Outlook conversation, the subject's [#N]. Merged tickets lead to their target.
Result<std::optional<Ticket>> AnsweredTicket(Tx& tx, const mail::ParsedMessage& message) {
  std::optional<std::string> id;
  std::vector<std::string> ids;
  if (!message.in_reply_to.empty()) ids.push_back(message.in_reply_to);
  ids.insert(ids.end(), message.references.rbegin(), message.references.rend());
  for (const auto& ref : ids) {
    RAPPORT_ASSIGN_OR_RETURN(id, TicketOfMessageId(tx, ref));
    if (id) break;
  }
  if (!id) {
    if (std::string key = ThreadIndexKey(message.thread_index); !key.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(id, OneText(tx, kTicketOfThread, {key}));
    }
  }
  if (!id) {
    if (auto number = mail::ExtractTicketReference(message.subject)) {
      RAPPORT_ASSIGN_OR_RETURN(id, OneText(tx, kTicketOfNumber, {*number}));
    }
  }
  std::optional<Ticket> ticket;
  for (int hop = 0; id && hop < kMaxMergeHops; ++hop) {
    RAPPORT_ASSIGN_OR_RETURN(ticket, store::LoadTicket(tx, *id));
    id = ticket ? ticket->merged_into : std::nullopt;
  }
  return ticket;
}

// Whether the sender (address key `key`) belongs on `ticket`; `staff_id` is set for staff.
Result<Role> SenderRole(Tx& tx, const Ticket& ticket, const std::string& key,
                        std::string& staff_id) {
  if (ticket.requester && EmailKey(*ticket.requester) == key) return Role::kCustomer;
  RAPPORT_ASSIGN_OR_RETURN(bool customer,
                           Exists(tx, kCustomerHasAddress, {ticket.customer_id, key}));
  if (customer) return Role::kCustomer;
  RAPPORT_ASSIGN_OR_RETURN(bool participant, Exists(tx, kIsParticipant, {ticket.id, key}));
  if (participant) return Role::kParticipant;
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> staff, OneText(tx, kStaffByAddress, {key}));
  if (staff) {
    staff_id = *staff;
    return Role::kStaff;
  }
  return Role::kStranger;
}

// The queue: the one the mailbox names, else the first recipient address that is a queue's.
Result<std::optional<std::string>> ResolveQueue(Tx& tx, const MailboxTarget& target,
                                                const mail::ParsedMessage& message) {
  if (target.queue) {
    RAPPORT_ASSIGN_OR_RETURN(
        auto queue, OneText(tx, kQueueByIdOrName, {*target.queue, FoldCase(*target.queue)}));
    if (queue) return queue;
    spdlog::warn(
        "mail: mailbox {} names the queue {}, which does not exist; mail is kept without "
        "a queue",
        target.mailbox, *target.queue);
  }
  std::vector<std::string> addresses;
  for (const auto& list : {message.to, message.cc}) {
    for (const auto& address : list) addresses.push_back(address.address);
  }
  for (const auto& header : message.headers) {
    std::string name = FoldCase(header.name);
    if (name == "delivered-to" || name == "x-original-to") addresses.push_back(header.value);
  }
  addresses.insert(addresses.end(), target.own_addresses.begin(), target.own_addresses.end());
  for (const auto& address : addresses) {
    RAPPORT_ASSIGN_OR_RETURN(auto queue, OneText(tx, kQueueByAddress, {EmailKey(address)}));
    if (queue) return queue;
  }
  return std::optional<std::string>();
}

// The address the mail was sent to, for routing rules on `mailbox` (routing.hpp): what the
// delivering server recorded, else the mailbox's own address, else the first To.
std::optional<std::string> ArrivalAddress(const MailboxTarget& target,
                                          const mail::ParsedMessage& message) {
  for (const auto& header : message.headers) {
    std::string name = FoldCase(header.name);
    if (name == "delivered-to" || name == "x-original-to") return header.value;
  }
  if (!target.own_addresses.empty()) return target.own_addresses.front();
  if (!message.to.empty()) return message.to.front().address;
  return std::nullopt;
}

// To and Cc, except the desk's own addresses (queues, the mailbox) and the sender, join the
// ticket's participants, up to kMaxParticipants.
Status AddParticipants(Tx& tx, const Ticket& ticket, const mail::ParsedMessage& message,
                       const MailboxTarget& target, const std::string& sender_key) {
  RAPPORT_ASSIGN_OR_RETURN(Rows count, tx.Query(kCountParticipants, {ticket.id}));
  int64_t room = static_cast<int64_t>(kMaxParticipants) - count[0].Int(0);
  const std::string now = NowInstant();
  for (const auto& list : {message.to, message.cc}) {
    for (const auto& recipient : list) {
      if (room <= 0) return OkStatus();
      auto address = customers::NormalizeEmail(recipient.address);
      if (!address) continue;
      const std::string key = EmailKey(*address);
      if (key == sender_key || (ticket.requester && EmailKey(*ticket.requester) == key)) continue;
      bool own = std::any_of(target.own_addresses.begin(), target.own_addresses.end(),
                             [&](const std::string& mine) { return EmailKey(mine) == key; });
      RAPPORT_ASSIGN_OR_RETURN(bool queue, Exists(tx, kIsQueueAddress, {key}));
      if (own || queue) continue;
      RAPPORT_ASSIGN_OR_RETURN(
          int64_t added,
          tx.Exec(
              kInsertParticipant,
              {ticket.id, ticket.customer_id, key, *address,
               recipient.name.empty() ? storage::Null() : storage::Value(recipient.name), now}));
      room -= added;
    }
  }
  return OkStatus();
}

// The first `limit` characters of `text` (whole UTF-8 sequences).
std::string Clip(const std::string& text, size_t limit) {
  if (CharacterCount(text) <= limit) return text;
  size_t chars = 0, i = 0;
  for (; i < text.size() && chars < limit; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return text.substr(0, i);
}

// The message as the ticket service's input, checked by its own parser (so mail meets every rule
// an API message meets). Over-long text is clipped, over-long HTML left out (the text stays).
Result<MessageInput> MessageFrom(const mail::ParsedMessage& mail) {
  std::string text = Clip(mail.text, kMaxBodyLength);
  json::object input{{"author_type", "customer"}};
  input["body_text"] = text.find_first_not_of(" \t\r\n") == std::string::npos ? kNoText : text;
  if (!mail.html.empty() && mail.html.size() <= kMaxHtmlLength) input["body_html"] = mail.html;
  if (!mail.message_id.empty()) input["message_id"] = mail.message_id;
  if (!mail.in_reply_to.empty()) input["in_reply_to"] = mail.in_reply_to;
  json::array refs;
  for (const auto& ref : mail.references) refs.push_back(json::value(ref));
  input["references"] = std::move(refs);
  return ParseMessage(input);
}

std::string DroppedNote(const std::vector<Attachment>& dropped, size_t limit) {
  std::string note =
      "Not kept (over the " + std::to_string(limit / (1024 * 1024)) + " MB attachment limit):";
  for (const auto& a : dropped) {
    note += "\n- " + a.name + " (" + std::to_string((a.size + 1024 * 1024 - 1) / (1024 * 1024)) +
            " MB)";
  }
  return note + "\nAsk the sender for another way to share them.";
}

}  // namespace

std::string_view IngestResultName(IngestResult result) {
  switch (result) {
    case IngestResult::kOpened:
      return "opened";
    case IngestResult::kLinked:
      return "linked";
    case IngestResult::kThreaded:
      return "threaded";
    case IngestResult::kDuplicate:
      return "duplicate";
    case IngestResult::kAutomatic:
      return "automatic";
    case IngestResult::kRejected:
      return "rejected";
  }
  return "rejected";
}

std::string ThreadIndexKey(std::string_view thread_index) {
  // 22 bytes: 6 of a FILETIME, 16 of a GUID; the GUID names the conversation.
  constexpr size_t kHeader = 22;
  unsigned char bytes[64];
  size_t length = 0;
  if (thread_index.size() > 4 * sizeof bytes / 3 ||
      sodium_base642bin(bytes, sizeof bytes, thread_index.data(), thread_index.size(), " \t\r\n",
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < kHeader || (length - kHeader) % 5 != 0) {
    return {};
  }
  char hex[2 * 16 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes + 6, 16);
  return std::string(hex, 32);
}

IngestCounters MailIngest::counters() const {
  return {opened_.load(), threaded_.load(), duplicates_.load(), automatic_.load(),
          rejected_.load()};
}

void MailIngest::Count(const IngestOutcome& outcome) {
  switch (outcome.result) {
    case IngestResult::kOpened:
    case IngestResult::kLinked:
      ++opened_;
      break;
    case IngestResult::kThreaded:
      ++threaded_;
      break;
    case IngestResult::kDuplicate:
      ++duplicates_;
      break;
    case IngestResult::kAutomatic:
      ++automatic_;
      break;
    case IngestResult::kRejected:
      ++rejected_;
      break;
  }
}

Result<IngestOutcome> MailIngest::Dropped(IngestOutcome outcome, const MailboxTarget& target,
                                          const InTx& in_tx) {
  if (in_tx) RAPPORT_RETURN_IF_ERROR(database_.Write(in_tx));
  Count(outcome);
  // Counted and logged without addresses, subjects or ids: nothing personal.
  spdlog::info("mail: {} message from mailbox {} dropped{}{}", IngestResultName(outcome.result),
               target.mailbox, outcome.detail.empty() ? "" : ": ", outcome.detail);
  return outcome;
}

Result<IngestOutcome> MailIngest::IngestRaw(std::string_view raw, const MailboxTarget& target,
                                            const InTx& in_tx) {
  auto parsed = mail::ParseMessage(
      raw, {.max_message_bytes = kMaxReceivedBytes, .max_attachment_bytes = kMaxReceivedBytes});
  if (!parsed.ok()) {
    return Dropped({.result = IngestResult::kRejected, .detail = parsed.error().message}, target,
                   in_tx);
  }
  return Ingest(*parsed, target, in_tx);
}

Result<IngestOutcome> MailIngest::Ingest(const mail::ParsedMessage& mail,
                                         const MailboxTarget& target, const InTx& in_tx) {
  if (mail.IsAutomatic()) {
    return Dropped({.result = IngestResult::kAutomatic,
                    .detail = mail.origin == mail::MailOrigin::kBounce ? "bounce" : "auto-reply"},
                   target, in_tx);
  }
  std::optional<std::string> from =
      mail.from ? customers::NormalizeEmail(mail.from->address) : std::nullopt;
  if (!from) {
    return Dropped({.result = IngestResult::kRejected, .detail = "no valid From address"}, target,
                   in_tx);
  }
  auto parsed_input = MessageFrom(mail);
  if (!parsed_input.ok()) {
    const auto& errors = parsed_input.error().field_errors;
    return Dropped(
        {.result = IngestResult::kRejected,
         .detail = "unusable " + (errors.empty() ? std::string("message") : errors[0].field)},
        target, in_tx);
  }
  MessageInput input = std::move(parsed_input).value();
  // A repeat delivery is recognised before any attachment is written to disk.
  if (!mail.message_id.empty()) {
    std::optional<std::string> seen;
    RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(seen, TicketOfMessageId(tx, mail.message_id));
      return OkStatus();
    }));
    if (seen) return Dropped({.result = IngestResult::kDuplicate}, target, in_tx);
  }
  std::vector<IncomingFile> files;
  for (const auto& part : mail.attachments) {
    files.push_back({.declared_name = part.filename,
                     .bytes = part.bytes,
                     .inline_cid = part.inline_part ? part.content_id : std::string()});
    RAPPORT_RETURN_IF_ERROR(attachments_.PutBlob(files.back()));
  }

  const storage::WriteContext context{.actor = "mail:" + target.mailbox, .via = "system"};
  const access::Access& system = access::Access::Unrestricted();
  const std::string sender_key = EmailKey(*from);
  IngestOutcome outcome;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    if (!mail.message_id.empty()) {  // again, inside the writer: a concurrent delivery
      RAPPORT_ASSIGN_OR_RETURN(auto seen, TicketOfMessageId(tx, mail.message_id));
      if (seen) {
        outcome = {.result = IngestResult::kDuplicate};
        return in_tx ? in_tx(tx) : OkStatus();
      }
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> answered, AnsweredTicket(tx, mail));
    std::string staff_id;
    Role role = Role::kStranger;
    if (answered) {
      RAPPORT_ASSIGN_OR_RETURN(role, SenderRole(tx, *answered, sender_key, staff_id));
    }
    if (role == Role::kStaff) {
      if (answered->status == "closed") {
        outcome = {.result = IngestResult::kRejected, .detail = "staff mail to a closed ticket"};
        return in_tx ? in_tx(tx) : OkStatus();
      }
      // Staff writing by mail: kept as an internal note, never sent on (no mail loops).
      input.kind = "note";
      input.author_type = "staff";
      input.author_id = staff_id;
    }
    json::object written;
    if (role != Role::kStranger) {
      RAPPORT_ASSIGN_OR_RETURN(written,
                               AddMessageInTx(tx, system, context, answered->id, input, {}));
    } else {
      CreateInput create{.channel = "email", .requester_email = *from, .message = input};
      create.message.kind = "reply";
      create.message.author_type = "customer";
      create.message.author_id.reset();
      if (mail.from && !mail.from->name.empty()) create.requester_name = mail.from->name;
      std::string subject = Clip(mail.subject, kMaxSubjectLength);
      CleanedText cleaned = CleanText(subject, kMaxSubjectLength, TextKind::kSingleLine);
      create.fields.subject =
          cleaned.problem.empty() && !cleaned.text.empty() ? cleaned.text : std::string(kNoSubject);
      RAPPORT_ASSIGN_OR_RETURN(auto queue, ResolveQueue(tx, target, mail));
      if (queue) create.fields.queue_id = std::optional<std::string>(*queue);
      create.mailbox = ArrivalAddress(target, mail);  // routing, when no queue was found
      // A stranger naming someone's ticket gets their own, linked for staff to see.
      if (answered) create.linked_ticket_id = answered->id;
      RAPPORT_ASSIGN_OR_RETURN(written, CreateTicketInTx(tx, system, context, create));
    }
    const json::object& ticket_json = written.at("ticket").as_object();
    const std::string ticket_id(ticket_json.at("id").as_string());
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, ticket_id));
    if (!ticket) return Error::Internal("the ticket just written is missing");
    outcome = {.result = ticket->linked_ticket_id && (!answered || answered->id != ticket->id)
                             ? IngestResult::kLinked
                         : answered && answered->id == ticket->id ? IngestResult::kThreaded
                                                                  : IngestResult::kOpened,
               .ticket_id = ticket->id,
               .ticket_number = ticket->number};
    RAPPORT_RETURN_IF_ERROR(AddParticipants(tx, *ticket, mail, target, sender_key));
    if (std::string key = ThreadIndexKey(mail.thread_index); !key.empty()) {
      RAPPORT_RETURN_IF_ERROR(
          tx.Exec(kInsertThread, {key, ticket->id, ticket->customer_id, NowInstant()}));
    }
    const std::string message_id(written.at("message").as_object().at("id").as_string());
    std::vector<Attachment> dropped;
    for (const auto& file : files) {
      RAPPORT_ASSIGN_OR_RETURN(
          Attachment stored,
          attachments_.StoreInTx(tx, ticket->id, ticket->customer_id, message_id, file));
      if (stored.dropped) dropped.push_back(std::move(stored));
    }
    if (!dropped.empty()) {
      MessageInput note{.kind = "note",
                        .author_type = "system",
                        .body_text = DroppedNote(dropped, attachments_.max_bytes())};
      RAPPORT_RETURN_IF_ERROR(AddMessageInTx(tx, system, context, ticket->id, note, {}));
    }
    return in_tx ? in_tx(tx) : OkStatus();
  }));
  Count(outcome);
  if (outcome.ticket_id.empty()) {
    spdlog::info("mail: {} message from mailbox {} dropped{}{}", IngestResultName(outcome.result),
                 target.mailbox, outcome.detail.empty() ? "" : ": ", outcome.detail);
  }
  return outcome;
}

}  // namespace rapport::support
