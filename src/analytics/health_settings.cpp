#include "analytics/health_settings.hpp"

#include <algorithm>

#include "analytics/follow_ups.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::analytics {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelect =
    "SELECT document, version, updated_at FROM health_settings WHERE id = 1";
constexpr std::string_view kUpsert =
    "INSERT INTO health_settings (id, document, version, updated_at) VALUES (1, ?1, ?2, ?3) "
    "ON CONFLICT (id) DO UPDATE SET document = ?1, version = ?2, updated_at = ?3";
// Every customer is re-scored under the new rules by the review sweep, in batches.
constexpr std::string_view kReviewEveryone = "UPDATE customer_health SET next_review_on = ?";

HealthSettings Defaults() {
  HealthSettings settings;
  for (std::string_view cause : kRuleCauses) settings.rules.emplace(std::string(cause), true);
  return settings;
}

void ReadInt(const json::object& input, std::string_view key, int64_t low, int64_t high,
             int64_t& out, std::vector<FieldError>& errors) {
  const json::value* value = input.if_contains(key);
  if (value == nullptr) return;
  if (!value->is_int64() || value->as_int64() < low || value->as_int64() > high) {
    errors.push_back({std::string(key), "must be a whole number from " + std::to_string(low) +
                                            " to " + std::to_string(high)});
    return;
  }
  out = value->as_int64();
}

}  // namespace

Result<HealthSettings> ParseHealthSettings(const json::object& input, HealthSettings base) {
  static constexpr std::array<std::string_view, 12> kKeys{"rules",
                                                          "detractor_max",
                                                          "csat_low_max",
                                                          "review_low_max",
                                                          "default_interval_days",
                                                          "high_below",
                                                          "medium_below",
                                                          "follow_up_causes",
                                                          "follow_up_hours",
                                                          "follow_up_assignee",
                                                          "follow_up_as",
                                                          "follow_up_queue_id"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      errors.push_back({std::string(key), "is not a health setting"});
    }
  }
  if (const json::value* rules = input.if_contains("rules")) {
    if (!rules->is_object()) {
      errors.push_back({"rules", "must be an object of cause: true | false"});
    } else {
      for (const auto& [cause, on] : rules->as_object()) {
        const std::string field = "rules." + std::string(cause);
        if (std::find(kRuleCauses.begin(), kRuleCauses.end(), cause) == kRuleCauses.end()) {
          errors.push_back({field,
                            "is not a rule (sla_breach, ticket_reopened, detractor, "
                            "low_csat, low_rating, negative_review, negative_comment, "
                            "negative_contact, "
                            "refund, order_cancelled)"});
        } else if (!on.is_bool()) {
          errors.push_back({field, "must be true or false"});
        } else {
          base.rules[std::string(cause)] = on.as_bool();
        }
      }
    }
  }
  ReadInt(input, "detractor_max", 0, 9, base.detractor_max, errors);
  ReadInt(input, "csat_low_max", 1, 4, base.csat_low_max, errors);
  ReadInt(input, "review_low_max", 1, 4, base.review_low_max, errors);
  ReadInt(input, "default_interval_days", 1, 3650, base.weights.default_interval_days, errors);
  ReadInt(input, "high_below", 1, 99, base.weights.high_below, errors);
  ReadInt(input, "medium_below", 1, 100, base.weights.medium_below, errors);
  ReadInt(input, "follow_up_hours", 1, 720, base.follow_up_hours, errors);
  if (const json::value* causes = input.if_contains("follow_up_causes")) {
    std::vector<std::string> chosen;
    if (!causes->is_array() || causes->as_array().size() > kRuleCauses.size() + 1) {
      errors.push_back({"follow_up_causes", "must be a list of causes"});
    } else {
      for (size_t i = 0; i < causes->as_array().size(); ++i) {
        const json::value& cause = causes->as_array()[i];
        const bool known = cause.is_string() && (cause.as_string() == "staff" ||
                                                 std::find(kRuleCauses.begin(), kRuleCauses.end(),
                                                           cause.as_string()) != kRuleCauses.end());
        if (!known) {
          errors.push_back({"follow_up_causes[" + std::to_string(i) + "]", "is not a cause"});
        } else if (std::find(chosen.begin(), chosen.end(), cause.as_string()) == chosen.end()) {
          chosen.emplace_back(cause.as_string());
        }
      }
      base.follow_up_causes = std::move(chosen);
    }
  }
  if (const json::value* assignee = input.if_contains("follow_up_assignee")) {
    if (assignee->is_null()) {
      base.follow_up_assignee.reset();
    } else if (!assignee->is_string() || assignee->as_string().empty() ||
               assignee->as_string().size() > 64) {
      errors.push_back({"follow_up_assignee", "must be a user id or null"});
    } else {
      base.follow_up_assignee = std::string(assignee->as_string());
    }
  }
  if (const json::value* as = input.if_contains("follow_up_as")) {
    if (!as->is_object()) {
      errors.push_back({"follow_up_as", "must be an object of cause: task | ticket | both"});
    } else {
      for (const auto& [cause, kind] : as->as_object()) {
        const std::string field = "follow_up_as." + std::string(cause);
        const bool known = cause == "staff" || std::find(kRuleCauses.begin(), kRuleCauses.end(),
                                                         cause) != kRuleCauses.end();
        if (!known) {
          errors.push_back({field, "is not a cause"});
        } else if (!kind.is_string() ||
                   (kind.as_string() != "task" && kind.as_string() != "ticket" &&
                    kind.as_string() != "both")) {
          errors.push_back({field, "must be task, ticket or both"});
        } else {
          base.follow_up_as[std::string(cause)] = std::string(kind.as_string());
        }
      }
    }
  }
  if (const json::value* queue = input.if_contains("follow_up_queue_id")) {
    if (queue->is_null()) {
      base.follow_up_queue_id.reset();
    } else if (!queue->is_string() || queue->as_string().empty() ||
               queue->as_string().size() > 64) {
      errors.push_back({"follow_up_queue_id", "must be a queue id or null"});
    } else {
      base.follow_up_queue_id = std::string(queue->as_string());
    }
  }
  if (errors.empty() && !base.follow_up_queue_id) {
    for (const auto& [cause, kind] : base.follow_up_as) {
      if (kind != "task") {
        errors.push_back({"follow_up_queue_id", "is required while a follow-up opens a ticket"});
        break;
      }
    }
  }
  if (errors.empty() && base.weights.high_below >= base.weights.medium_below) {
    errors.push_back({"medium_below", "must be above high_below"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return base;
}

json::object HealthSettingsToJson(const HealthSettings& settings) {
  json::object rules;
  for (std::string_view cause : kRuleCauses) rules[cause] = settings.RuleOn(cause);
  json::object as;
  for (const auto& [cause, kind] : settings.follow_up_as) as[cause] = kind;
  return json::object{
      {"rules", std::move(rules)},
      {"detractor_max", settings.detractor_max},
      {"csat_low_max", settings.csat_low_max},
      {"review_low_max", settings.review_low_max},
      {"default_interval_days", settings.weights.default_interval_days},
      {"high_below", settings.weights.high_below},
      {"medium_below", settings.weights.medium_below},
      {"follow_up_causes",
       json::array(settings.follow_up_causes.begin(), settings.follow_up_causes.end())},
      {"follow_up_hours", settings.follow_up_hours},
      {"follow_up_assignee", settings.follow_up_assignee ? json::value(*settings.follow_up_assignee)
                                                         : json::value(nullptr)},
      {"follow_up_as", std::move(as)},
      {"follow_up_queue_id", settings.follow_up_queue_id ? json::value(*settings.follow_up_queue_id)
                                                         : json::value(nullptr)},
      {"version", settings.version},
      {"updated_at",
       settings.updated_at.empty() ? json::value(nullptr) : json::value(settings.updated_at)}};
}

Result<HealthSettings> LoadHealthSettings(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect));
  if (rows.empty()) return Defaults();
  RAPPORT_ASSIGN_OR_RETURN(json::object document, ParseJsonObject(rows.front().Text(0)));
  // Stored documents were validated on the way in; a field a later version dropped is ignored.
  json::object known;
  for (const auto& [key, value] : document) {
    if (key != "version" && key != "updated_at") known[key] = value;
  }
  auto parsed = ParseHealthSettings(known, Defaults());
  HealthSettings settings = parsed.ok() ? std::move(parsed).value() : Defaults();
  settings.version = rows.front().Int(1);
  settings.updated_at = rows.front().Text(2);
  return settings;
}

Result<json::object> HealthSettingsService::Get(const access::Access& access) {
  if (!access.is_admin()) {
    return Error::PermissionDenied("Only administrators see the health settings.");
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(HealthSettings settings, LoadHealthSettings(tx));
    out = HealthSettingsToJson(settings);
    return OkStatus();
  }));
  return out;
}

Result<json::object> HealthSettingsService::Put(const access::Access& access,
                                                const storage::WriteContext& context,
                                                const json::object& input,
                                                std::optional<int64_t> if_version) {
  if (!access.is_admin()) {
    return Error::PermissionDenied("Only administrators change the health settings.");
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(HealthSettings current, LoadHealthSettings(tx));
    if (if_version && *if_version != current.version) {
      return Error::PreconditionFailed("The health settings changed since version " +
                                       std::to_string(*if_version) + ".");
    }
    RAPPORT_ASSIGN_OR_RETURN(HealthSettings next, ParseHealthSettings(input, current));
    if (next.follow_up_queue_id && next.follow_up_queue_id != current.follow_up_queue_id) {
      RAPPORT_RETURN_IF_ERROR(CheckFollowUpQueue(tx, *next.follow_up_queue_id));
    }
    next.version = current.version + 1;
    next.updated_at = NowInstant();
    json::object document = HealthSettingsToJson(next);
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpsert, {ToJsonString(document), next.version, next.updated_at}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kReviewEveryone, {*DayOf(next.updated_at)}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "health_settings", "health",
                                                 HealthSettingsToJson(current), document));
    out = std::move(document);
    return context.Written(tx, out);
  }));
  return out;
}

}  // namespace rapport::analytics
