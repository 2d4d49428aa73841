// The outbound mail queue (table mail_outbox, migration 0020; docs/design/mail_out.md): one row
// per e-mail the service desk sends, its state machine and its retry policy.
//
//   queued --claim--> sending --accepted--> sent
//     ^                 |  \--refused for good, or out of attempts--> failed
//     +---- transient --+   (next_attempt_at pushed back by BackoffDelay)
//
//   throttled: a rating request the contact budget held back, queued so that the ask is on
//   record (the reports count it), never claimed and never sent.
//
// A row is claimed (state sending, attempts + 1) in its own committed write before the SMTP
// conversation starts, so a crash mid-send leaves a `sending` row that ResetInterrupted puts back
// to queued at the next start: sent again, under the same Message-ID (the one accepted-but-not-
// marked window; docs/design/mail_out.md). Plain functions over an open transaction, private to
// src/support/; stateless, thread-safety is the Tx's.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace rapport::support {

struct RetryPolicy {
  // Attempts in all, the first included: 8 spans about two hours with the delays below, long
  // enough to ride out a relay's restart or a greylisting period, short enough that an agent
  // learns the same day that a reply did not go.
  int max_attempts = 8;
  std::chrono::seconds first_delay{60};
  std::chrono::seconds max_delay{3600};
};

// How long to wait after the `failed_attempts`-th failure (1-based): first_delay doubling, capped
// at max_delay. REQUIRES: failed_attempts >= 1.
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int failed_attempts);

enum class SendOutcome { kSent, kTransientFailure, kPermanentFailure };

// The state a claimed row moves to after an attempt: sent, queued (retry at `retry_after` from
// now) or failed.
struct NextState {
  std::string state;
  std::chrono::milliseconds retry_after{0};
};
NextState AfterAttempt(const RetryPolicy& policy, int attempts, SendOutcome outcome);

struct OutboxMail {
  std::string id;    // mob_…
  std::string kind;  // reply | rating_request | form_confirmation | another area's kind
  std::string dedupe_key;
  std::string ticket_id;                  // empty for mail of no ticket (a survey invitation)
  std::optional<std::string> message_id;  // the ticket message a reply carries
  std::string customer_id;
  std::vector<std::string> to;
  std::vector<std::string> cc;
  std::string mail_message_id;  // Message-ID header, without <>
  int attempts = 0;
  std::string next_attempt_at;
  std::string state = "queued";
  std::optional<std::string> last_error;
};

namespace outbox {

// Inserts `mail` (id and times filled here; state "queued" or "throttled" as given) unless a row
// for its event exists; whether it was inserted.
Result<bool> Queue(storage::Tx& tx, OutboxMail& mail);
// The due row with the earliest next_attempt_at (<= now), moved to sending with one more attempt.
Result<std::optional<OutboxMail>> ClaimDue(storage::Tx& tx, const std::string& now);
// When the earliest queued row falls due; empty when nothing waits.
Result<std::optional<std::string>> NextDueAt(storage::Tx& tx);
// Rows left `sending` by a crash go back to queued, due now; how many.
Result<int64_t> ResetInterrupted(storage::Tx& tx);
// Applies `next` to the claimed row `id`.
Status Finish(storage::Tx& tx, const std::string& id, const NextState& next,
              const std::optional<std::string>& error);
Result<std::optional<OutboxMail>> Load(storage::Tx& tx, const std::string& id);
// Whether a row for `dedupe_key` exists (of any state).
Result<bool> HasDedupeKey(storage::Tx& tx, const std::string& dedupe_key);
// Whether some row already carries ticket message `message_id`.
Result<bool> HasMessage(storage::Tx& tx, const std::string& message_id);

}  // namespace outbox
}  // namespace rapport::support
