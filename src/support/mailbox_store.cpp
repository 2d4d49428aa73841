#include "support/mailbox_store.hpp"

#include <spdlog/spdlog.h>

#include "common/time.hpp"

namespace rapport::support {
namespace {

constexpr std::string_view kLoadCursor =
    "SELECT uidvalidity, last_uid FROM mailbox_cursors WHERE mailbox = ?";
constexpr std::string_view kSaveCursor =
    "INSERT INTO mailbox_cursors (mailbox, uidvalidity, last_uid, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
    "last_uid = excluded.last_uid, updated_at = excluded.updated_at";

}  // namespace

MailboxTarget TargetOf(const mail::ImapMailboxConfig& mailbox) {
  MailboxTarget target{.mailbox = mailbox.name};
  if (!mailbox.queue.empty()) target.queue = mailbox.queue;
  if (!mailbox.address.empty()) target.own_addresses.push_back(mailbox.address);
  return target;
}

Result<mail::MailboxCursor> LoadMailboxCursor(storage::Tx& tx, const std::string& mailbox) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kLoadCursor, {mailbox}));
  if (rows.empty()) return mail::MailboxCursor{};
  return mail::MailboxCursor{.uidvalidity = static_cast<uint32_t>(rows[0].Int(0)),
                             .last_uid = static_cast<uint32_t>(rows[0].Int(1))};
}

Status SaveMailboxCursor(storage::Tx& tx, const std::string& mailbox,
                         const mail::MailboxCursor& cursor) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kSaveCursor, {mailbox, int64_t{cursor.uidvalidity}, int64_t{cursor.last_uid}, NowInstant()}));
  return OkStatus();
}

SupportMailboxStore::SupportMailboxStore(storage::Database& database, MailIngest& ingest,
                                         const std::vector<mail::ImapMailboxConfig>& mailboxes)
    : database_(database), ingest_(ingest) {
  for (const auto& mailbox : mailboxes) targets_[mailbox.name] = TargetOf(mailbox);
}

Result<mail::MailboxCursor> SupportMailboxStore::LoadCursor(const std::string& mailbox) {
  mail::MailboxCursor cursor;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(cursor, LoadMailboxCursor(tx, mailbox));
    return OkStatus();
  }));
  return cursor;
}

Status SupportMailboxStore::StoreMessage(const std::string& mailbox, uint32_t uidvalidity,
                                         const mail::FetchedMessage& message) {
  const mail::MailboxCursor next{.uidvalidity = uidvalidity, .last_uid = message.uid};
  auto advance = [&](storage::Tx& tx) { return SaveMailboxCursor(tx, mailbox, next); };
  if (message.too_large) {
    spdlog::warn("mail: mailbox {} UID {} is too large to fetch; skipped", mailbox, message.uid);
    return database_.Write(advance);
  }
  auto found = targets_.find(mailbox);
  const MailboxTarget target =
      found == targets_.end() ? MailboxTarget{.mailbox = mailbox} : found->second;
  auto outcome = ingest_.IngestRaw(message.raw, target, advance);
  if (!outcome.ok()) return outcome.error();
  return OkStatus();
}

}  // namespace rapport::support
