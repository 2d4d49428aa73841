#include "storage/idempotency.hpp"

#include "common/time.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kSelect =
    "SELECT request_hash, status, response_body, location FROM idempotency_keys "
    "WHERE principal = ? AND key = ?";
constexpr std::string_view kInsert =
    "INSERT INTO idempotency_keys (principal, key, request_hash, status, response_body, location, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteExpired = "DELETE FROM idempotency_keys WHERE created_at < ?";

}  // namespace

Result<std::optional<StoredResponse>> FindIdempotentResponse(Database& database,
                                                             const std::string& principal,
                                                             const std::string& key) {
  std::optional<StoredResponse> found;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {principal, key}));
    if (!rows.empty()) {
      found = StoredResponse{rows[0].Text(0), static_cast<int>(rows[0].Int(1)), rows[0].Text(2),
                             rows[0].Text(3)};
    }
    return OkStatus();
  }));
  return found;
}

Status SaveIdempotentResponse(Tx& tx, const std::string& principal, const std::string& key,
                              const StoredResponse& response) {
  auto inserted = tx.Exec(
      kInsert, {principal, key, response.request_hash, static_cast<int64_t>(response.status),
                response.body, response.location, NowInstant()});
  if (!inserted.ok()) return std::move(inserted).error();
  return OkStatus();
}

Result<int64_t> SweepIdempotencyRecords(Database& database, int64_t cutoff_millis) {
  int64_t removed = 0;
  RAPPORT_RETURN_IF_ERROR(database.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(removed, tx.Exec(kDeleteExpired, {FormatInstant(cutoff_millis)}));
    return OkStatus();
  }));
  return removed;
}

}  // namespace rapport::storage
