// The outbound mail queue's SQL and state machine (mail_outbox.hpp).
#include "support/mail_outbox.hpp"

#include <algorithm>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/time.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

constexpr std::string_view kLoad =
    "SELECT id, kind, dedupe_key, ticket_id, message_id, customer_id, recipients, mail_message_id, "
    "attempts, next_attempt_at, state, last_error FROM mail_outbox WHERE id = ?";

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (id, kind, dedupe_key, ticket_id, message_id, customer_id, "
    "recipients, "
    "mail_message_id, attempts, next_attempt_at, state, last_error, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING";
constexpr std::string_view kHasDedupeKey = "SELECT 1 FROM mail_outbox WHERE dedupe_key = ?";
constexpr std::string_view kFirstDue =
    "SELECT id FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ? "
    "ORDER BY next_attempt_at, seq LIMIT 1";
constexpr std::string_view kClaim =
    "UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? "
    "WHERE id = ? AND state = 'queued'";
constexpr std::string_view kNextDue =
    "SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'";
constexpr std::string_view kResetSending =
    "UPDATE mail_outbox SET state = 'queued', next_attempt_at = ?, updated_at = ? "
    "WHERE state = 'sending'";
constexpr std::string_view kFinish =
    "UPDATE mail_outbox SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ? "
    "WHERE id = ?";
constexpr std::string_view kHasMessage = "SELECT 1 FROM mail_outbox WHERE message_id = ? LIMIT 1";

std::vector<std::string> Addresses(const json::object& recipients, std::string_view key) {
  std::vector<std::string> out;
  if (auto* list = recipients.if_contains(key); list != nullptr && list->is_array()) {
    for (const auto& address : list->as_array()) {
      if (address.is_string()) out.emplace_back(address.as_string());
    }
  }
  return out;
}

json::array ToArray(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& item : list) out.emplace_back(item);
  return out;
}

OutboxMail FromRow(const storage::Row& row) {
  auto recipients = ParseJsonObject(row.Text(6));
  const json::object parsed = recipients.ok() ? std::move(recipients).value() : json::object();
  return OutboxMail{.id = row.Text(0),
                    .kind = row.Text(1),
                    .dedupe_key = row.Text(2),
                    .ticket_id = row.OptText(3).value_or(""),
                    .message_id = row.OptText(4),
                    .customer_id = row.Text(5),
                    .to = Addresses(parsed, "to"),
                    .cc = Addresses(parsed, "cc"),
                    .mail_message_id = row.Text(7),
                    .attempts = static_cast<int>(row.Int(8)),
                    .next_attempt_at = row.Text(9),
                    .state = row.Text(10),
                    .last_error = row.OptText(11)};
}

}  // namespace

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int failed_attempts) {
  const std::chrono::milliseconds cap = policy.max_delay;
  std::chrono::milliseconds delay = policy.first_delay;
  // Doubling stops at the cap, so the shift never overflows however many attempts are allowed.
  for (int i = 1; i < failed_attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

NextState AfterAttempt(const RetryPolicy& policy, int attempts, SendOutcome outcome) {
  switch (outcome) {
    case SendOutcome::kSent:
      return {.state = "sent"};
    case SendOutcome::kPermanentFailure:
      return {.state = "failed"};
    case SendOutcome::kTransientFailure:
      if (attempts >= policy.max_attempts) return {.state = "failed"};
      return {.state = "queued", .retry_after = BackoffDelay(policy, attempts)};
  }
  return {.state = "failed"};
}

namespace outbox {

Result<bool> Queue(Tx& tx, OutboxMail& mail) {
  const std::string now = NowInstant();
  mail.id = NewId("mob");
  // Only a held-back rating request is born anything but queued (see the header's states).
  if (mail.state != "throttled") mail.state = "queued";
  mail.attempts = 0;
  mail.next_attempt_at = now;
  const json::object recipients{{"to", ToArray(mail.to)}, {"cc", ToArray(mail.cc)}};
  RAPPORT_ASSIGN_OR_RETURN(
      int64_t inserted,
      tx.Exec(kInsert, {mail.id, mail.kind, mail.dedupe_key,
                        mail.ticket_id.empty() ? storage::Value(storage::Null()) : mail.ticket_id,
                        storage::OptionalText(mail.message_id), mail.customer_id,
                        ToJsonString(recipients), mail.mail_message_id, now, mail.state,
                        storage::OptionalText(mail.last_error), now, now}));
  return inserted > 0;
}

Result<bool> HasDedupeKey(Tx& tx, const std::string& dedupe_key) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kHasDedupeKey, {dedupe_key}));
  return !rows.empty();
}

Result<std::optional<OutboxMail>> ClaimDue(Tx& tx, const std::string& now) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows due, tx.Query(kFirstDue, {now}));
  if (due.empty()) return std::optional<OutboxMail>();
  const std::string id = due.front().Text(0);
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kClaim, {now, id}));
  return Load(tx, id);
}

Result<std::optional<std::string>> NextDueAt(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kNextDue));
  if (rows.empty() || rows.front().IsNull(0)) return std::optional<std::string>();
  return rows.front().OptText(0);
}

Result<int64_t> ResetInterrupted(Tx& tx) {
  const std::string now = NowInstant();
  return tx.Exec(kResetSending, {now, now});
}

Status Finish(Tx& tx, const std::string& id, const NextState& next,
              const std::optional<std::string>& error) {
  const int64_t now = NowMillis();
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kFinish, {next.state, FormatInstant(now + next.retry_after.count()),
                        storage::OptionalText(error), FormatInstant(now), id}));
  return OkStatus();
}

Result<std::optional<OutboxMail>> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kLoad, {id}));
  if (rows.empty()) return std::optional<OutboxMail>();
  return std::optional<OutboxMail>(FromRow(rows.front()));
}

Result<bool> HasMessage(Tx& tx, const std::string& message_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kHasMessage, {message_id}));
  return !rows.empty();
}

}  // namespace outbox
}  // namespace rapport::support
