// MailIngest: a received e-mail (raw RFC 5322 bytes from IMAP or `rapport mail receive`) into the
// service desk — a new ticket, a message on the ticket it answers, or nothing (docs/design/
// mail_in.md has the rules and why).
//
// In short, in one transaction per mail:
//   - automatic mail (auto-replies, bounces, lists' bulk: mail::ClassifyOrigin) is dropped: it
//     never opens a ticket and never gets an answer, so two auto-responders cannot loop;
//   - a Message-ID already stored on any ticket is a duplicate: dropped, not an error;
//   - the ticket it answers is found by In-Reply-To / References, Outlook's Thread-Index, or a
//     `[#N]` in the subject, and the mail lands there only when its sender belongs on that ticket
//     (an address of the ticket's customer, its requester, a CC'd participant, a staff user's
//     address); a stranger's mail that names a ticket opens a new ticket linked to it;
//   - otherwise a new ticket opens for the customer matched (or created) by the From address, in
//     the queue of the mailbox it came to, channel `email`;
//   - To/Cc addresses become the ticket's participants; attachments go to AttachmentService
//     (over its limit: kept as a dropped entry, and a system note tells staff).
// `in_tx` runs inside the same transaction, whatever the outcome (the IMAP cursor advances
// there: nothing is read twice, nothing is skipped).
//
// Holds references only; thread-safe (counters are atomic). Calls block on storage.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/mail_message.hpp"
#include "storage/database.hpp"
#include "support/attachment_service.hpp"

namespace rapport::support {

// CC'd addresses kept per ticket: enough for any real thread, bounded against a mail to 500.
inline constexpr size_t kMaxParticipants = 20;

// Where a mail came in.
struct MailboxTarget {
  std::string mailbox;                     // the configured name, for the log ("stdin" for pipe)
  std::optional<std::string> queue;        // a queue id or name the mailbox names
  std::vector<std::string> own_addresses;  // the desk's own addresses: never participants
};

enum class IngestResult {
  kOpened,     // a new ticket
  kLinked,     // a new ticket linked to the one it named (a stranger, or a reply to a closed one)
  kThreaded,   // a message on an existing ticket
  kDuplicate,  // its Message-ID was stored before: nothing written
  kAutomatic,  // an auto-reply or bounce: nothing written
  kRejected,   // unreadable (no sender, malformed): nothing written
};
std::string_view IngestResultName(IngestResult result);

struct IngestOutcome {
  IngestResult result = IngestResult::kRejected;
  std::string ticket_id;  // empty unless a ticket was written
  int64_t ticket_number = 0;
  std::string detail;  // for kRejected: why (never personal data)
};

struct IngestCounters {
  int64_t opened = 0, threaded = 0, duplicates = 0, automatic = 0, rejected = 0;
};

class MailIngest {
 public:
  MailIngest(storage::Database& database, AttachmentService& attachments)
      : database_(database), attachments_(attachments) {}

  using InTx = std::function<Status(storage::Tx&)>;

  // Parses (with limits large enough that an oversized attachment is dropped, not the mail) and
  // ingests. Storage errors are errors (retry later); bad mail is an outcome (kRejected).
  Result<IngestOutcome> IngestRaw(std::string_view raw, const MailboxTarget& target,
                                  const InTx& in_tx = {});
  Result<IngestOutcome> Ingest(const mail::ParsedMessage& message, const MailboxTarget& target,
                               const InTx& in_tx = {});

  IngestCounters counters() const;

 private:
  Result<IngestOutcome> Dropped(IngestOutcome outcome, const MailboxTarget& target,
                                const InTx& in_tx);
  void Count(const IngestOutcome& outcome);

  storage::Database& database_;
  AttachmentService& attachments_;
  std::atomic<int64_t> opened_{0}, threaded_{0}, duplicates_{0}, automatic_{0}, rejected_{0};
};

// The conversation key of an Outlook Thread-Index (base64: a 22-byte header, then 5 bytes per
// reply) as hex; empty when it is not one.
std::string ThreadIndexKey(std::string_view thread_index);

}  // namespace rapport::support
