// The SQL of ticket attachments (migration 0019): rows that name a blob (storage/blob_store.hpp)
// by its SHA-256, with the safe name, the sniffed type and the size. Private to src/support/:
// other areas reach attachments through AttachmentService. Plain functions over an open
// transaction; stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::support {

// Files per message; a message names its uploads in `attachment_ids`.
inline constexpr size_t kMaxAttachmentsPerMessage = 50;

struct Attachment {
  std::string id;
  std::string ticket_id;                  // the ticket it was uploaded to or received on
  std::optional<std::string> message_id;  // none: an upload no message named yet
  std::string customer_id;
  std::optional<std::string> sha256;  // none: dropped (see `dropped`)
  std::string name;
  std::string type;
  int64_t size = 0;
  std::optional<std::string> inline_cid;
  std::optional<std::string> dropped;  // "too_large"
  std::optional<std::string> uploaded_by;
  std::string created_at;
};

// {id, name, type, size, inline_cid, dropped, created_at}: what a message lists.
json::object AttachmentToJson(const Attachment& attachment);

namespace store {

Status InsertAttachment(storage::Tx& tx, const Attachment& attachment);
Result<std::optional<Attachment>> LoadAttachment(storage::Tx& tx, const std::string& id);
// The ticket whose readers may read the attachment: its message's ticket (a merge moves
// messages), else the ticket it was uploaded to.
Result<std::string> AttachmentTicket(storage::Tx& tx, const Attachment& attachment);
// Names uploads `ids` of ticket `upload_ticket` (not yet on a message) as parts of
// `message_id` on `ticket_id`; kInvalidArgument naming attachment_ids[i] for any other id.
Status AttachUploads(storage::Tx& tx, const std::vector<std::string>& ids,
                     const std::string& upload_ticket, const std::string& ticket_id,
                     const std::string& message_id);
// The attachments of every message on `ticket_id`, by message id, in upload order.
Result<std::vector<Attachment>> TicketAttachments(storage::Tx& tx, const std::string& ticket_id);
Result<std::vector<Attachment>> MessageAttachments(storage::Tx& tx, const std::string& message_id);
// Uploads no message named, created before `cutoff`: removed; their hashes answered.
Result<std::vector<std::string>> RemoveUnreferenced(storage::Tx& tx, const std::string& cutoff,
                                                    int64_t limit);
Result<bool> BlobReferenced(storage::Tx& tx, const std::string& sha256);

}  // namespace store

// Adds `attachments: [...]` to each message of `messages` (API-shaped, with `id`) from `found`.
void ListAttachments(const std::vector<Attachment>& found, json::array& messages);

}  // namespace rapport::support
