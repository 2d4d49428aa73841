// Idempotency records: the first response to a POST with an Idempotency-Key, kept so a retry with
// the same key and body replays it instead of repeating the change. The record is written in the
// same transaction as the change (via WriteContext::on_written), so a change and its record commit
// or vanish together. Keys are scoped per principal (API token), so clients cannot collide.
// Records expire: SweepIdempotencyRecords, run by the server's maintenance schedule, deletes those
// older than the configured lifetime (`idempotency_hours`, default 24), as Stripe does: a key is
// guaranteed for its lifetime and forgotten within one sweep interval after it.
#pragma once

#include <optional>
#include <string>

#include "storage/database.hpp"

namespace rapport::storage {

struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string body;
  std::string location;
};

Result<std::optional<StoredResponse>> FindIdempotentResponse(Database& database,
                                                             const std::string& principal,
                                                             const std::string& key);
Status SaveIdempotentResponse(Tx& tx, const std::string& principal, const std::string& key,
                              const StoredResponse& response);

// Deletes the records created before `cutoff_millis` (milliseconds since the epoch); answers how
// many went. One short write: the created_at index (migration 0013) limits it to expired rows.
Result<int64_t> SweepIdempotencyRecords(Database& database, int64_t cutoff_millis);

}  // namespace rapport::storage
