#include "support/attachment_service.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "mail/mime_sniff.hpp"
#include "mail/mime_text.hpp"
#include "storage/audit.hpp"
#include "support/ticket_changes.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

// Rows the sweep removes per transaction: bounds one write's time on the single writer.
constexpr int64_t kSweepBatch = 500;

std::string MegabytesText(size_t bytes) {
  return std::to_string((bytes + 1024 * 1024 - 1) / (1024 * 1024)) + " MB";
}

// The ticket an upload goes to, when `access` may work it and it is not closed.
Result<Ticket> CheckUploadTarget(Tx& tx, const access::Access& access,
                                 const std::string& ticket_id) {
  RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, ReadableTicket(tx, access, ticket_id));
  RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, ticket));
  if (ticket.status == "closed") {
    return Error::Conflict("A closed ticket cannot take attachments.", "status");
  }
  return ticket;
}

}  // namespace

Attachment AttachmentService::Describe(const IncomingFile& file, bool* within_limit) const {
  *within_limit = file.bytes.size() <= max_bytes_;
  Attachment row{.id = NewId("tat"),
                 .name = mail::SafeFilename(file.declared_name),
                 .type = std::string(mail::SniffContentType(file.bytes)),
                 .size = static_cast<int64_t>(file.bytes.size()),
                 .created_at = NowInstant()};
  if (!file.inline_cid.empty()) row.inline_cid = file.inline_cid;
  if (*within_limit) {
    row.sha256 = storage::Sha256Hex(file.bytes);
  } else {
    row.dropped = "too_large";
  }
  return row;
}

Status AttachmentService::EnsureBlob(const Attachment& row, std::string_view bytes) {
  // A sweep may have removed identical bytes since they were put: the writer is single, so
  // checking here, inside the transaction, closes that race.
  if (!row.sha256 || blobs_.Contains(*row.sha256)) return OkStatus();
  auto put = blobs_.Put(bytes);
  if (!put.ok()) return put.error();
  return OkStatus();
}

Status AttachmentService::PutBlob(const IncomingFile& file) {
  if (file.bytes.size() > max_bytes_) return OkStatus();
  auto put = blobs_.Put(file.bytes);
  if (!put.ok()) return put.error();
  return OkStatus();
}

Status AttachmentService::CheckMayUpload(const access::Access& access,
                                         const std::string& ticket_id) {
  return database_.Read([&](Tx& tx) -> Status {
    auto ticket = CheckUploadTarget(tx, access, ticket_id);
    if (!ticket.ok()) return ticket.error();
    return OkStatus();
  });
}

Result<json::object> AttachmentService::Upload(const access::Access& access,
                                               const storage::WriteContext& context,
                                               const std::string& ticket_id,
                                               const IncomingFile& file) {
  if (file.bytes.empty()) return Error::Invalid("body", "is empty: send the file as the body");
  if (file.bytes.size() > max_bytes_) {
    return Error::TooLarge("An attachment may be at most " + MegabytesText(max_bytes_) + ".");
  }
  bool within_limit = true;
  Attachment row = Describe(file, &within_limit);
  row.uploaded_by = access.user_id().empty() ? std::nullopt : std::optional(access.user_id());
  RAPPORT_RETURN_IF_ERROR(PutBlob(file));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, CheckUploadTarget(tx, access, ticket_id));
    row.ticket_id = ticket.id;
    row.customer_id = ticket.customer_id;
    RAPPORT_RETURN_IF_ERROR(EnsureBlob(row, file.bytes));
    RAPPORT_RETURN_IF_ERROR(store::InsertAttachment(tx, row));
    served = AttachmentToJson(row);
    served["ticket_id"] = ticket.id;
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "ticket_attachment", row.id, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<Attachment> AttachmentService::StoreInTx(Tx& tx, const std::string& ticket_id,
                                                const std::string& customer_id,
                                                const std::string& message_id,
                                                const IncomingFile& file) {
  bool within_limit = true;
  Attachment row = Describe(file, &within_limit);
  row.ticket_id = ticket_id;
  row.customer_id = customer_id;
  row.message_id = message_id;
  RAPPORT_RETURN_IF_ERROR(EnsureBlob(row, file.bytes));
  RAPPORT_RETURN_IF_ERROR(store::InsertAttachment(tx, row));
  return row;
}

Result<AttachmentFile> AttachmentService::Open(const access::Access& access,
                                               const std::string& id) {
  const auto missing = [&] { return Error::NotFound("No attachment has the id " + id + "."); };
  AttachmentFile file;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Attachment> found, store::LoadAttachment(tx, id));
    if (!found) return missing();
    RAPPORT_ASSIGN_OR_RETURN(std::string ticket_id, store::AttachmentTicket(tx, *found));
    if (!ReadableTicket(tx, access, ticket_id).ok()) return missing();
    file.attachment = std::move(*found);
    return OkStatus();
  }));
  if (!file.attachment.sha256) {
    return Error::NotFound("The attachment " + id + " was not kept: it was over the size limit.");
  }
  file.path = blobs_.PathOf(*file.attachment.sha256);
  return file;
}

Result<std::vector<AttachmentFile>> AttachmentService::MessageFiles(const std::string& message_id) {
  std::vector<AttachmentFile> files;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Attachment> found,
                             store::MessageAttachments(tx, message_id));
    for (auto& attachment : found) {
      std::string path = attachment.sha256 ? blobs_.PathOf(*attachment.sha256) : std::string();
      files.push_back({.attachment = std::move(attachment), .path = std::move(path)});
    }
    return OkStatus();
  }));
  return files;
}

Result<std::string> AttachmentService::ReadFile(const AttachmentFile& file) const {
  if (!file.attachment.sha256) {
    return Error::NotFound("The attachment " + file.attachment.id + " was not kept.");
  }
  return blobs_.Read(*file.attachment.sha256);
}

Result<int64_t> AttachmentService::RemoveUnreferenced(const std::string& cutoff) {
  int64_t removed = 0;
  for (;;) {
    int64_t batch = 0;
    RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> hashes,
                               store::RemoveUnreferenced(tx, cutoff, kSweepBatch));
      batch = static_cast<int64_t>(hashes.size());
      for (const auto& sha : hashes) {
        RAPPORT_ASSIGN_OR_RETURN(bool referenced, store::BlobReferenced(tx, sha));
        // Inside the write: no writer can name these bytes between the check and the removal.
        if (!referenced) RAPPORT_RETURN_IF_ERROR(blobs_.Remove(sha));
      }
      return OkStatus();
    }));
    removed += batch;
    if (batch < kSweepBatch) break;
  }
  blobs_.RemoveStaleTemp();
  return removed;
}

}  // namespace rapport::support
