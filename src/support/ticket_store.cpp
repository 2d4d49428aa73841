#include "support/ticket_store.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace rapport::support {
namespace {

using storage::OptionalText;
using storage::Rows;
using storage::Tx;
using storage::Value;

#define RAPPORT_TICKET_COLUMNS                                                               \
  "id, number, subject, customer_id, requester, status, priority, type, channel, queue_id, " \
  "assignee_id, custom_fields, merged_into, linked_ticket_id, created_at, updated_at, "      \
  "first_response_at, solved_at, closed_at, version"
#define RAPPORT_MESSAGE_COLUMNS                                                      \
  "id, ticket_id, customer_id, kind, author_type, author_id, body_text, body_html, " \
  "message_id, in_reply_to, \"references\", delivery, delivery_error, created_at"

constexpr std::string_view kNextNumber =
    "UPDATE counters SET next_value = next_value + 1 WHERE name = 'ticket_number' "
    "RETURNING next_value - 1";
constexpr std::string_view kInsertTicket =
    "INSERT INTO tickets (" RAPPORT_TICKET_COLUMNS
    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectTicket =
    "SELECT " RAPPORT_TICKET_COLUMNS ", sla FROM tickets WHERE id = ?";
constexpr std::string_view kSelectSla = "SELECT sla FROM tickets WHERE id = ?";
// The version check is part of the write: a concurrent change makes it touch no row.
constexpr std::string_view kUpdateTicket =
    "UPDATE tickets SET subject = ?, requester = ?, status = ?, priority = ?, type = ?, "
    "queue_id = ?, assignee_id = ?, custom_fields = ?, merged_into = ?, linked_ticket_id = ?, "
    "updated_at = ?, first_response_at = ?, solved_at = ?, closed_at = ?, version = version + 1 "
    "WHERE id = ? AND version = ?";
constexpr std::string_view kSelectTags =
    "SELECT tag FROM ticket_tags WHERE ticket_id = ? ORDER BY tag";
constexpr std::string_view kSelectFollowers =
    "SELECT user_id FROM ticket_followers WHERE ticket_id = ? ORDER BY user_id";
// A page's tickets, tags and followers: one query each, whatever the page size (the inbox).
constexpr std::string_view kSelectTicketsIn =
    "SELECT " RAPPORT_TICKET_COLUMNS
    ", sla FROM tickets WHERE id IN (SELECT value FROM json_each(?))";
constexpr std::string_view kSelectTagsIn =
    "SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN (SELECT value FROM json_each(?)) "
    "ORDER BY ticket_id, tag";
constexpr std::string_view kSelectFollowersIn =
    "SELECT ticket_id, user_id FROM ticket_followers "
    "WHERE ticket_id IN (SELECT value FROM json_each(?)) ORDER BY ticket_id, user_id";
constexpr std::string_view kDeleteTags = "DELETE FROM ticket_tags WHERE ticket_id = ?";
constexpr std::string_view kDeleteFollowers = "DELETE FROM ticket_followers WHERE ticket_id = ?";
constexpr std::string_view kInsertTag =
    "INSERT INTO ticket_tags (ticket_id, customer_id, tag) VALUES (?, ?, ?)";
constexpr std::string_view kInsertFollower =
    "INSERT INTO ticket_followers (ticket_id, customer_id, user_id) VALUES (?, ?, ?)";

constexpr std::string_view kInsertMessage = "INSERT INTO ticket_messages (" RAPPORT_MESSAGE_COLUMNS
                                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectMessages =
    "SELECT " RAPPORT_MESSAGE_COLUMNS
    " FROM ticket_messages WHERE ticket_id = ? ORDER BY created_at, seq";
constexpr std::string_view kSelectMessage =
    "SELECT " RAPPORT_MESSAGE_COLUMNS " FROM ticket_messages WHERE ticket_id = ? AND id = ?";
constexpr std::string_view kSelectMessageById =
    "SELECT " RAPPORT_MESSAGE_COLUMNS " FROM ticket_messages WHERE id = ?";
constexpr std::string_view kMessageIdSeen =
    "SELECT 1 FROM ticket_messages WHERE customer_id = ? AND message_id = ?";
constexpr std::string_view kMoveMessages =
    "UPDATE ticket_messages SET ticket_id = ? WHERE ticket_id = ?";
constexpr std::string_view kMoveMessage =
    "UPDATE ticket_messages SET ticket_id = ? WHERE ticket_id = ? AND id = ?";
constexpr std::string_view kSetDelivery =
    "UPDATE ticket_messages SET delivery = ?, delivery_error = ? WHERE id = ?";
constexpr std::string_view kSolvedBefore =
    "SELECT id FROM tickets WHERE status = 'solved' AND solved_at < ? ORDER BY solved_at LIMIT ?";

json::value OptionalJson(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::array Strings(const std::vector<std::string>& values) {
  return json::array(values.begin(), values.end());
}

Result<std::vector<std::string>> Column(Tx& tx, std::string_view sql, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {id}));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(row.Text(0));
  return out;
}

Status WriteTagsAndFollowers(Tx& tx, const Ticket& ticket) {
  for (const auto& tag : ticket.tags) {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertTag, {ticket.id, ticket.customer_id, tag}));
  }
  for (const auto& user : ticket.follower_ids) {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertFollower, {ticket.id, ticket.customer_id, user}));
  }
  return OkStatus();
}

// The stored SLA clock (ticket_sla.hpp); null when no policy applies.
json::value SlaFromText(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto parsed = ParseJson(*text);
  return parsed.ok() ? std::move(parsed).value() : json::value(nullptr);
}

Ticket TicketFromRow(const storage::Row& row) {
  auto custom = ParseJsonObject(row.Text(11));
  return Ticket{.id = row.Text(0),
                .number = row.Int(1),
                .subject = row.Text(2),
                .customer_id = row.Text(3),
                .requester = row.OptText(4),
                .status = row.Text(5),
                .priority = row.Text(6),
                .type = row.OptText(7),
                .channel = row.Text(8),
                .queue_id = row.OptText(9),
                .assignee_id = row.OptText(10),
                .custom_fields = custom.ok() ? std::move(custom).value() : json::object(),
                .merged_into = row.OptText(12),
                .linked_ticket_id = row.OptText(13),
                .created_at = row.Text(14),
                .updated_at = row.Text(15),
                .first_response_at = row.OptText(16),
                .solved_at = row.OptText(17),
                .closed_at = row.OptText(18),
                .version = row.Int(19),
                .sla = SlaFromText(row.OptText(20))};
}

Message MessageFromRow(const storage::Row& row) {
  auto references = ParseJson(row.Text(10));
  return Message{.id = row.Text(0),
                 .ticket_id = row.Text(1),
                 .customer_id = row.Text(2),
                 .kind = row.Text(3),
                 .author_type = row.Text(4),
                 .author_id = row.OptText(5),
                 .body_text = row.Text(6),
                 .body_html = row.OptText(7),
                 .message_id = row.OptText(8),
                 .in_reply_to = row.OptText(9),
                 .references = references.ok() && references->is_array() ? references->as_array()
                                                                         : json::array(),
                 .delivery = row.OptText(11),
                 .delivery_error = row.OptText(12),
                 .created_at = row.Text(13)};
}

}  // namespace

json::object TicketToJson(const Ticket& ticket) {
  return json::object{{"id", ticket.id},
                      {"number", ticket.number},
                      {"subject", ticket.subject},
                      {"customer_id", ticket.customer_id},
                      {"requester", OptionalJson(ticket.requester)},
                      {"status", ticket.status},
                      {"priority", ticket.priority},
                      {"type", OptionalJson(ticket.type)},
                      {"channel", ticket.channel},
                      {"queue_id", OptionalJson(ticket.queue_id)},
                      {"assignee_id", OptionalJson(ticket.assignee_id)},
                      {"tags", Strings(ticket.tags)},
                      {"follower_ids", Strings(ticket.follower_ids)},
                      {"custom_fields", ticket.custom_fields},
                      {"merged_into", OptionalJson(ticket.merged_into)},
                      {"linked_ticket_id", OptionalJson(ticket.linked_ticket_id)},
                      {"created_at", ticket.created_at},
                      {"updated_at", ticket.updated_at},
                      {"first_response_at", OptionalJson(ticket.first_response_at)},
                      {"solved_at", OptionalJson(ticket.solved_at)},
                      {"closed_at", OptionalJson(ticket.closed_at)},
                      {"version", ticket.version},
                      {"sla", ticket.sla}};
}

json::object MessageToJson(const Message& message) {
  return json::object{{"id", message.id},
                      {"ticket_id", message.ticket_id},
                      {"kind", message.kind},
                      {"author_type", message.author_type},
                      {"author_id", OptionalJson(message.author_id)},
                      {"body_text", message.body_text},
                      {"body_html", OptionalJson(message.body_html)},
                      {"message_id", OptionalJson(message.message_id)},
                      {"in_reply_to", OptionalJson(message.in_reply_to)},
                      {"references", message.references},
                      {"delivery", OptionalJson(message.delivery)},
                      {"delivery_error", OptionalJson(message.delivery_error)},
                      {"created_at", message.created_at}};
}

namespace store {

Result<int64_t> NextTicketNumber(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kNextNumber));
  if (rows.empty()) return Error::Internal("the ticket number counter is missing");
  return rows[0].Int(0);
}

Status InsertTicket(Tx& tx, const Ticket& t) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertTicket, {t.id,
                                                  t.number,
                                                  t.subject,
                                                  t.customer_id,
                                                  OptionalText(t.requester),
                                                  t.status,
                                                  t.priority,
                                                  OptionalText(t.type),
                                                  t.channel,
                                                  OptionalText(t.queue_id),
                                                  OptionalText(t.assignee_id),
                                                  ToJsonString(t.custom_fields),
                                                  OptionalText(t.merged_into),
                                                  OptionalText(t.linked_ticket_id),
                                                  t.created_at,
                                                  t.updated_at,
                                                  OptionalText(t.first_response_at),
                                                  OptionalText(t.solved_at),
                                                  OptionalText(t.closed_at),
                                                  t.version}));
  return WriteTagsAndFollowers(tx, t);
}

Result<std::optional<Ticket>> LoadTicket(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectTicket, {id}));
  if (rows.empty()) return std::optional<Ticket>();
  Ticket ticket = TicketFromRow(rows[0]);
  RAPPORT_ASSIGN_OR_RETURN(ticket.tags, Column(tx, kSelectTags, id));
  RAPPORT_ASSIGN_OR_RETURN(ticket.follower_ids, Column(tx, kSelectFollowers, id));
  return std::optional<Ticket>(std::move(ticket));
}

Status LoadSla(Tx& tx, Ticket& ticket) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectSla, {ticket.id}));
  ticket.sla = rows.empty() ? json::value(nullptr) : SlaFromText(rows.front().OptText(0));
  return OkStatus();
}

Result<std::vector<Ticket>> LoadTickets(Tx& tx, const std::vector<std::string>& ids) {
  const Value list(ToJsonString(json::array(ids.begin(), ids.end())));
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectTicketsIn, {list}));
  std::unordered_map<std::string, Ticket> by_id;
  for (const auto& row : rows) {
    Ticket ticket = TicketFromRow(row);
    by_id.emplace(ticket.id, std::move(ticket));
  }
  for (auto [sql, member] : {std::pair{kSelectTagsIn, &Ticket::tags},
                             std::pair{kSelectFollowersIn, &Ticket::follower_ids}}) {
    RAPPORT_ASSIGN_OR_RETURN(Rows values, tx.Query(sql, {list}));
    for (const auto& row : values) {
      if (auto it = by_id.find(row.Text(0)); it != by_id.end()) {
        (it->second.*member).push_back(row.Text(1));
      }
    }
  }
  std::vector<Ticket> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
  }
  return out;
}

Status SaveTicket(Tx& tx, Ticket& t) {
  RAPPORT_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec(kUpdateTicket,
              {t.subject, OptionalText(t.requester), t.status, t.priority, OptionalText(t.type),
               OptionalText(t.queue_id), OptionalText(t.assignee_id), ToJsonString(t.custom_fields),
               OptionalText(t.merged_into), OptionalText(t.linked_ticket_id), t.updated_at,
               OptionalText(t.first_response_at), OptionalText(t.solved_at),
               OptionalText(t.closed_at), t.id, t.version}));
  if (changed == 0) {
    return Error::PreconditionFailed("The ticket was changed since you read it.");
  }
  ++t.version;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteTags, {t.id}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteFollowers, {t.id}));
  return WriteTagsAndFollowers(tx, t);
}

Status InsertMessage(Tx& tx, const Message& m) {
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertMessage,
              {m.id, m.ticket_id, m.customer_id, m.kind, m.author_type, OptionalText(m.author_id),
               m.body_text, OptionalText(m.body_html), OptionalText(m.message_id),
               OptionalText(m.in_reply_to), ToJsonString(m.references), OptionalText(m.delivery),
               OptionalText(m.delivery_error), m.created_at}));
  return OkStatus();
}

Result<std::vector<Message>> LoadMessages(Tx& tx, const std::string& ticket_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMessages, {ticket_id}));
  std::vector<Message> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(MessageFromRow(row));
  return out;
}

Result<std::optional<Message>> LoadMessage(Tx& tx, const std::string& ticket_id,
                                           const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMessage, {ticket_id, id}));
  if (rows.empty()) return std::optional<Message>();
  return std::optional<Message>(MessageFromRow(rows[0]));
}

Result<std::optional<Message>> LoadMessageById(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectMessageById, {id}));
  if (rows.empty()) return std::optional<Message>();
  return std::optional<Message>(MessageFromRow(rows[0]));
}

Result<bool> MessageIdSeen(Tx& tx, const std::string& customer_id, const std::string& message_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kMessageIdSeen, {customer_id, message_id}));
  return !rows.empty();
}

Result<int64_t> MoveMessages(Tx& tx, const std::string& from, const std::string& to,
                             const std::optional<std::string>& message_id) {
  if (message_id) return tx.Exec(kMoveMessage, {to, from, *message_id});
  return tx.Exec(kMoveMessages, {to, from});
}

Status SetDelivery(Tx& tx, const std::string& message_id, const std::string& delivery,
                   const std::optional<std::string>& error) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetDelivery, {delivery, OptionalText(error), message_id}));
  return OkStatus();
}

Result<std::vector<std::string>> SolvedBefore(Tx& tx, const std::string& cutoff, int64_t limit) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSolvedBefore, {cutoff, limit}));
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(row.Text(0));
  return ids;
}

}  // namespace store
}  // namespace rapport::support
