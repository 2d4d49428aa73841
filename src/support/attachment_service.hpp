// AttachmentService: files on tickets (docs/design/support.md § Attachments). Staff upload a file
// to a ticket (raw bytes), name the upload in their next message's `attachment_ids`, and anyone
// who may read the ticket downloads it. Mail ingest stores a received mail's attachments through
// Store. The bytes live in a content-addressed BlobStore under the data directory; the rows
// (migration 0019) hold the safe name, the type sniffed from the bytes (mail/mime_sniff.hpp;
// never the client's or the sender's word) and the size.
//
// The reading interface for the mail-out part (attach files to an outgoing reply) is
// MessageFiles + ReadFile: no access check, for system use after commit.
//
// Blobs and rows: a row is written only after its blob is durable; removing the last row of a
// blob removes the blob inside the same single-writer transaction, and a writer re-puts its blob
// inside its transaction when a sweep removed it meanwhile, so a row never names missing bytes.
//
// Holds references to the Database and the BlobStore; thread-safe. Calls block on storage.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/blob_store.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "support/attachment_store.hpp"

namespace rapport::support {

// 25 MiB: the default, the MIME parser's per-part default too.
inline constexpr size_t kDefaultAttachmentMaxBytes = size_t{25} * 1024 * 1024;
// Uploads no message named are removed this long after they were made.
inline constexpr int64_t kUnreferencedUploadHours = 24;

// An attachment with its bytes' location, for a download or an outgoing mail.
struct AttachmentFile {
  Attachment attachment;
  std::string path;  // the blob's file; empty for a dropped attachment
};

// One attachment to store, as received or uploaded.
struct IncomingFile {
  std::string declared_name;  // made safe (mail::SafeFilename) before it is stored
  std::string_view bytes;
  std::string inline_cid;
};

class AttachmentService {
 public:
  AttachmentService(storage::Database& database, storage::BlobStore& blobs,
                    size_t max_bytes = kDefaultAttachmentMaxBytes)
      : database_(database), blobs_(blobs), max_bytes_(max_bytes) {}

  // An upload to ticket `ticket_id` (the caller must work it; not closed): {id, name, type, size,
  // …}. Empty: kInvalidArgument (field body); over max_bytes: kTooLarge.
  Result<json::object> Upload(const access::Access& access, const storage::WriteContext& context,
                              const std::string& ticket_id, const IncomingFile& file);
  // Whether `access` may upload to ticket `ticket_id` (read, work, not closed): the upload
  // route's check from the headers, before the body is read. Upload checks again.
  Status CheckMayUpload(const access::Access& access, const std::string& ticket_id);
  // For a download: the attachment when `access` may read its ticket (kNotFound otherwise, and
  // for a dropped one).
  Result<AttachmentFile> Open(const access::Access& access, const std::string& id);

  // Inside a caller's write: stores `file` as an attachment of `message_id` on the ticket; over
  // the limit it is recorded as dropped ("too_large") without its bytes. The blob must have been
  // put already (PutBlob, before the transaction).
  Result<Attachment> StoreInTx(storage::Tx& tx, const std::string& ticket_id,
                               const std::string& customer_id, const std::string& message_id,
                               const IncomingFile& file);
  // Writes the bytes of `file` if within the limit (outside any transaction: disk work).
  Status PutBlob(const IncomingFile& file);

  // The mail-out part's reading interface: a message's attachments (dropped ones included, with
  // an empty path) and their bytes.
  Result<std::vector<AttachmentFile>> MessageFiles(const std::string& message_id);
  Result<std::string> ReadFile(const AttachmentFile& file) const;

  // Maintenance: removes uploads no message named that are older than `cutoff` (RFC 3339), and
  // their blobs when nothing else names them. How many rows went.
  Result<int64_t> RemoveUnreferenced(const std::string& cutoff);

  size_t max_bytes() const { return max_bytes_; }

 private:
  // The row for `file` (id, name, type, size, sha or dropped), not yet inserted.
  Attachment Describe(const IncomingFile& file, bool* within_limit) const;
  Status EnsureBlob(const Attachment& row, std::string_view bytes);

  storage::Database& database_;
  storage::BlobStore& blobs_;
  size_t max_bytes_;
};

}  // namespace rapport::support
