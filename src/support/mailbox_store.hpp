// SupportMailboxStore: the support area's mail::MailboxStore (mail/imap_poller.hpp). Each IMAP
// mailbox's cursor (UIDVALIDITY, last UID) lives in `mailbox_cursors` (migration 0019), and a
// fetched message is ingested (mail_ingest.hpp) with the cursor advanced **in the same
// transaction**: after a crash either both the ticket write and the cursor are there or neither,
// so nothing is read twice and nothing is skipped. Message-ID de-duplication stays as the second
// line (a UIDVALIDITY change re-offers the whole folder; the same mail may reach two mailboxes).
//
// A message too large to fetch, or that cannot be parsed, advances the cursor with a log line
// (no personal data): refusing it would stop the mailbox forever.
//
// Thread-safe: the poller calls it concurrently for different mailboxes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "mail/imap_poller.hpp"
#include "mail/mail_config.hpp"
#include "storage/database.hpp"
#include "support/mail_ingest.hpp"

namespace rapport::support {

// The ingest target of a configured mailbox: its name, queue and own address.
MailboxTarget TargetOf(const mail::ImapMailboxConfig& mailbox);

// Reads and writes one mailbox's cursor inside a transaction.
Result<mail::MailboxCursor> LoadMailboxCursor(storage::Tx& tx, const std::string& mailbox);
Status SaveMailboxCursor(storage::Tx& tx, const std::string& mailbox,
                         const mail::MailboxCursor& cursor);

class SupportMailboxStore : public mail::MailboxStore {
 public:
  SupportMailboxStore(storage::Database& database, MailIngest& ingest,
                      const std::vector<mail::ImapMailboxConfig>& mailboxes);

  Result<mail::MailboxCursor> LoadCursor(const std::string& mailbox) override;
  Status StoreMessage(const std::string& mailbox, uint32_t uidvalidity,
                      const mail::FetchedMessage& message) override;

 private:
  storage::Database& database_;
  MailIngest& ingest_;
  std::map<std::string, MailboxTarget> targets_;  // by mailbox name; fixed after construction
};

}  // namespace rapport::support
