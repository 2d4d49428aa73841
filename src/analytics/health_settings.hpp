// The health rules administrators may change (docs/design/health.md § Settings): which events
// record a bad experience, the thresholds that make an answer or review "bad", and the few
// weights that set the score's scale. One row (health_settings); read by the tracker on every
// delivery round, changed through /api/v1/health/settings with an audit entry. A change
// re-scores every customer through the review sweep (their next review becomes today), never in
// the request. Stateless functions and a service holding a Database reference; thread-safe.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "analytics/health_score.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::analytics {

// The causes the rules record; "staff" is recorded by hand and is always on.
// negative_comment: a survey comment or review text that reads clearly negative
// (kClearlyNegative, common/sentiment.hpp) while its score or stars did not call it bad.
inline constexpr std::array<std::string_view, 10> kRuleCauses{
    "sla_breach",      "ticket_reopened",  "detractor",        "low_csat", "low_rating",
    "negative_review", "negative_comment", "negative_contact", "refund",   "order_cancelled"};

struct HealthSettings {
  std::map<std::string, bool, std::less<>> rules;  // every kRuleCauses entry; default on
  int64_t detractor_max = 6;                       // NPS at or under: a detractor
  int64_t csat_low_max = 2;                        // CSAT at or under: low
  int64_t review_low_max = 2;                      // stars at or under: a negative review
  HealthWeights weights;
  // Follow-ups (docs/design/health.md § Follow-ups): the causes that open a task for the
  // customer's owner (or `follow_up_assignee` when the customer has none, else the first active
  // administrator), due this many hours on.
  std::vector<std::string> follow_up_causes{"detractor", "low_csat", "negative_review",
                                            "negative_comment"};
  int64_t follow_up_hours = 24;
  std::optional<std::string> follow_up_assignee;
  // Per cause, what its follow-up is: "task" (the default), "ticket" in `follow_up_queue_id`
  // (through the FollowUpTickets seam, follow_ups.hpp), or "both". A cause not named: a task.
  std::map<std::string, std::string, std::less<>> follow_up_as;
  std::optional<std::string> follow_up_queue_id;
  int64_t version = 0;  // 0: never saved (the defaults)
  std::string updated_at;

  // "task", "ticket" or "both".
  std::string_view FollowUpAs(std::string_view cause) const {
    auto it = follow_up_as.find(cause);
    return it == follow_up_as.end() ? std::string_view("task") : std::string_view(it->second);
  }

  bool RuleOn(std::string_view cause) const {
    auto it = rules.find(cause);
    return it == rules.end() || it->second;
  }
};

// {rules?: {cause: bool}, detractor_max?, csat_low_max?, review_low_max?, default_interval_days?,
// high_below?, medium_below?, follow_up_causes?: [cause], follow_up_hours?, follow_up_assignee?:
// user id | null, follow_up_as?: {cause: task | ticket | both}, follow_up_queue_id?: queue id |
// null} over `base`; errors name the field ("rules.refund", "follow_up_as.refund"). A ticket
// follow-up needs a queue ("follow_up_queue_id"); whether it exists the service checks.
Result<HealthSettings> ParseHealthSettings(const json::object& input, HealthSettings base);
json::object HealthSettingsToJson(const HealthSettings& settings);
// The stored settings, or the defaults.
Result<HealthSettings> LoadHealthSettings(storage::Tx& tx);

class HealthSettingsService {
 public:
  explicit HealthSettingsService(storage::Database& database) : database_(database) {}
  // Administrators only.
  Result<json::object> Get(const access::Access& access);
  Result<json::object> Put(const access::Access& access, const storage::WriteContext& context,
                           const json::object& input, std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

}  // namespace rapport::analytics
