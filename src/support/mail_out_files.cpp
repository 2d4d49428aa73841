#include "support/mail_out_files.hpp"

#include "support/attachment_store.hpp"
#include "support/mail_ingest.hpp"

namespace rapport::support {
namespace {

// In the order they joined, so a reply's Cc line reads the way the conversation grew.
constexpr std::string_view kSelectParticipants =
    "SELECT address FROM ticket_participants WHERE ticket_id = ? ORDER BY created_at, address_key "
    "LIMIT ?";

}  // namespace

Result<std::vector<std::string>> DeskMailOutHooks::Participants(storage::Tx& tx,
                                                                const std::string& ticket_id) {
  RAPPORT_ASSIGN_OR_RETURN(
      storage::Rows rows,
      tx.Query(kSelectParticipants, {ticket_id, static_cast<int64_t>(kMaxParticipants)}));
  std::vector<std::string> addresses;
  addresses.reserve(rows.size());
  for (const auto& row : rows) addresses.push_back(row.Text(0));
  return addresses;
}

Result<std::vector<mail::OutgoingAttachment>> DeskMailOutHooks::Attachments(
    storage::Tx& tx, const std::string& message_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Attachment> found,
                           store::MessageAttachments(tx, message_id));
  std::vector<mail::OutgoingAttachment> files;
  for (const Attachment& attachment : found) {
    if (!attachment.sha256) continue;
    RAPPORT_ASSIGN_OR_RETURN(std::string bytes, blobs_.Read(*attachment.sha256));
    files.push_back({.filename = attachment.name,
                     .content_type = attachment.type,
                     .content_id = attachment.inline_cid.value_or(""),
                     .bytes = std::move(bytes)});
  }
  return files;
}

}  // namespace rapport::support
