// The review settings (docs/design/reviews.md § Collecting): whether a review request goes out by
// itself N days after an order is fulfilled, and how long its link lasts. One row
// (review_settings), read by the automatic request (review_auto_requests.hpp) when it schedules
// and again when it runs; changed through /api/v1/reviews/settings by staff who edit reviews,
// with an audit entry. A service holding a Database reference; thread-safe; calls block.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

inline constexpr int64_t kMaxAutoRequestDays = 365;

struct ReviewSettings {
  std::optional<int64_t> auto_request_days;  // nullopt: no automatic requests
  int64_t expires_in_days = 30;
  int64_t version = 0;  // 0: never saved (the defaults)
  std::string updated_at;
};

// {auto_request_days?: 0-365 | null, expires_in_days?: 1-365} over `base`; errors name the field.
Result<ReviewSettings> ParseReviewSettings(const json::object& input, ReviewSettings base);
json::object ReviewSettingsToJson(const ReviewSettings& settings);
// The stored settings, or the defaults.
Result<ReviewSettings> LoadReviewSettings(storage::Tx& tx);

class ReviewSettingsService {
 public:
  explicit ReviewSettingsService(storage::Database& database) : database_(database) {}
  // Both need reviews edit (the object's levels are all and none).
  Result<json::object> Get(const access::Access& access);
  Result<json::object> Put(const access::Access& access, const storage::WriteContext& context,
                           const json::object& input, std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

}  // namespace rapport::feedback
