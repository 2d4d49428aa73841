// ChatFiles: files in the chat, both ways (docs/design/chat.md § Files), under the service desk's
// attachment rules (support/attachment_service.hpp): the bytes in the shared content-addressed
// BlobStore (a row is written only after its blob is durable, and re-put inside the write when a
// sweep took it meanwhile), the name made safe, the type sniffed from the bytes, the desk's size
// limit. Table chat_attachments (migration 0027).
//
// Upload, then name: a visitor uploads over HTTP to their open conversation (the caller checked
// their signed visitor id and the Origin), an agent to a conversation they may work; the next
// message names the uploads in `attachment_ids` and BindFiles ties them to it inside the
// message's transaction. A visitor may send only the types people share in a support chat
// (images, PDF, plain text, Word and Excel documents); agents what the desk accepts.
//
// Reading: a visitor only the files of their own conversations, an agent those of conversations
// they may read (chat::Reaches); anything else is "not found". Holds references; thread-safe;
// calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/blob_store.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support::chat {

// Files one message may name, and uploads one conversation may hold that no message named yet.
inline constexpr size_t kMaxFilesPerMessage = 5;
inline constexpr int64_t kMaxUnsentFiles = 10;

// Whether a visitor may upload bytes of this (sniffed) type.
bool VisitorMayUpload(std::string_view type);

struct ChatFile {
  std::string id;
  std::string conversation_id;
  std::optional<int64_t> message_number;
  std::string author_kind;  // visitor | agent
  std::optional<std::string> uploaded_by;
  std::string sha256;
  std::string name;
  std::string type;
  int64_t size = 0;
  std::string created_at;
  std::string path;  // the blob's file, set by Open
};

// {id, name, type, size}: what a message lists and the upload answers.
json::object FileJson(const ChatFile& file);

// `attachment_ids` as given: an array of 1..kMaxFilesPerMessage distinct ids; errors name
// attachment_ids (or attachment_ids[i]).
Result<std::vector<std::string>> ParseFileIds(const json::value& value);

// A message's text (chat_rules.hpp CleanMessageText), which may be empty when it sends files.
Result<std::string> CleanFileMessageText(std::string_view text,
                                         const std::vector<std::string>& attachment_ids);

// Inside a message's transaction: ties uploads `ids` of conversation `conversation_id`, made by
// `author_kind` and named by no message yet, to message `number`; their descriptions for the
// message. kInvalidArgument naming attachment_ids[i] for any other id.
Result<json::array> BindFiles(storage::Tx& tx, const std::string& conversation_id, int64_t number,
                              const std::vector<std::string>& ids, std::string_view author_kind);

class ChatFiles {
 public:
  ChatFiles(storage::Database& database, storage::BlobStore& blobs, size_t max_bytes)
      : database_(database), blobs_(blobs), max_bytes_(max_bytes) {}

  size_t max_bytes() const { return max_bytes_; }

  // From the headers, before the body: the visitor has an open conversation with room for an
  // upload (kNotFound, kConflict). Upload checks again.
  Status CheckVisitorMayUpload(const std::string& visitor_id);
  // The visitor's upload to their open conversation: {id, name, type, size}. Empty body:
  // kInvalidArgument (body); over the limit: kTooLarge; a type visitors may not send:
  // kUnsupportedMedia; no open conversation: kNotFound; too many unsent uploads: kConflict.
  Result<json::object> VisitorUpload(const storage::WriteContext& context,
                                     const std::string& visitor_id, std::string_view name,
                                     std::string_view bytes);
  // The agent's: the caller must work the conversation (kNotFound / kPermissionDenied) and it
  // must not have ended (kConflict).
  Status CheckAgentMayUpload(const access::Access& access, const std::string& conversation_id);
  Result<json::object> AgentUpload(const access::Access& access,
                                   const storage::WriteContext& context,
                                   const std::string& conversation_id, std::string_view name,
                                   std::string_view bytes);

  // For a download: the file with its blob's path, when its conversation is the visitor's (or
  // one `access` may read); kNotFound otherwise.
  Result<ChatFile> VisitorOpen(const std::string& visitor_id, const std::string& id);
  Result<ChatFile> AgentOpen(const access::Access& access, const std::string& id);
  Result<std::string> Read(const ChatFile& file) const { return blobs_.Read(file.sha256); }

  // Maintenance: removes uploads no message named, made before `cutoff` (RFC 3339), and their
  // blobs when nothing else names them. How many rows went.
  Result<int64_t> RemoveUnsent(const std::string& cutoff);

 private:
  Result<json::object> Store(const storage::WriteContext& context, ChatFile file,
                             std::string_view bytes,
                             const std::function<Status(storage::Tx&, ChatFile&)>& check);
  Result<ChatFile> Open(const std::string& id,
                        const std::function<bool(storage::Tx&, const std::string&)>& may_read);

  storage::Database& database_;
  storage::BlobStore& blobs_;
  size_t max_bytes_;
};

}  // namespace rapport::support::chat
