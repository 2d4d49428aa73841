// TicketService's conversation writes: replies and notes (with the reopen rules and the linked
// ticket a reply to a closed one opens), merge and split (docs/design/support.md).
#include <algorithm>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "support/attachment_store.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_input.hpp"
#include "support/ticket_service.hpp"
#include "support/ticket_sla.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

Status CheckVersion(const Ticket& ticket, std::optional<int64_t> if_version) {
  if (if_version && *if_version != ticket.version) {
    return Error::PreconditionFailed("The ticket was changed since you read it.");
  }
  return OkStatus();
}

Status RefuseClosed(const Ticket& ticket) {
  if (ticket.status == "closed") return Error::Conflict("A closed ticket cannot change.", "status");
  return OkStatus();
}

Message NewMessage(const MessageInput& in, const Ticket& ticket, const access::Access& access) {
  Message message{.id = NewId("tmg"),
                  .ticket_id = ticket.id,
                  .customer_id = ticket.customer_id,
                  .kind = in.kind,
                  .author_type = in.author_type,
                  .body_text = in.body_text,
                  .body_html = in.body_html,
                  .message_id = in.message_id,
                  .in_reply_to = in.in_reply_to,
                  .references = in.references,
                  .created_at = NowInstant()};
  if (in.author_type == "customer") message.author_id = ticket.customer_id;
  if (in.author_type == "staff" && !access.user_id().empty()) message.author_id = access.user_id();
  if (in.author_id) message.author_id = in.author_id;
  if (in.author_type == "staff" && in.kind == "reply" && RepliesByEmail(ticket)) {
    message.delivery = "queued";  // the mail part sends it from the outbox after commit
  }
  return message;
}

// A customer's message to a closed ticket: a new ticket of the same customer, linked to the old.
Result<json::object> OpenLinked(Tx& tx, const storage::WriteContext& context, const Ticket& old,
                                Message message) {
  Ticket ticket{.subject = old.subject,
                .customer_id = old.customer_id,
                .requester = old.requester,
                .priority = old.priority,
                .type = old.type,
                .channel = old.channel,
                .queue_id = old.queue_id,
                .linked_ticket_id = old.id};
  message.id.clear();  // OpenTicket inserts it on the new ticket
  RAPPORT_RETURN_IF_ERROR(OpenTicket(tx, context, ticket, message));
  RAPPORT_RETURN_IF_ERROR(store::LoadSla(tx, ticket));
  return json::object{{"message", MessageToJson(message)}, {"ticket", TicketToJson(ticket)}};
}

// Writes `message` on `ticket` (status already moved from `from`), bumping the version, with
// its event, timeline entry and audit entries.
Status WriteMessage(Tx& tx, const storage::WriteContext& context, Ticket& ticket,
                    const Message& message, const json::object& before, const std::string& from) {
  RAPPORT_RETURN_IF_ERROR(store::InsertMessage(tx, message));
  ticket.updated_at = message.created_at;
  RAPPORT_RETURN_IF_ERROR(store::SaveTicket(tx, ticket));
  const bool note = message.kind == "note";
  json::object summary{{"id", message.id}, {"author_type", message.author_type}};
  if (message.delivery) summary["delivery"] = *message.delivery;
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, note ? "ticket.noted" : "ticket.replied", ticket,
                                   json::object{{"message", std::move(summary)}}));
  const std::string_view direction =
      note ? "internal" : (message.author_type == "customer" ? "inbound" : "outbound");
  // The customer's own words give the entry its sentiment; staff replies and notes have none.
  RAPPORT_RETURN_IF_ERROR(
      OnTimeline(tx, context, ticket, note ? "ticket_noted" : "ticket_replied", direction,
                 note ? "noted" : "replied", std::nullopt,
                 direction == "inbound" ? CustomerSentiment(message) : "unknown"));
  if (ticket.status != from) RAPPORT_RETURN_IF_ERROR(AnnounceStatus(tx, context, ticket, from));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "ticket_message", message.id,
                                               {}, MessageToJson(message)));
  return storage::AppendAudit(tx, context, "update", "ticket", ticket.id, before,
                              TicketToJson(ticket));
}

// Names the uploads of `in` (made on `upload_ticket`) as parts of the served {message, ticket},
// and lists the message's attachments in it.
Status AttachNamed(Tx& tx, const MessageInput& in, const std::string& upload_ticket,
                   json::object& served) {
  json::object& message = served.at("message").as_object();
  const std::string message_id(message.at("id").as_string());
  RAPPORT_RETURN_IF_ERROR(store::AttachUploads(tx, in.attachment_ids, upload_ticket,
                                               std::string(message.at("ticket_id").as_string()),
                                               message_id));
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Attachment> found,
                           store::MessageAttachments(tx, message_id));
  json::array one{message};
  ListAttachments(found, one);
  message = std::move(one[0].as_object());
  return OkStatus();
}

}  // namespace

Result<json::object> AddMessageInTx(Tx& tx, const access::Access& access,
                                    const storage::WriteContext& context, const std::string& id,
                                    const MessageInput& in, std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, ReadableTicket(tx, access, id));
  RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, ticket));
  RAPPORT_RETURN_IF_ERROR(CheckVersion(ticket, if_version));
  if (in.message_id) {
    RAPPORT_ASSIGN_OR_RETURN(bool seen,
                             store::MessageIdSeen(tx, ticket.customer_id, *in.message_id));
    if (seen) return Error::Conflict("This message was already received.", "message_id");
  }
  Message message = NewMessage(in, ticket, access);
  if (in.author_type == "customer" && ticket.status == "closed") {
    RAPPORT_ASSIGN_OR_RETURN(served, OpenLinked(tx, context, ticket, std::move(message)));
    RAPPORT_RETURN_IF_ERROR(AttachNamed(tx, in, ticket.id, served));
    return served;
  }
  RAPPORT_RETURN_IF_ERROR(RefuseClosed(ticket));
  const json::object before = TicketToJson(ticket);
  const std::string from = ticket.status;
  std::optional<std::string_view> to;
  if (in.author_type == "customer") {
    to = StatusAfterCustomerReply(ticket.status);
  } else if (in.status) {
    to = *in.status;
  } else if (in.kind == "reply" && ticket.status == "new") {
    to = "open";
  }
  if (to && *to != ticket.status) {
    const Mover mover = in.author_type == "customer" ? Mover::kCustomer : Mover::kStaff;
    RAPPORT_RETURN_IF_ERROR(MoveStatus(ticket, *to, mover, message.created_at));
  }
  if (in.author_type == "staff" && in.kind == "reply" && !ticket.first_response_at) {
    ticket.first_response_at = message.created_at;
  }
  RAPPORT_RETURN_IF_ERROR(WriteMessage(tx, context, ticket, message, before, from));
  RAPPORT_RETURN_IF_ERROR(store::LoadSla(tx, ticket));
  served = json::object{{"message", MessageToJson(message)}, {"ticket", TicketToJson(ticket)}};
  RAPPORT_RETURN_IF_ERROR(AttachNamed(tx, in, ticket.id, served));
  return served;
}

Result<json::object> TicketService::AddMessage(const Access& access,
                                               const storage::WriteContext& context,
                                               const std::string& id, const json::object& input,
                                               std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(MessageInput in, ParseMessage(input));
  if (in.status && in.author_type != "staff") {
    return Error::Invalid("status", "only staff set a status with their message");
  }
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(served, AddMessageInTx(tx, access, context, id, in, if_version));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> TicketService::Merge(const Access& access,
                                          const storage::WriteContext& context,
                                          const std::string& id, const std::string& into,
                                          std::optional<int64_t> if_version) {
  if (into.empty()) return Error::Invalid("into", "is required: the ticket to merge into");
  if (into == id) return Error::Invalid("into", "must be another ticket");
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket source, ReadableTicket(tx, access, id));
    auto readable_target = ReadableTicket(tx, access, into);
    if (!readable_target.ok()) return Error::Invalid("into", "no ticket has this id");
    Ticket target = std::move(readable_target).value();
    RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, source));
    RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, target));
    RAPPORT_RETURN_IF_ERROR(CheckVersion(source, if_version));
    if (source.customer_id != target.customer_id) {
      return Error::Conflict("Only tickets of the same customer can be merged.", "into");
    }
    RAPPORT_RETURN_IF_ERROR(RefuseClosed(source));
    if (target.status == "closed") {
      return Error::Conflict("A closed ticket cannot take a merge.", "into");
    }
    const json::object source_before = TicketToJson(source);
    const json::object target_before = TicketToJson(target);
    RAPPORT_ASSIGN_OR_RETURN(int64_t moved, store::MoveMessages(tx, source.id, target.id));
    // Tags and followers join the target's, up to the target's limits.
    for (const auto& tag : source.tags) {
      if (target.tags.size() < kMaxTags) target.tags.push_back(tag);
    }
    for (const auto& user : source.follower_ids) {
      if (target.follower_ids.size() < kMaxFollowers) target.follower_ids.push_back(user);
    }
    for (auto* list : {&target.tags, &target.follower_ids}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    const std::string now = NowInstant();
    const std::string from = source.status;
    source.status = "closed";  // a merge closes from any open status: not a transition by hand
    source.closed_at = source.updated_at = now;
    source.merged_into = target.id;
    RAPPORT_RETURN_IF_ERROR(store::SaveTicket(tx, source));
    RAPPORT_RETURN_IF_ERROR(RecordTicketStatus(tx, source.id, source.customer_id, "closed", now));
    Message note{.id = NewId("tmg"),
                 .ticket_id = target.id,
                 .customer_id = target.customer_id,
                 .kind = "note",
                 .author_type = "system",
                 .body_text = "Merged #" + std::to_string(source.number) + " into this ticket.",
                 .created_at = now};
    RAPPORT_RETURN_IF_ERROR(store::InsertMessage(tx, note));
    target.updated_at = now;
    RAPPORT_RETURN_IF_ERROR(store::SaveTicket(tx, target));
    RAPPORT_RETURN_IF_ERROR(
        Announce(tx, context, "ticket.merged", source,
                 json::object{{"from", from},
                              {"into", json::object{{"id", target.id}, {"number", target.number}}},
                              {"messages_moved", moved}}));
    RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, source, "ticket_merged", "internal",
                                       "merged into #" + std::to_string(target.number)));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "ticket", source.id,
                                                 source_before, TicketToJson(source)));
    // The target's conversation grew: its targets follow (the source's did in Announce).
    RAPPORT_RETURN_IF_ERROR(RefreshTicketSla(tx, context, target.id, NowMillis()));
    served = TicketToJson(target);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "ticket", target.id, target_before, served));
    RAPPORT_RETURN_IF_ERROR(store::LoadSla(tx, target));
    served["sla"] = target.sla;
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> TicketService::Split(const Access& access,
                                          const storage::WriteContext& context,
                                          const std::string& id, const std::string& message_id,
                                          const json::object& input) {
  std::optional<std::string> subject;
  for (const auto& [key, value] : input) {
    if (key != "subject") return Error::Invalid(std::string(key), "is not a known field");
    CleanedText cleaned =
        value.is_string() ? CleanText(value.as_string(), kMaxSubjectLength, TextKind::kSingleLine)
                          : CleanedText{.problem = "must be a string"};
    if (cleaned.problem.empty() && cleaned.text.empty()) cleaned.problem = "must not be empty";
    if (!cleaned.problem.empty()) return Error::Invalid("subject", cleaned.problem);
    subject = std::move(cleaned.text);
  }
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket old, ReadableTicket(tx, access, id));
    RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, old));
    RAPPORT_RETURN_IF_ERROR(RefuseClosed(old));
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Message> message,
                             store::LoadMessage(tx, old.id, message_id));
    if (!message) return Error::NotFound("No message has the id " + message_id + ".");
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Message> conversation, store::LoadMessages(tx, old.id));
    if (conversation.size() < 2) {
      return Error::Conflict("A ticket's only message cannot be split off.", "message_id");
    }
    const std::string split_subject =
        "Split from #" + std::to_string(old.number) + ": " + old.subject;
    Ticket ticket{.subject = subject.value_or(CharacterCount(split_subject) <= kMaxSubjectLength
                                                  ? split_subject
                                                  : old.subject),
                  .customer_id = old.customer_id,
                  .requester = old.requester,
                  .status = "open",
                  .priority = old.priority,
                  .type = old.type,
                  .channel = old.channel,
                  .queue_id = old.queue_id,
                  .linked_ticket_id = old.id};
    // The message exists: OpenTicket leaves it, and it moves once the new ticket is in.
    RAPPORT_RETURN_IF_ERROR(OpenTicket(tx, context, ticket, *message));
    auto moved = store::MoveMessages(tx, old.id, ticket.id, message_id);
    if (!moved.ok()) return moved.error();
    const json::object before = TicketToJson(old);
    old.updated_at = ticket.created_at;
    RAPPORT_RETURN_IF_ERROR(store::SaveTicket(tx, old));
    RAPPORT_RETURN_IF_ERROR(Announce(
        tx, context, "ticket.split", old,
        json::object{{"message_id", message_id},
                     {"new_ticket", json::object{{"id", ticket.id}, {"number", ticket.number}}}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "ticket", old.id, before, TicketToJson(old)));
    // The new ticket's conversation is in place only now: evaluate its targets over it.
    RAPPORT_RETURN_IF_ERROR(RefreshTicketSla(tx, context, ticket.id, NowMillis()));
    RAPPORT_RETURN_IF_ERROR(store::LoadSla(tx, ticket));
    served = TicketToJson(ticket);
    return context.Written(tx, served);
  }));
  return served;
}

}  // namespace rapport::support
