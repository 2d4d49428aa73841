#include "support/chat/chat_store.hpp"

#include "common/time.hpp"

namespace rapport::support::chat {
namespace {

using storage::OptionalText;
using storage::Rows;
using storage::Tx;

#define RAPPORT_CHAT_COLUMNS                                                                      \
  "c.id, c.visitor_id, c.customer_id, c.queue_id, c.state, c.assignee_id, c.claimed_name,    "    \
  "c.claimed_email, c.page_url, c.origin, c.rating, c.rating_comment, c.ticket_id, c.last_seq, "  \
  "c.visitor_read_seq, c.agent_read_seq, c.started_at, c.accepted_at, c.ended_at, c.updated_at, " \
  "c.version, q.team_id, cu.owner_id, c.bot_state, c.handoff_reason"
#define RAPPORT_CHAT_FROM                                               \
  " FROM chat_conversations c LEFT JOIN queues q ON q.id = c.queue_id " \
  "LEFT JOIN customers cu ON cu.id = c.customer_id "
constexpr std::string_view kSelect =
    "SELECT " RAPPORT_CHAT_COLUMNS RAPPORT_CHAT_FROM "WHERE c.id = ?";
constexpr std::string_view kSelectOpen = "SELECT " RAPPORT_CHAT_COLUMNS RAPPORT_CHAT_FROM
                                         "WHERE c.visitor_id = ? AND c.state <> 'ended' "
                                         "ORDER BY c.started_at DESC, c.seq DESC LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO chat_conversations (id, visitor_id, customer_id, queue_id, state, assignee_id, "
    "claimed_name, claimed_email, page_url, origin, started_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE chat_conversations SET customer_id = ?, queue_id = ?, state = ?, assignee_id = ?, "
    "claimed_name = ?, claimed_email = ?, rating = ?, rating_comment = ?, ticket_id = ?, "
    "last_seq = ?, visitor_read_seq = ?, agent_read_seq = ?, accepted_at = ?, ended_at = ?, "
    "updated_at = ?, bot_state = ?, handoff_reason = ?, version = version + 1 WHERE id = ?";
#define RAPPORT_MESSAGE_COLUMNS                                                           \
  "m.number, m.author_kind, m.author_id, u.name, m.text, m.attachment_ids, m.client_id, " \
  "m.created_at, m.extra"
constexpr std::string_view kMessages =
    "SELECT " RAPPORT_MESSAGE_COLUMNS
    " FROM chat_messages m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.conversation_id = ? AND m.number > ? ORDER BY m.number LIMIT ?";
constexpr std::string_view kMessageByClient =
    "SELECT " RAPPORT_MESSAGE_COLUMNS
    " FROM chat_messages m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.conversation_id = ? AND m.client_id = ?";
constexpr std::string_view kInsertMessage =
    "INSERT INTO chat_messages (conversation_id, number, author_kind, author_id, text, "
    "attachment_ids, client_id, created_at, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSettings =
    "SELECT allowed_origins, queue_id, max_concurrent, identity_secret, "
    "previous_identity_secret, updated_at, version, bot_mode FROM chat_settings WHERE id = 1";
constexpr std::string_view kSaveSettings =
    "UPDATE chat_settings SET allowed_origins = ?, queue_id = ?, max_concurrent = ?, "
    "identity_secret = ?, previous_identity_secret = ?, bot_mode = ?, updated_at = ?, "
    "version = version + 1 "
    "WHERE id = 1";

Conversation FromRow(const storage::Row& row) {
  return Conversation{.id = row.Text(0),
                      .visitor_id = row.Text(1),
                      .customer_id = row.OptText(2),
                      .queue_id = row.OptText(3),
                      .state = row.Text(4),
                      .assignee_id = row.OptText(5),
                      .claimed_name = row.OptText(6),
                      .claimed_email = row.OptText(7),
                      .page_url = row.OptText(8),
                      .origin = row.OptText(9),
                      .rating = row.OptText(10),
                      .rating_comment = row.OptText(11),
                      .ticket_id = row.OptText(12),
                      .last_seq = row.Int(13),
                      .visitor_read_seq = row.Int(14),
                      .agent_read_seq = row.Int(15),
                      .started_at = row.Text(16),
                      .accepted_at = row.OptText(17),
                      .ended_at = row.OptText(18),
                      .updated_at = row.Text(19),
                      .version = row.Int(20),
                      .bot_state = row.Text(23),
                      .handoff_reason = row.OptText(24),
                      .queue_team_id = row.OptText(21),
                      .customer_owner = row.OptText(22)};
}

Message MessageFromRow(const storage::Row& row) {
  auto ids = ParseJson(row.Text(5));
  auto extra = row.OptText(8) ? ParseJson(*row.OptText(8)) : Result<json::value>(json::object());
  return Message{.seq = row.Int(0),
                 .author_kind = row.Text(1),
                 .author_id = row.OptText(2),
                 .author_name = row.OptText(3),
                 .text = row.Text(4),
                 .attachment_ids = ids.ok() && ids->is_array() ? ids->as_array() : json::array(),
                 .client_id = row.OptText(6),
                 .created_at = row.Text(7),
                 .extra = extra.ok() && extra->is_object() ? extra->as_object() : json::object()};
}

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

// A bot message's link and buttons, beside its text.
void AddExtra(json::object& out, const Message& m) {
  for (const auto& [key, value] : m.extra) {
    if (key == "link" || key == "buttons") out[key] = value;
  }
}

}  // namespace

Result<std::optional<Conversation>> LoadConversation(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return std::optional<Conversation>();
  return std::optional<Conversation>(FromRow(rows.front()));
}

Result<std::optional<Conversation>> LoadOpenConversation(Tx& tx, const std::string& visitor_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectOpen, {visitor_id}));
  if (rows.empty()) return std::optional<Conversation>();
  return std::optional<Conversation>(FromRow(rows.front()));
}

Status InsertConversation(Tx& tx, const Conversation& c) {
  return StatusOf(tx.Exec(
      kInsert,
      {c.id, c.visitor_id, OptionalText(c.customer_id), OptionalText(c.queue_id), c.state,
       OptionalText(c.assignee_id), OptionalText(c.claimed_name), OptionalText(c.claimed_email),
       OptionalText(c.page_url), OptionalText(c.origin), c.started_at, c.updated_at}));
}

Status SaveConversation(Tx& tx, const Conversation& c) {
  return StatusOf(tx.Exec(
      kUpdate,
      {OptionalText(c.customer_id), OptionalText(c.queue_id), c.state, OptionalText(c.assignee_id),
       OptionalText(c.claimed_name), OptionalText(c.claimed_email), OptionalText(c.rating),
       OptionalText(c.rating_comment), OptionalText(c.ticket_id), c.last_seq, c.visitor_read_seq,
       c.agent_read_seq, OptionalText(c.accepted_at), OptionalText(c.ended_at), NowInstant(),
       c.bot_state, OptionalText(c.handoff_reason), c.id}));
}

Result<std::vector<Message>> LoadMessages(Tx& tx, const std::string& conversation_id, int64_t after,
                                          int64_t limit) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kMessages, {conversation_id, after, limit}));
  std::vector<Message> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(MessageFromRow(row));
  return out;
}

Result<std::optional<Message>> LoadMessageByClientId(Tx& tx, const std::string& conversation_id,
                                                     const std::string& client_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kMessageByClient, {conversation_id, client_id}));
  if (rows.empty()) return std::optional<Message>();
  return std::optional<Message>(MessageFromRow(rows.front()));
}

Result<Message> AppendMessage(Tx& tx, Conversation& conversation, Message message) {
  message.seq = conversation.last_seq + 1;
  message.created_at = NowInstant();
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsertMessage,
      {conversation.id, message.seq, message.author_kind, OptionalText(message.author_id),
       message.text, ToJsonString(message.attachment_ids), OptionalText(message.client_id),
       message.created_at,
       message.extra.empty() ? storage::Value() : storage::Value(ToJsonString(message.extra))}));
  conversation.last_seq = message.seq;
  return message;
}

Result<ChatSettings> LoadSettings(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSettings));
  if (rows.empty()) return Error::Internal("chat_settings has no row");
  const auto& row = rows.front();
  auto origins = ParseJson(row.Text(0));
  return ChatSettings{
      .allowed_origins = origins.ok() && origins->is_array() ? origins->as_array() : json::array(),
      .queue_id = row.OptText(1),
      .max_concurrent = row.Int(2),
      .identity_secret = row.Text(3),
      .previous_identity_secret = row.OptText(4),
      .bot_mode = row.Text(7),
      .updated_at = row.Text(5),
      .version = row.Int(6)};
}

Status SaveSettings(Tx& tx, const ChatSettings& s) {
  return StatusOf(tx.Exec(
      kSaveSettings,
      {ToJsonString(s.allowed_origins), OptionalText(s.queue_id), s.max_concurrent,
       s.identity_secret, OptionalText(s.previous_identity_secret), s.bot_mode, NowInstant()}));
}

json::object ConversationJson(const Conversation& c) {
  return json::object{{"id", c.id},
                      {"visitor_id", c.visitor_id},
                      {"customer_id", Opt(c.customer_id)},
                      {"queue_id", Opt(c.queue_id)},
                      {"state", c.state},
                      {"assignee_id", Opt(c.assignee_id)},
                      {"claimed_name", Opt(c.claimed_name)},
                      {"claimed_email", Opt(c.claimed_email)},
                      {"page_url", Opt(c.page_url)},
                      {"origin", Opt(c.origin)},
                      {"rating", Opt(c.rating)},
                      {"rating_comment", Opt(c.rating_comment)},
                      {"ticket_id", Opt(c.ticket_id)},
                      {"last_seq", c.last_seq},
                      {"visitor_read_seq", c.visitor_read_seq},
                      {"agent_read_seq", c.agent_read_seq},
                      {"started_at", c.started_at},
                      {"accepted_at", Opt(c.accepted_at)},
                      {"ended_at", Opt(c.ended_at)},
                      {"updated_at", c.updated_at},
                      {"handoff_reason", Opt(c.handoff_reason)},
                      {"version", c.version}};
}

json::object VisitorConversationJson(const Conversation& c) {
  return json::object{{"id", c.id},
                      {"state", c.state},
                      {"identified", c.customer_id.has_value()},
                      {"last_seq", c.last_seq},
                      {"agent_read_seq", c.agent_read_seq},
                      {"rating", Opt(c.rating)},
                      {"started_at", c.started_at}};
}

namespace {

// The ids of a message's files (its column holds their descriptions, chat_files.hpp).
json::array FileIds(const json::array& files) {
  json::array ids;
  for (const auto& file : files) {
    if (file.is_object() && file.as_object().contains("id")) ids.push_back(file.at("id"));
  }
  return ids;
}

}  // namespace

json::object MessageJson(const Message& m) {
  json::object out{{"seq", m.seq},
                   {"author_kind", m.author_kind},
                   {"author_id", Opt(m.author_id)},
                   {"author_name", Opt(m.author_name)},
                   {"text", m.text},
                   {"attachment_ids", FileIds(m.attachment_ids)},
                   {"attachments", m.attachment_ids},
                   {"client_id", Opt(m.client_id)},
                   {"created_at", m.created_at}};
  AddExtra(out, m);
  return out;
}

json::object VisitorMessageJson(const Message& m) {
  json::object out{{"seq", m.seq},
                   {"author_kind", m.author_kind},
                   {"author_name", Opt(m.author_name)},
                   {"text", m.text},
                   {"attachments", m.attachment_ids},
                   {"client_id", Opt(m.client_id)},
                   {"created_at", m.created_at}};
  AddExtra(out, m);
  return out;
}

}  // namespace rapport::support::chat
