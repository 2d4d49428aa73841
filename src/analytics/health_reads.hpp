// What the API and the app read of customer health (docs/design/health.md § Reading): one
// customer's score with its reasons and bad experiences, and the distribution over time for the
// chart. Reads only stored rows — the tracker keeps them current. Holds a Database reference;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::analytics {

inline constexpr int64_t kMaxDistributionDays = 730;

class HealthReads {
 public:
  explicit HealthReads(storage::Database& database) : database_(database) {}

  // {customer_id, score, risk, reasons: [{code, text, points}], nps_last, bad_experiences_open,
  // updated_at, bad_experiences: [...]}; score null when the customer was never scored yet.
  // kNotFound for a customer the caller may not read.
  Result<json::object> ForCustomer(const access::Access& access, const std::string& customer_id);
  // {data: [{day, low, medium, high, average_score}] for the last `days` days (oldest first),
  // current: {low, medium, high}}. Counts every customer: needs the customers read level "all".
  Result<json::object> Distribution(const access::Access& access, int64_t days);
  // The customers at `risk` (or every risk when empty) the caller may read, lowest score first:
  // {data: [{customer_id, display_name, owner_id, score, risk, reason}], next_cursor}. `owner`:
  // only that owner's customers (the home screen's "mine"). Keyset pages by (score, id).
  Result<json::object> AtRisk(const access::Access& access, const std::string& risk,
                              const std::optional<std::string>& owner, int64_t limit,
                              const std::optional<std::string>& cursor);
  // The newest bad experiences of customers the caller may read, of `causes` (all when empty),
  // open ones only when `open_only`, of `owner`'s customers when given; at most `limit` (1–50):
  // {data: [{id, customer_id, display_name, cause, summary, state, occurred_at}]}.
  Result<json::object> RecentBadExperiences(const access::Access& access,
                                            const std::vector<std::string>& causes,
                                            const std::optional<std::string>& owner, bool open_only,
                                            int64_t limit);

 private:
  storage::Database& database_;
};

}  // namespace rapport::analytics
