// DeskMailOutHooks: what the mail-in side gives outgoing mail — the ticket's CC'd participants
// (ticket_participants, kept by mail ingest) to copy on a public reply, and the files a message
// names (ticket_attachments, bytes from the blob store) to attach. Reads only through the
// transaction it is given plus immutable content-addressed files, so it is thread-safe; holds a
// reference to the blob store, which must outlive it.
#pragma once

#include "storage/blob_store.hpp"
#include "support/mail_out.hpp"

namespace rapport::support {

class DeskMailOutHooks : public MailOutHooks {
 public:
  explicit DeskMailOutHooks(const storage::BlobStore& blobs) : blobs_(blobs) {}

  Result<std::vector<std::string>> Participants(storage::Tx& tx,
                                                const std::string& ticket_id) override;
  // Dropped files (too large when received) have no bytes and are left out.
  Result<std::vector<mail::OutgoingAttachment>> Attachments(storage::Tx& tx,
                                                            const std::string& message_id) override;

 private:
  const storage::BlobStore& blobs_;
};

}  // namespace rapport::support
