#include "support/attachment_store.hpp"

#include <map>

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kInsert =
    "INSERT INTO ticket_attachments (id, ticket_id, message_id, customer_id, sha256, name, type, "
    "size, inline_cid, dropped, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?)";
constexpr std::string_view kById =
    "SELECT a.id, a.ticket_id, a.message_id, a.customer_id, a.sha256, a.name, a.type, a.size, "
    "a.inline_cid, a.dropped, a.uploaded_by, a.created_at FROM ticket_attachments a WHERE a.id = ?";
constexpr std::string_view kMessageTicket = "SELECT ticket_id FROM ticket_messages WHERE id = ?";
// Only an upload of that ticket that no message has named yet can be attached.
constexpr std::string_view kAttach =
    "UPDATE ticket_attachments SET message_id = ?, ticket_id = ? "
    "WHERE id = ? AND ticket_id = ? AND message_id IS NULL";
constexpr std::string_view kOfTicket =
    "SELECT a.id, a.ticket_id, a.message_id, a.customer_id, a.sha256, a.name, a.type, a.size, "
    "a.inline_cid, a.dropped, a.uploaded_by, a.created_at FROM ticket_attachments a "
    "JOIN ticket_messages m ON m.id = a.message_id WHERE m.ticket_id = ? ORDER BY a.seq";
constexpr std::string_view kOfMessage =
    "SELECT a.id, a.ticket_id, a.message_id, a.customer_id, a.sha256, a.name, a.type, a.size, "
    "a.inline_cid, a.dropped, a.uploaded_by, a.created_at FROM ticket_attachments a "
    "WHERE a.message_id = ? ORDER BY a.seq";
constexpr std::string_view kUnreferenced =
    "SELECT id, sha256 FROM ticket_attachments WHERE message_id IS NULL AND created_at < ? "
    "ORDER BY created_at LIMIT ?";
constexpr std::string_view kDelete = "DELETE FROM ticket_attachments WHERE id = ?";
// Chat files share the blob store (support/chat/chat_files.hpp): a blob either table names stays.
constexpr std::string_view kShaInUse =
    "SELECT 1 FROM ticket_attachments WHERE sha256 = ?1 "
    "UNION ALL SELECT 1 FROM chat_attachments WHERE sha256 = ?1 LIMIT 1";

Attachment FromRow(const storage::Row& row) {
  return Attachment{.id = row.Text(0),
                    .ticket_id = row.Text(1),
                    .message_id = row.OptText(2),
                    .customer_id = row.Text(3),
                    .sha256 = row.OptText(4),
                    .name = row.Text(5),
                    .type = row.Text(6),
                    .size = row.Int(7),
                    .inline_cid = row.OptText(8),
                    .dropped = row.OptText(9),
                    .uploaded_by = row.OptText(10),
                    .created_at = row.Text(11)};
}

Result<std::vector<Attachment>> Many(Tx& tx, std::string_view sql, const std::string& key) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {key}));
  std::vector<Attachment> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

json::value OptionalJson(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

}  // namespace

json::object AttachmentToJson(const Attachment& a) {
  return json::object{{"id", a.id},
                      {"name", a.name},
                      {"type", a.type},
                      {"size", a.size},
                      {"inline_cid", OptionalJson(a.inline_cid)},
                      {"dropped", OptionalJson(a.dropped)},
                      {"created_at", a.created_at}};
}

void ListAttachments(const std::vector<Attachment>& found, json::array& messages) {
  std::map<std::string, json::array, std::less<>> by_message;
  for (const auto& attachment : found) {
    if (attachment.message_id)
      by_message[*attachment.message_id].push_back(AttachmentToJson(attachment));
  }
  for (auto& message : messages) {
    json::object& record = message.as_object();
    auto it = by_message.find(std::string_view(record.at("id").as_string()));
    record["attachments"] = it == by_message.end() ? json::array() : std::move(it->second);
  }
}

namespace store {

Status InsertAttachment(Tx& tx, const Attachment& a) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsert,
      {a.id, a.ticket_id, storage::OptionalText(a.message_id), a.customer_id,
       storage::OptionalText(a.sha256), a.name, a.type, a.size, storage::OptionalText(a.inline_cid),
       storage::OptionalText(a.dropped), storage::OptionalText(a.uploaded_by), a.created_at}));
  return OkStatus();
}

Result<std::optional<Attachment>> LoadAttachment(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kById, {id}));
  if (rows.empty()) return std::optional<Attachment>();
  return std::optional<Attachment>(FromRow(rows[0]));
}

Result<std::string> AttachmentTicket(Tx& tx, const Attachment& attachment) {
  if (attachment.message_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kMessageTicket, {*attachment.message_id}));
    if (!rows.empty()) return rows[0].Text(0);
  }
  return attachment.ticket_id;
}

Status AttachUploads(Tx& tx, const std::vector<std::string>& ids, const std::string& upload_ticket,
                     const std::string& ticket_id, const std::string& message_id) {
  std::vector<FieldError> errors;
  for (size_t i = 0; i < ids.size(); ++i) {
    RAPPORT_ASSIGN_OR_RETURN(int64_t changed,
                             tx.Exec(kAttach, {message_id, ticket_id, ids[i], upload_ticket}));
    if (changed == 0) {
      errors.push_back({"attachment_ids[" + std::to_string(i) + "]",
                        "is not an upload of this ticket that no message has named yet"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

Result<std::vector<Attachment>> TicketAttachments(Tx& tx, const std::string& ticket_id) {
  return Many(tx, kOfTicket, ticket_id);
}

Result<std::vector<Attachment>> MessageAttachments(Tx& tx, const std::string& message_id) {
  return Many(tx, kOfMessage, message_id);
}

Result<std::vector<std::string>> RemoveUnreferenced(Tx& tx, const std::string& cutoff,
                                                    int64_t limit) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kUnreferenced, {cutoff, limit}));
  std::vector<std::string> hashes;
  for (const auto& row : rows) {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDelete, {row.Text(0)}));
    if (!row.IsNull(1)) hashes.push_back(row.Text(1));
  }
  return hashes;
}

Result<bool> BlobReferenced(Tx& tx, const std::string& sha256) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kShaInUse, {sha256}));
  return !rows.empty();
}

}  // namespace store
}  // namespace rapport::support
