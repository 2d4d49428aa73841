#include "support/ticket_service.hpp"

#include "common/time.hpp"
#include "customers/contact_points.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_writes.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "support/assignment.hpp"
#include "support/attachment_store.hpp"
#include "support/customer_priority.hpp"
#include "support/queue_service.hpp"
#include "support/routing.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_input.hpp"
#include "support/ticket_ratings.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

// The customers area's contact-point keys (migration 0001, 0012): every spelling of one mailbox
// has one address_key, every phone is stored in E.164.
constexpr std::string_view kCustomerByEmail =
    "SELECT customer_id FROM customer_emails WHERE address_key = ?";
constexpr std::string_view kCustomerByPhone =
    "SELECT customer_id FROM customer_phones WHERE number = ? ORDER BY customer_id LIMIT 1";
// Staff accounts (identity area): assignees and followers must be users.
constexpr std::string_view kUserExists = "SELECT 1 FROM users WHERE id = ?";

// "Ada Lovelace" → first "Ada", last "Lovelace"; one word is a first name.
json::object NameParts(const std::string& name) {
  const size_t space = name.rfind(' ');
  if (space == std::string::npos) return json::object{{"first_name", name}};
  return json::object{{"first_name", name.substr(0, space)}, {"last_name", name.substr(space + 1)}};
}

// The customer a create names: by id, else by the requester's address (created when unknown,
// through the customers area's own create path with its event and audit).
Result<std::string> ResolveCustomer(Tx& tx, const access::Access& access,
                                    const storage::WriteContext& context, const CreateInput& in) {
  if (in.customer_id) {
    auto owner = customers::ReadableCustomerOwner(tx, access, *in.customer_id);
    if (!owner.ok()) {
      if (owner.error().code != ErrorCode::kNotFound) return owner.error();
      return Error::Invalid("customer_id", "no customer has this id");
    }
    return *in.customer_id;
  }
  std::string field;
  Rows rows;
  json::object new_customer;
  if (in.requester_email) {
    field = "requester.email";
    auto address = customers::NormalizeEmail(*in.requester_email);
    if (!address) return Error::Invalid(field, "must be a valid email address");
    RAPPORT_ASSIGN_OR_RETURN(rows, tx.Query(kCustomerByEmail, {customers::EmailKey(*address)}));
    new_customer["emails"] = json::array{json::object{{"address", *address}}};
  } else {
    field = "requester.phone";
    customers::PhoneResult phone = customers::NormalizePhone(in.requester_phone.value_or(""));
    if (!phone.e164) return Error::Invalid(field, phone.problem);
    RAPPORT_ASSIGN_OR_RETURN(rows, tx.Query(kCustomerByPhone, {*phone.e164}));
    new_customer["phones"] = json::array{json::object{{"number", *phone.e164}}};
  }
  if (!rows.empty()) {
    const std::string id = rows[0].Text(0);
    // Not confirmed to exist to a caller who may not read it: the words a customer create gets.
    if (!customers::ReadableCustomerOwner(tx, access, id).ok()) {
      return Error::Conflict("another customer already has this address", field);
    }
    return id;
  }
  if (in.requester_name) {
    for (auto& [key, value] : NameParts(*in.requester_name)) new_customer[key] = value;
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object created,
                           customers::CreateInTx(tx, access, context, new_customer));
  return std::string(created.at("id").as_string());
}

Status CheckUser(Tx& tx, const std::string& id, const std::string& field) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kUserExists, {id}));
  if (rows.empty()) return Error::Invalid(field, "no user has this id");
  return OkStatus();
}

// Applies the changeable fields to `ticket`, checking what needs the database. `creating`: check
// required custom fields. Status is the caller's (it needs the mover).
Status ApplyFields(Tx& tx, const TicketFields& fields, bool creating, Ticket& ticket) {
  std::vector<FieldError> errors;
  if (fields.subject) ticket.subject = *fields.subject;
  if (fields.priority) ticket.priority = *fields.priority;
  if (fields.type) ticket.type = *fields.type;
  if (fields.tags) ticket.tags = *fields.tags;
  if (fields.queue_id) {
    ticket.queue_id = *fields.queue_id;
    if (*fields.queue_id) {
      RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, **fields.queue_id));
      if (!queue) {
        errors.push_back({"queue_id", "no queue has this id"});
      } else if (creating && !fields.priority) {
        ticket.priority = queue->default_priority;
      }
    }
  }
  if (fields.assignee_id) {
    ticket.assignee_id = *fields.assignee_id;
    if (*fields.assignee_id) {
      Status known = CheckUser(tx, **fields.assignee_id, "assignee_id");
      if (!known.ok()) errors.push_back(known.error().field_errors.at(0));
    }
  }
  if (fields.follower_ids) {
    ticket.follower_ids = *fields.follower_ids;
    for (size_t i = 0; i < fields.follower_ids->size(); ++i) {
      Status known =
          CheckUser(tx, (*fields.follower_ids)[i], "follower_ids[" + std::to_string(i) + "]");
      if (!known.ok()) errors.push_back(known.error().field_errors.at(0));
    }
  }
  if (!fields.custom_fields.is_null() || creating) {
    RAPPORT_ASSIGN_OR_RETURN(auto definitions, customers::LoadCustomFields(tx, "ticket"));
    if (!fields.custom_fields.is_null()) {
      customers::MergeCustomFieldValues(fields.custom_fields, definitions, ticket.custom_fields,
                                        errors);
    }
    if (creating) customers::CheckRequiredCustomFields(definitions, ticket.custom_fields, errors);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

}  // namespace

Result<json::object> CreateTicketInTx(Tx& tx, const access::Access& access,
                                      const storage::WriteContext& context, const CreateInput& in,
                                      Ticket* opened) {
  RAPPORT_ASSIGN_OR_RETURN(std::string customer_id, ResolveCustomer(tx, access, context, in));
  Ticket ticket{.customer_id = customer_id, .channel = in.channel};
  ticket.requester = in.requester_email ? in.requester_email : in.requester_phone;
  RAPPORT_RETURN_IF_ERROR(ApplyFields(tx, in.fields, /*creating=*/true, ticket));
  // The level must reach the queue (and assignee) the caller asked for; where routing and round
  // robin then place the ticket is the desk's rule, not the caller's reach.
  RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, ticket, access::Action::kCreate));
  if (!in.fields.queue_id) {
    const RoutingFacts facts{.channel = ticket.channel,
                             .mailbox = in.mailbox,
                             .subject = ticket.subject,
                             .body = in.message.body_text,
                             .customer_id = customer_id};
    RAPPORT_RETURN_IF_ERROR(RouteNewTicket(tx, facts, in.fields.priority.has_value(), ticket));
  }
  // A customer's standing (a loyalty tier's support_priority) raises what the queue or rule set,
  // never what the caller chose (customer_priority.hpp).
  if (!in.fields.priority) {
    RAPPORT_RETURN_IF_ERROR(ApplyCustomerPriority(tx, customer_id, ticket.priority));
  }
  if (ticket.queue_id && !ticket.assignee_id) {
    RAPPORT_ASSIGN_OR_RETURN(ticket.assignee_id, AssignByTurn(tx, *ticket.queue_id));
  }
  Message message{.kind = in.message.kind,
                  .author_type = in.message.author_type,
                  .body_text = in.message.body_text,
                  .body_html = in.message.body_html,
                  .message_id = in.message.message_id,
                  .in_reply_to = in.message.in_reply_to,
                  .references = in.message.references};
  if (message.author_type == "customer") message.author_id = customer_id;
  if (message.author_type == "staff" && !access.user_id().empty()) {
    message.author_id = access.user_id();
  }
  if (message.author_type == "staff" && message.kind == "reply") {
    ticket.status = "open";
    if (RepliesByEmail(ticket)) message.delivery = "queued";
  }
  ticket.linked_ticket_id = in.linked_ticket_id;
  // A Message-ID is one message's (per customer): answer the field, not the unique index.
  if (message.message_id) {
    RAPPORT_ASSIGN_OR_RETURN(bool seen, store::MessageIdSeen(tx, customer_id, *message.message_id));
    if (seen) return Error::Conflict("This message was already received.", "message.message_id");
  }
  RAPPORT_RETURN_IF_ERROR(OpenTicket(tx, context, ticket, message));
  RAPPORT_RETURN_IF_ERROR(store::LoadSla(tx, ticket));
  if (opened != nullptr) *opened = ticket;
  return json::object{{"message", MessageToJson(message)}, {"ticket", TicketToJson(ticket)}};
}

Result<json::object> TicketService::Create(const Access& access,
                                           const storage::WriteContext& context,
                                           const json::object& input) {
  if (access.LevelFor(access::Object::kTickets, access::Action::kCreate) == access::Level::kNone) {
    return access::NotPermitted(access::Object::kTickets, access::Action::kCreate);
  }
  RAPPORT_ASSIGN_OR_RETURN(CreateInput in, ParseCreate(input));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(json::object opened, CreateTicketInTx(tx, access, context, in));
    served = std::move(opened.at("ticket").as_object());
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> TicketService::Get(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, ReadableTicket(tx, access, id));
    served = TicketToJson(ticket);
    RAPPORT_ASSIGN_OR_RETURN(served["rating"], RatingOf(tx, ticket.id));
    return OkStatus();
  }));
  return served;
}

Result<json::array> TicketService::Messages(const Access& access, const std::string& id) {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, ReadableTicket(tx, access, id));
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Message> messages, store::LoadMessages(tx, ticket.id));
    for (const auto& message : messages) out.push_back(MessageToJson(message));
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Attachment> files,
                             store::TicketAttachments(tx, ticket.id));
    ListAttachments(files, out);
    return OkStatus();
  }));
  return out;
}

Result<json::object> TicketService::Update(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& id, const json::object& patch,
                                           std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(TicketFields fields, ParsePatch(patch));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, ReadableTicket(tx, access, id));
    RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, ticket));
    if (if_version && *if_version != ticket.version) {
      return Error::PreconditionFailed("The ticket was changed since you read it.");
    }
    if (ticket.status == "closed") {
      return Error::Conflict("A closed ticket cannot change.", "status");
    }
    const json::object before = TicketToJson(ticket);
    const std::string from = ticket.status;
    RAPPORT_RETURN_IF_ERROR(ApplyFields(tx, fields, /*creating=*/false, ticket));
    const std::string now = NowInstant();
    if (fields.status && *fields.status != ticket.status) {
      RAPPORT_RETURN_IF_ERROR(MoveStatus(ticket, *fields.status, Mover::kStaff, now));
    }
    json::object after = TicketToJson(ticket);
    json::array changed = storage::ChangedFields(before, after);
    if (changed.empty()) {
      served = std::move(after);
      RAPPORT_ASSIGN_OR_RETURN(served["rating"], RatingOf(tx, ticket.id));
      return OkStatus();
    }
    ticket.updated_at = now;
    RAPPORT_RETURN_IF_ERROR(store::SaveTicket(tx, ticket));
    served = TicketToJson(ticket);
    json::array other;
    for (const auto& field : changed) {
      if (field != "status" && field != "solved_at" && field != "closed_at") other.push_back(field);
    }
    if (!other.empty()) {
      json::object part = storage::ChangedPart(served, other);
      part["number"] = ticket.number;
      part["customer_id"] = ticket.customer_id;
      RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "ticket.updated", ticket,
                                       json::object{{"ticket", part}, {"changed", other}}));
    }
    if (ticket.status != from) RAPPORT_RETURN_IF_ERROR(AnnounceStatus(tx, context, ticket, from));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "ticket", ticket.id, before, served));
    RAPPORT_RETURN_IF_ERROR(store::LoadSla(tx, ticket));  // re-evaluated by the announcements
    served["sla"] = ticket.sla;
    RAPPORT_ASSIGN_OR_RETURN(served["rating"], RatingOf(tx, ticket.id));
    return context.Written(tx, served);
  }));
  return served;
}

Status RecordDeliveryInTx(Tx& tx, const storage::WriteContext& context,
                          const std::string& message_id, const std::string& delivery,
                          const std::optional<std::string>& error) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Message> message, store::LoadMessageById(tx, message_id));
  if (!message || !message->delivery) {
    return Error::NotFound("No outbound message has the id " + message_id + ".");
  }
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, message->ticket_id));
  if (!ticket) return Error::NotFound("No outbound message has the id " + message_id + ".");
  RAPPORT_RETURN_IF_ERROR(store::SetDelivery(tx, message_id, delivery, error));
  return Announce(
      tx, context, "ticket.delivery_changed", *ticket,
      json::object{{"message", json::object{{"id", message_id}, {"delivery", delivery}}}});
}

Status TicketService::RecordDelivery(const storage::WriteContext& context,
                                     const std::string& message_id, const std::string& delivery,
                                     const std::optional<std::string>& error) {
  if (delivery != "sent" && delivery != "failed") {
    return Error::Invalid("delivery", "must be sent or failed");
  }
  return database_.Write(
      [&](Tx& tx) { return RecordDeliveryInTx(tx, context, message_id, delivery, error); });
}

Result<int64_t> TicketService::AutoClose(const storage::WriteContext& context,
                                         const std::string& cutoff) {
  int64_t closed = 0;
  for (;;) {
    int64_t batch = 0;
    RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                               store::SolvedBefore(tx, cutoff, kAutoCloseBatch));
      batch = static_cast<int64_t>(ids.size());
      const std::string now = NowInstant();
      for (const auto& id : ids) {
        RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, id));
        if (!ticket) continue;
        const json::object before = TicketToJson(*ticket);
        RAPPORT_RETURN_IF_ERROR(MoveStatus(*ticket, "closed", Mover::kSystem, now));
        ticket->updated_at = now;
        RAPPORT_RETURN_IF_ERROR(store::SaveTicket(tx, *ticket));
        RAPPORT_RETURN_IF_ERROR(AnnounceStatus(tx, context, *ticket, "solved"));
        RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "ticket", id, before,
                                                     TicketToJson(*ticket)));
      }
      return OkStatus();
    }));
    closed += batch;
    if (batch < kAutoCloseBatch) return closed;
  }
}

}  // namespace rapport::support
