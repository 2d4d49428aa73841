#include "support/ticket_changes.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_sentiment.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_sla.hpp"

namespace rapport::support {
namespace {

constexpr access::Object kTickets = access::Object::kTickets;

// The timeline's channel for a ticket's: the web form is "web", the API has none of its own.
std::string_view TimelineChannel(std::string_view channel) {
  if (channel == "web_form") return "web";
  if (channel == "api") return "other";
  return channel;
}

}  // namespace

bool RepliesByEmail(const Ticket& ticket) {
  return ticket.requester && ticket.requester->find('@') != std::string::npos;
}

Error NoSuchTicket(const std::string& id) {
  return Error::NotFound("No ticket has the id " + id + ".");
}

Result<access::TicketPlace> PlaceOf(storage::Tx& tx, const Ticket& ticket) {
  access::TicketPlace place{.team_id = std::nullopt, .assignee_id = ticket.assignee_id};
  if (ticket.queue_id) {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, *ticket.queue_id));
    if (queue) place.team_id = queue->team_id;
  }
  return place;
}

Result<Ticket> ReadableTicket(storage::Tx& tx, const access::Access& access,
                              const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, id));
  if (!ticket) return NoSuchTicket(id);
  auto owner = customers::ReadableCustomerOwner(tx, access, ticket->customer_id);
  if (!owner.ok()) {
    return owner.error().code == ErrorCode::kNotFound ? NoSuchTicket(id) : owner.error();
  }
  RAPPORT_ASSIGN_OR_RETURN(access::TicketPlace place, PlaceOf(tx, *ticket));
  if (!access.AllowsTicket(access::Action::kRead, place)) return NoSuchTicket(id);
  return std::move(*ticket);
}

Status CheckCanWork(storage::Tx& tx, const access::Access& access, const Ticket& ticket,
                    access::Action action) {
  RAPPORT_ASSIGN_OR_RETURN(access::TicketPlace place, PlaceOf(tx, ticket));
  if (!access.AllowsTicket(action, place)) return access::NotPermitted(kTickets, action);
  return OkStatus();
}

json::object TicketRef(const Ticket& ticket) {
  return json::object{{"id", ticket.id},
                      {"number", ticket.number},
                      {"customer_id", ticket.customer_id},
                      {"version", ticket.version}};
}

Status Announce(storage::Tx& tx, const storage::WriteContext& context, std::string_view type,
                const Ticket& ticket, json::object payload) {
  if (!payload.contains("ticket")) payload["ticket"] = TicketRef(ticket);
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, type, "ticket", ticket.id, payload));
  // Every change of a ticket announces itself: its response targets follow here.
  return RefreshTicketSla(tx, context, ticket.id, NowMillis());
}

Status OnTimeline(storage::Tx& tx, const storage::WriteContext& context, const Ticket& ticket,
                  std::string_view kind, std::string_view direction, std::string_view verb,
                  const std::optional<std::string>& occurred_at, std::string_view sentiment) {
  json::object entry{
      {"channel", TimelineChannel(ticket.channel)},
      {"direction", direction},
      {"kind", kind},
      {"subject", "Ticket #" + std::to_string(ticket.number) + " " + std::string(verb) + ": " +
                      ticket.subject},
      {"sentiment", sentiment},
      {"metadata", json::object{{"ticket_id", ticket.id}, {"number", ticket.number}}}};
  if (occurred_at) entry["occurred_at"] = *occurred_at;
  // The caller was authorised for the ticket; the entry is part of that same change.
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, ticket.customer_id, entry);
  if (!logged.ok()) return logged.error();
  return OkStatus();
}

Status OpenTicket(storage::Tx& tx, const storage::WriteContext& context, Ticket& ticket,
                  Message& message) {
  const std::string now = NowInstant();
  // An import brings its own times (and a number it reserved); everything else opens now.
  const bool backdated = !ticket.created_at.empty();
  ticket.id = NewId("tkt");
  if (ticket.number == 0) {
    RAPPORT_ASSIGN_OR_RETURN(ticket.number, store::NextTicketNumber(tx));
  }
  if (!backdated) ticket.created_at = ticket.updated_at = now;
  ticket.version = 1;
  if (message.author_type == "staff" && message.kind == "reply") ticket.first_response_at = now;
  RAPPORT_RETURN_IF_ERROR(store::InsertTicket(tx, ticket));
  if (ticket.status != "new") {
    RAPPORT_RETURN_IF_ERROR(
        RecordTicketStatus(tx, ticket.id, ticket.customer_id, ticket.status, now));
  }
  message.ticket_id = ticket.id;
  message.customer_id = ticket.customer_id;
  const bool inserted = message.id.empty();
  if (inserted) {
    message.id = NewId("tmg");
    message.created_at = ticket.created_at;
    RAPPORT_RETURN_IF_ERROR(store::InsertMessage(tx, message));
  }
  const json::object served = TicketToJson(ticket);
  RAPPORT_RETURN_IF_ERROR(
      Announce(tx, context, "ticket.opened", ticket,
               json::object{{"ticket", storage::LeanRecord(served, {"custom_fields", "subject"})},
                            {"message_id", message.id}}));
  const bool customer = message.author_type == "customer";
  RAPPORT_RETURN_IF_ERROR(
      OnTimeline(tx, context, ticket, "ticket_opened", customer ? "inbound" : "outbound", "opened",
                 backdated ? std::optional(ticket.created_at) : std::nullopt,
                 customer ? CustomerSentiment(message, ticket.subject) : "unknown"));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "create", "ticket", ticket.id, {}, served));
  if (!inserted) return OkStatus();
  return storage::AppendAudit(tx, context, "create", "ticket_message", message.id, {},
                              MessageToJson(message));
}

std::string_view CustomerSentiment(const Message& message, std::string_view subject) {
  return interactions::SentimentLabel(subject, message.body_text);
}

Status MoveStatus(Ticket& ticket, std::string_view to, Mover mover, const std::string& now) {
  RAPPORT_RETURN_IF_ERROR(CheckTransition(ticket.status, to, mover));
  if (to == "solved") ticket.solved_at = now;
  if (ticket.status == "solved" && to == "open") ticket.solved_at.reset();
  if (to == "closed") ticket.closed_at = now;
  ticket.status = std::string(to);
  return OkStatus();
}

Status AnnounceStatus(storage::Tx& tx, const storage::WriteContext& context, const Ticket& ticket,
                      std::string_view from) {
  const std::string_view type = StatusEventType(from, ticket.status);
  RAPPORT_RETURN_IF_ERROR(
      RecordTicketStatus(tx, ticket.id, ticket.customer_id, ticket.status, ticket.updated_at));
  RAPPORT_RETURN_IF_ERROR(
      Announce(tx, context, type, ticket, json::object{{"from", from}, {"to", ticket.status}}));
  if (type == "ticket.status_changed") return OkStatus();
  const std::string_view verb = type.substr(std::string_view("ticket.").size());
  return OnTimeline(tx, context, ticket, "ticket_" + std::string(verb), "internal", verb);
}

}  // namespace rapport::support
