#include "support/routing.hpp"

#include <algorithm>

#include "common/unicode_text.hpp"
#include "support/customer_conditions.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxKeywords = 50;
constexpr size_t kMaxKeywordLength = 100;
constexpr int64_t kMaxPosition = 1'000'000;

constexpr std::string_view kQueueExists = "SELECT 1 FROM queues WHERE id = ?";
constexpr std::string_view kRules =
    "SELECT id, spec FROM routing_rules ORDER BY json_extract(spec, '$.position'), seq";
// search_fold (storage/sqlite/text_functions.hpp): case- and accent-insensitive, as search is.
constexpr std::string_view kFold = "SELECT search_fold(?)";

bool IsStringList(const json::value& value, size_t max) {
  if (!value.is_array() || value.as_array().empty() || value.as_array().size() > max) return false;
  return std::all_of(value.as_array().begin(), value.as_array().end(), [](const json::value& v) {
    return v.is_string() && !v.as_string().empty() && v.as_string().size() <= kMaxKeywordLength;
  });
}

// Reads `conditions` into `out`, one field error per bad condition.
void ReadConditions(const json::value& value, json::object& out, std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({"conditions", "must be an object"});
    return;
  }
  for (const auto& [key, condition] : value.as_object()) {
    const std::string field = "conditions." + std::string(key);
    bool good = true;
    if (key == "channel") {
      good = IsStringList(condition, kChannels.size()) &&
             std::all_of(condition.as_array().begin(), condition.as_array().end(),
                         [](const json::value& v) { return OneOf(kChannels, v.as_string()); });
      if (!good) errors.push_back({field, "must be a list of " + Listed(kChannels)});
    } else if (key == "keywords") {
      good = IsStringList(condition, kMaxKeywords);
      if (!good) errors.push_back({field, "must be a list of 1 to 50 words"});
    } else if (key == "mailbox") {
      good = condition.is_string() && !condition.as_string().empty() &&
             condition.as_string().size() <= kMaxKeywordLength;
      if (!good) errors.push_back({field, "must be a non-empty string"});
    } else if (IsCustomerCondition(key)) {
      ReadCustomerCondition(key, condition, field, out, errors);
      continue;  // stored in its normalised form
    } else {
      good = false;
      errors.push_back({field, "is not a known condition"});
    }
    if (good) out[key] = condition;
  }
  CheckValueRange(out, "conditions.", errors);
}

// The tags a match adds: ticket tags (ticket_rules.hpp), at most kMaxTags.
void ReadTags(const json::value& value, json::array& out, std::vector<FieldError>& errors) {
  if (!value.is_array() || value.as_array().size() > kMaxTags) {
    errors.push_back({"tags", "must be an array of at most 20 tags"});
    return;
  }
  for (size_t i = 0; i < value.as_array().size(); ++i) {
    const json::value& tag = value.as_array()[i];
    auto normal = tag.is_string() ? NormalizeTag(tag.as_string()) : std::nullopt;
    if (!normal) {
      errors.push_back(
          {"tags[" + std::to_string(i) + "]", "must be 1 to 40 characters of a-z, 0-9, _ and -"});
    } else if (std::find(out.begin(), out.end(), json::value(*normal)) == out.end()) {
      out.emplace_back(*normal);
    }
  }
}

bool Contains(const json::value& list, std::string_view item) {
  return list.is_array() &&
         std::any_of(list.as_array().begin(), list.as_array().end(),
                     [&](const json::value& v) { return v.is_string() && v.as_string() == item; });
}

Result<std::string> Fold(Tx& tx, std::string_view text) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFold, {std::string(text)}));
  return rows.front().Text(0);
}

// Whether every condition of `conditions` holds.
Result<bool> Matches(Tx& tx, const json::object& conditions, const RoutingFacts& facts,
                     const CustomerFacts& customer, const std::string& folded_text) {
  for (const auto& [key, condition] : conditions) {
    bool holds = false;
    if (key == "channel") {
      holds = Contains(condition, facts.channel);
    } else if (key == "mailbox") {
      holds = facts.mailbox && EmailKey(*facts.mailbox) == EmailKey(condition.as_string());
    } else if (IsCustomerCondition(key)) {
      holds = CustomerConditionHolds(key, condition, customer);
    } else if (key == "keywords") {
      for (const auto& keyword : condition.as_array()) {
        RAPPORT_ASSIGN_OR_RETURN(std::string folded, Fold(tx, keyword.as_string()));
        holds = holds || folded_text.find(folded) != std::string::npos;
      }
    }
    if (!holds) return false;
  }
  return true;
}

}  // namespace

Result<json::object> NormaliseRoutingRule(Tx& tx, const json::object& spec) {
  std::vector<FieldError> errors;
  json::object out{{"position", 0},
                   {"conditions", json::object()},
                   {"priority", nullptr},
                   {"tags", json::array()}};
  for (const auto& [key, value] : spec) {
    const std::string field(key);
    if (key == "position") {
      if (!value.is_int64() || value.as_int64() < 0 || value.as_int64() > kMaxPosition) {
        errors.push_back({field, "must be a whole number from 0 to 1000000"});
      } else {
        out[key] = value;
      }
    } else if (key == "conditions") {
      ReadConditions(value, out["conditions"].as_object(), errors);
    } else if (key == "queue_id") {
      Rows queue;
      if (value.is_string()) {
        RAPPORT_ASSIGN_OR_RETURN(queue, tx.Query(kQueueExists, {std::string(value.as_string())}));
      }
      if (queue.empty()) errors.push_back({field, "no queue has this id"});
      out[key] = value;
    } else if (key == "priority") {
      if (!value.is_null() && (!value.is_string() || !OneOf(kPriorities, value.as_string()))) {
        errors.push_back({field, "must be one of " + Listed(kPriorities) + " or null"});
      } else {
        out[key] = value;
      }
    } else if (key == "tags") {
      ReadTags(value, out[key].as_array(), errors);
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (!spec.contains("queue_id")) errors.push_back({"queue_id", "is required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

Result<std::optional<RoutingMatch>> MatchRoutingRule(Tx& tx, const RoutingFacts& facts) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rules, tx.Query(kRules));
  if (rules.empty()) return std::optional<RoutingMatch>();
  RAPPORT_ASSIGN_OR_RETURN(CustomerFacts customer, LoadCustomerFacts(tx, facts.customer_id));
  RAPPORT_ASSIGN_OR_RETURN(std::string text, Fold(tx, facts.subject + "\n" + facts.body));
  for (const auto& rule : rules) {
    auto spec = ParseJsonObject(rule.Text(1));
    if (!spec.ok() || !spec->at("conditions").is_object()) continue;
    RAPPORT_ASSIGN_OR_RETURN(
        bool matches, Matches(tx, spec->at("conditions").as_object(), facts, customer, text));
    if (!matches) continue;
    RoutingMatch match{.rule_id = rule.Text(0),
                       .queue_id = std::string(spec->at("queue_id").as_string())};
    if (spec->at("priority").is_string()) {
      match.priority = std::string(spec->at("priority").as_string());
    }
    for (const auto& tag : spec->at("tags").as_array()) match.tags.emplace_back(tag.as_string());
    return std::optional<RoutingMatch>(std::move(match));
  }
  return std::optional<RoutingMatch>();
}

Status RouteNewTicket(Tx& tx, const RoutingFacts& facts, bool priority_given, Ticket& ticket) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<RoutingMatch> match, MatchRoutingRule(tx, facts));
  if (!match) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, match->queue_id));
  if (!queue) return OkStatus();
  ticket.queue_id = queue->id;
  if (!priority_given) ticket.priority = match->priority.value_or(queue->default_priority);
  for (auto& tag : match->tags) {
    if (ticket.tags.size() >= kMaxTags) break;
    ticket.tags.push_back(std::move(tag));
  }
  std::sort(ticket.tags.begin(), ticket.tags.end());
  ticket.tags.erase(std::unique(ticket.tags.begin(), ticket.tags.end()), ticket.tags.end());
  return OkStatus();
}

}  // namespace rapport::support
