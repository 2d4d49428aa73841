#include "support/ticket_import.hpp"

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_input.hpp"
#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kQueueByName = "SELECT id, team_id FROM queues WHERE name_key = ?";
constexpr std::string_view kUserByEmail = "SELECT id FROM users WHERE email_key = ?";
constexpr std::string_view kNumberTaken = "SELECT 1 FROM tickets WHERE number = ?";
// A kept number moves the counter past it, so later tickets never collide with it.
constexpr std::string_view kRaiseCounter =
    "UPDATE counters SET next_value = max(next_value, ? + 1) WHERE name = 'ticket_number'";
constexpr std::string_view kTimelineEntries =
    "SELECT id FROM interactions WHERE customer_id = ? "
    "AND json_extract(metadata, '$.ticket_id') = ?";
// Messages, tags and followers go with the ticket (ON DELETE CASCADE, migration 0018).
constexpr std::string_view kDeleteTicket = "DELETE FROM tickets WHERE id = ?";

std::optional<std::string> Text(const json::object& input, std::string_view key) {
  const json::value* v = input.if_contains(key);
  if (v == nullptr || !v->is_string() || v->as_string().empty()) return std::nullopt;
  return std::string(v->as_string());
}

// The optional time `key` in canonical form; an error naming it when it is not a time.
std::optional<std::string> Instant(const json::object& input, std::string_view key,
                                   std::vector<FieldError>& errors) {
  auto text = Text(input, key);
  if (!text) return std::nullopt;
  auto normal = NormalizeInstant(*text);
  if (!normal) errors.push_back({std::string(key), "must be an RFC 3339 time or a date"});
  return normal;
}

// The create body ParseCreate checks (subject, channel, priority, type, tags, the message), with
// its field names mapped back to the import's ("message.body_text" is the column "body").
Result<CreateInput> CheckedCreate(const json::object& input, const std::string& customer_id,
                                  std::vector<FieldError>& errors) {
  const std::string subject = Text(input, "subject").value_or("");
  json::object create{
      {"customer_id", customer_id},
      {"subject", subject},
      {"channel", Text(input, "channel").value_or("email")},
      {"message", json::object{{"author_type", "customer"},
                               {"body_text", Text(input, "body").value_or(subject)}}}};
  for (const char* key : {"priority", "type", "tags"}) {
    if (const json::value* v = input.if_contains(key); v != nullptr && !v->is_null()) {
      create[key] = *v;
    }
  }
  auto parsed = ParseCreate(create);
  if (parsed.ok()) return parsed;
  for (FieldError error : parsed.error().field_errors) {
    if (error.field.starts_with("message.")) error.field = "body";
    errors.push_back(std::move(error));
  }
  return parsed;
}

}  // namespace

Result<json::object> ImportTicketInTx(Tx& tx, const access::Access& access,
                                      const storage::WriteContext& context,
                                      const std::string& customer_id, const json::object& input) {
  std::vector<FieldError> errors;
  auto create = CheckedCreate(input, customer_id, errors);
  const std::string status = Text(input, "status").value_or("new");
  if (!OneOf(kStatuses, status))
    errors.push_back({"status", "must be one of " + Listed(kStatuses)});
  const auto created_at = Instant(input, "created_at", errors);
  auto solved_at = Instant(input, "solved_at", errors);
  const bool finished = status == "solved" || status == "closed";
  if (solved_at && !finished) {
    errors.push_back({"solved_at", "only a solved or closed ticket has a solved time"});
  }
  if (solved_at && created_at && ParseInstant(*solved_at) < ParseInstant(*created_at)) {
    errors.push_back({"solved_at", "must not be before created_at"});
  }
  access::TicketPlace place;
  std::optional<std::string> queue_id;
  if (auto name = Text(input, "queue")) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kQueueByName, {FoldCase(*name)}));
    if (rows.empty()) {
      errors.push_back({"queue", "no queue has this name"});
    } else {
      queue_id = rows[0].Text(0);
      place.team_id = rows[0].OptText(1);
    }
  }
  if (auto email = Text(input, "assignee")) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kUserByEmail, {EmailKey(*email)}));
    if (rows.empty()) {
      errors.push_back({"assignee", "no user has this e-mail address"});
    } else {
      place.assignee_id = rows[0].Text(0);
    }
  }
  int64_t number = 0;
  if (const json::value* v = input.if_contains("number"); v != nullptr && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 1) {
      errors.push_back({"number", "must be a whole number from 1"});
    } else {
      number = v->as_int64();
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!access.AllowsTicket(access::Action::kImport, place)) {
    return access::NotPermitted(access::Object::kTickets, access::Action::kImport);
  }
  // The old desk's number when it is free here; otherwise the next one of ours.
  if (number != 0) {
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kNumberTaken, {number}));
    if (taken.empty()) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kRaiseCounter, {number}));
    } else {
      number = 0;
    }
  }
  const CreateInput& in = *create;
  const std::string opened = created_at.value_or(NowInstant());
  Ticket ticket{.number = number,
                .subject = *in.fields.subject,
                .customer_id = customer_id,
                .requester = Text(input, "requester"),
                .status = status,
                .priority = in.fields.priority.value_or("normal"),
                .type = in.fields.type.value_or(std::nullopt),
                .channel = in.channel,
                .queue_id = queue_id,
                .assignee_id = place.assignee_id,
                .created_at = opened,
                .updated_at = solved_at.value_or(opened),
                .solved_at = finished ? solved_at : std::nullopt,
                .tags = in.fields.tags.value_or(std::vector<std::string>{})};
  if (status == "closed") ticket.closed_at = ticket.updated_at;
  Message message{.kind = "reply",
                  .author_type = "customer",
                  .author_id = customer_id,
                  .body_text = in.message.body_text};
  RAPPORT_RETURN_IF_ERROR(OpenTicket(tx, context, ticket, message));
  return TicketToJson(ticket);
}

Result<ImportedTicketRemoval> RemoveImportedTicketInTx(Tx& tx, const access::Access& access,
                                                       const storage::WriteContext& context,
                                                       const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Ticket> ticket, store::LoadTicket(tx, id));
  if (!ticket) return ImportedTicketRemoval::kMissing;
  if (ticket->version > 1) return ImportedTicketRemoval::kKept;
  RAPPORT_ASSIGN_OR_RETURN(access::TicketPlace place, PlaceOf(tx, *ticket));
  if (!access.AllowsTicket(access::Action::kImport, place)) return ImportedTicketRemoval::kKept;
  RAPPORT_ASSIGN_OR_RETURN(Rows entries, tx.Query(kTimelineEntries, {ticket->customer_id, id}));
  for (const auto& entry : entries) {
    // The entry was written with the ticket, by the same import: it goes with it.
    RAPPORT_RETURN_IF_ERROR(interactions::DeleteInteractionInTx(tx, access::Access::Unrestricted(),
                                                                context, entry.Text(0)));
  }
  const json::object before = TicketToJson(*ticket);
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteTicket, {id}));
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "ticket.deleted", *ticket, json::object{}));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "delete", "ticket", id, before, {}));
  return ImportedTicketRemoval::kRemoved;
}

}  // namespace rapport::support
