#include "support/chat/chat_files.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "mail/mime_sniff.hpp"
#include "mail/mime_text.hpp"
#include "support/chat/chat_events.hpp"
#include "support/chat/chat_rules.hpp"
#include "support/chat/chat_store.hpp"

namespace rapport::support::chat {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kSweepBatch = 500;

constexpr std::string_view kColumns =
    "SELECT id, conversation_id, message_number, author_kind, uploaded_by, sha256, name, type, "
    "size, created_at FROM chat_attachments ";
constexpr std::string_view kInsert =
    "INSERT INTO chat_attachments (id, conversation_id, message_number, author_kind, uploaded_by, "
    "sha256, name, type, size, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUnsentCount =
    "SELECT COUNT(*) FROM chat_attachments WHERE conversation_id = ? AND message_number IS NULL";
constexpr std::string_view kBind =
    "UPDATE chat_attachments SET message_number = ? WHERE id = ? AND conversation_id = ? "
    "AND author_kind = ? AND message_number IS NULL";
constexpr std::string_view kUnsentBefore =
    "SELECT id, sha256 FROM chat_attachments WHERE message_number IS NULL AND created_at < ? "
    "ORDER BY created_at LIMIT ?";
constexpr std::string_view kDelete = "DELETE FROM chat_attachments WHERE id = ?";
constexpr std::string_view kShaInUse =
    "SELECT 1 FROM chat_attachments WHERE sha256 = ?1 "
    "UNION ALL SELECT 1 FROM ticket_attachments WHERE sha256 = ?1 LIMIT 1";

// What people share in a support chat: screenshots and photos, PDFs, text, office documents.
// Not HTML (it could run if ever opened), ZIP or unknown bytes (executables, archives).
constexpr std::array<std::string_view, 8> kVisitorTypes = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};

ChatFile FromRow(const storage::Row& row) {
  return ChatFile{.id = row.Text(0),
                  .conversation_id = row.Text(1),
                  .message_number = row.IsNull(2) ? std::nullopt : std::optional(row.Int(2)),
                  .author_kind = row.Text(3),
                  .uploaded_by = row.OptText(4),
                  .sha256 = row.Text(5),
                  .name = row.Text(6),
                  .type = row.Text(7),
                  .size = row.Int(8),
                  .created_at = row.Text(9)};
}

Result<std::optional<ChatFile>> LoadFile(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string(kColumns) + "WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<ChatFile>();
  return std::optional<ChatFile>(FromRow(rows.at(0)));
}

std::string MegabytesText(size_t bytes) {
  constexpr size_t kMegabyte = size_t{1024} * 1024;
  return std::to_string((bytes + kMegabyte - 1) / kMegabyte) + " MB";
}

Status RoomForUpload(Tx& tx, const std::string& conversation_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows unsent, tx.Query(kUnsentCount, {conversation_id}));
  if (unsent.at(0).Int(0) >= kMaxUnsentFiles) {
    return Error::Conflict("Send the files uploaded already before uploading more.", "body");
  }
  return OkStatus();
}

Error NoOpenConversation() {
  return Error::NotFound("Start the chat with a message before sending a file.");
}

Error NoFile(const std::string& id) { return Error::NotFound("No file has the id " + id + "."); }

Result<Conversation> WorkableOpen(Tx& tx, const access::Access& access,
                                  const std::string& conversation_id) {
  RAPPORT_ASSIGN_OR_RETURN(auto c, LoadConversation(tx, conversation_id));
  if (!c || !Reaches(access, *c, access::Action::kRead)) {
    return Error::NotFound("No conversation has the id " + conversation_id + ".");
  }
  if (!Reaches(access, *c, access::Action::kEdit)) {
    return access::NotPermitted(access::Object::kTickets, access::Action::kEdit);
  }
  if (c->state == "ended") return Error::Conflict("The conversation has ended.", "state");
  return std::move(*c);
}

}  // namespace

bool VisitorMayUpload(std::string_view type) {
  return std::ranges::find(kVisitorTypes, type) != kVisitorTypes.end();
}

json::object FileJson(const ChatFile& file) {
  return json::object{
      {"id", file.id}, {"name", file.name}, {"type", file.type}, {"size", file.size}};
}

Result<std::vector<std::string>> ParseFileIds(const json::value& value) {
  if (!value.is_array() || value.as_array().empty() ||
      value.as_array().size() > kMaxFilesPerMessage) {
    return Error::Invalid("attachment_ids", "must be an array of 1 to " +
                                                std::to_string(kMaxFilesPerMessage) + " file ids");
  }
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const json::value& id = value.as_array()[i];
    const std::string field = "attachment_ids[" + std::to_string(i) + "]";
    if (!id.is_string() || id.as_string().empty() || id.as_string().size() > 64) {
      return Error::Invalid(field, "must be a file id");
    }
    if (!seen.insert(std::string(id.as_string())).second) {
      return Error::Invalid(field, "is named twice");
    }
    ids.emplace_back(id.as_string());
  }
  return ids;
}

Result<std::string> CleanFileMessageText(std::string_view text,
                                         const std::vector<std::string>& attachment_ids) {
  if (!attachment_ids.empty() && text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return std::string();
  }
  return CleanMessageText(text);
}

Result<json::array> BindFiles(Tx& tx, const std::string& conversation_id, int64_t number,
                              const std::vector<std::string>& ids, std::string_view author_kind) {
  json::array described;
  for (size_t i = 0; i < ids.size(); ++i) {
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t bound, tx.Exec(kBind, {number, ids[i], conversation_id, std::string(author_kind)}));
    if (bound != 1) {
      return Error::Invalid("attachment_ids[" + std::to_string(i) + "]",
                            "is not a file uploaded to this conversation and not yet sent");
    }
    RAPPORT_ASSIGN_OR_RETURN(auto file, LoadFile(tx, ids[i]));
    described.push_back(FileJson(*file));
  }
  return described;
}

Result<json::object> ChatFiles::Store(const storage::WriteContext& context, ChatFile file,
                                      std::string_view bytes,
                                      const std::function<Status(Tx&, ChatFile&)>& check) {
  if (bytes.empty()) return Error::Invalid("body", "is empty: send the file as the body");
  if (bytes.size() > max_bytes_) {
    return Error::TooLarge("A file may be at most " + MegabytesText(max_bytes_) + ".");
  }
  file.id = NewId("caf");
  file.name = mail::SafeFilename(file.name);
  file.type = std::string(mail::SniffContentType(bytes));
  file.size = static_cast<int64_t>(bytes.size());
  file.created_at = NowInstant();
  if (file.author_kind == "visitor" && !VisitorMayUpload(file.type)) {
    return Error::UnsupportedMedia(
        "This kind of file cannot be sent in the chat: images, PDF, text, Word and Excel "
        "documents can.");
  }
  file.sha256 = storage::Sha256Hex(bytes);
  // The bytes are durable before the row that names them (outside the writer: disk work).
  if (auto put = blobs_.Put(bytes); !put.ok()) return put.error();
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(check(tx, file));
    RAPPORT_RETURN_IF_ERROR(RoomForUpload(tx, file.conversation_id));
    // A sweep may have removed identical bytes meanwhile; the writer is single, so this holds.
    if (!blobs_.Contains(file.sha256)) {
      if (auto put = blobs_.Put(bytes); !put.ok()) return put.error();
    }
    RAPPORT_RETURN_IF_ERROR(StatusOf(
        tx.Exec(kInsert, {file.id, file.conversation_id, file.author_kind,
                          file.uploaded_by ? storage::Value(*file.uploaded_by) : storage::Value(),
                          file.sha256, file.name, file.type, file.size, file.created_at})));
    served = FileJson(file);
    return context.Written(tx, served);
  }));
  return served;
}

Status ChatFiles::CheckVisitorMayUpload(const std::string& visitor_id) {
  return database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto open, LoadOpenConversation(tx, visitor_id));
    if (!open) return NoOpenConversation();
    return RoomForUpload(tx, open->id);
  });
}

Result<json::object> ChatFiles::VisitorUpload(const storage::WriteContext& context,
                                              const std::string& visitor_id, std::string_view name,
                                              std::string_view bytes) {
  return Store(context, ChatFile{.author_kind = "visitor", .name = std::string(name)}, bytes,
               [&](Tx& tx, ChatFile& file) -> Status {
                 RAPPORT_ASSIGN_OR_RETURN(auto open, LoadOpenConversation(tx, visitor_id));
                 if (!open) return NoOpenConversation();
                 file.conversation_id = open->id;
                 return OkStatus();
               });
}

Status ChatFiles::CheckAgentMayUpload(const access::Access& access,
                                      const std::string& conversation_id) {
  return database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Conversation c, WorkableOpen(tx, access, conversation_id));
    return RoomForUpload(tx, c.id);
  });
}

Result<json::object> ChatFiles::AgentUpload(const access::Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& conversation_id,
                                            std::string_view name, std::string_view bytes) {
  ChatFile file{
      .conversation_id = conversation_id,
      .author_kind = "agent",
      .uploaded_by = access.user_id().empty() ? std::nullopt : std::optional(access.user_id()),
      .name = std::string(name)};
  return Store(context, std::move(file), bytes, [&](Tx& tx, ChatFile&) -> Status {
    return StatusOf(WorkableOpen(tx, access, conversation_id));
  });
}

Result<ChatFile> ChatFiles::Open(const std::string& id,
                                 const std::function<bool(Tx&, const std::string&)>& may_read) {
  std::optional<ChatFile> file;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(file, LoadFile(tx, id));
    if (!file || !may_read(tx, file->conversation_id)) return NoFile(id);
    return OkStatus();
  }));
  file->path = blobs_.PathOf(file->sha256);
  return std::move(*file);
}

Result<ChatFile> ChatFiles::VisitorOpen(const std::string& visitor_id, const std::string& id) {
  return Open(id, [&](Tx& tx, const std::string& conversation_id) {
    auto c = LoadConversation(tx, conversation_id);
    return c.ok() && *c && (*c)->visitor_id == visitor_id;
  });
}

Result<ChatFile> ChatFiles::AgentOpen(const access::Access& access, const std::string& id) {
  return Open(id, [&](Tx& tx, const std::string& conversation_id) {
    auto c = LoadConversation(tx, conversation_id);
    return c.ok() && *c && Reaches(access, **c, access::Action::kRead);
  });
}

Result<int64_t> ChatFiles::RemoveUnsent(const std::string& cutoff) {
  int64_t removed = 0;
  for (;;) {
    int64_t batch = 0;
    RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kUnsentBefore, {cutoff, kSweepBatch}));
      batch = static_cast<int64_t>(rows.size());
      for (const auto& row : rows) {
        RAPPORT_RETURN_IF_ERROR(StatusOf(tx.Exec(kDelete, {row.Text(0)})));
        RAPPORT_ASSIGN_OR_RETURN(Rows in_use, tx.Query(kShaInUse, {row.Text(1)}));
        // Inside the write: no writer can name these bytes between the check and the removal.
        if (in_use.empty()) RAPPORT_RETURN_IF_ERROR(blobs_.Remove(row.Text(1)));
      }
      return OkStatus();
    }));
    removed += batch;
    if (batch < kSweepBatch) break;
  }
  return removed;
}

}  // namespace rapport::support::chat
