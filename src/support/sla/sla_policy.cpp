#include "support/sla/sla_policy.hpp"

#include <algorithm>

#include "support/sla/json_fields.hpp"

namespace rapport::support::sla {
namespace {

std::optional<Target> ReadTarget(const json::value& value, const std::string& prefix,
                                 std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({prefix, "must be an object"});
    return std::nullopt;
  }
  const json::object& object = value.as_object();
  RejectUnknownKeys(object, {"minutes", "hours"}, prefix, errors);
  Target target;
  const auto minutes =
      ReadInteger(object, "minutes", prefix, 1, kMaxTargetDuration.count(), true, errors);
  if (const auto hours = ReadString(object, "hours", prefix, false, errors)) {
    if (*hours == "calendar") {
      target.hours = HoursKind::kCalendar;
    } else if (*hours != "business") {
      errors.push_back({FieldPath(prefix, "hours"), "must be business or calendar"});
    }
  }
  if (!minutes) return std::nullopt;
  target.duration = std::chrono::minutes(*minutes);
  return target;
}

PriorityTargets ReadTargets(const json::value* value, const std::string& prefix,
                            std::vector<FieldError>& errors) {
  PriorityTargets targets;
  if (value == nullptr || value->is_null()) return targets;
  if (!value->is_object()) {
    errors.push_back({prefix, "must be an object of priorities"});
    return targets;
  }
  const json::object& object = value->as_object();
  RejectUnknownKeys(object,
                    {kPriorityNames[0], kPriorityNames[1], kPriorityNames[2], kPriorityNames[3]},
                    prefix, errors);
  for (size_t p = 0; p < kPriorityNames.size(); ++p) {
    const json::value* set = object.if_contains(kPriorityNames[p]);
    if (set == nullptr) continue;
    const std::string set_prefix = FieldPath(prefix, kPriorityNames[p]);
    if (!set->is_object()) {
      errors.push_back({set_prefix, "must be an object of targets"});
      continue;
    }
    RejectUnknownKeys(set->as_object(),
                      {kTargetKindNames[0], kTargetKindNames[1], kTargetKindNames[2]}, set_prefix,
                      errors);
    TargetSet kinds;
    for (size_t k = 0; k < kTargetKindNames.size(); ++k) {
      if (const json::value* target = set->as_object().if_contains(kTargetKindNames[k])) {
        kinds[k] = ReadTarget(*target, FieldPath(set_prefix, kTargetKindNames[k]), errors);
      }
    }
    targets[p] = kinds;
  }
  return targets;
}

std::vector<TagRule> ReadTagRules(const json::value* value, std::vector<FieldError>& errors) {
  std::vector<TagRule> rules;
  if (value == nullptr || value->is_null()) return rules;
  if (!value->is_array() || value->as_array().size() > kMaxTagRules) {
    errors.push_back(
        {"tag_rules", "must be an array of at most " + std::to_string(kMaxTagRules) + " rules"});
    return rules;
  }
  for (size_t i = 0; i < value->as_array().size(); ++i) {
    const std::string prefix = "tag_rules[" + std::to_string(i) + "]";
    const json::value& item = value->as_array()[i];
    if (!item.is_object()) {
      errors.push_back({prefix, "must be an object"});
      continue;
    }
    RejectUnknownKeys(item.as_object(), {"tag", "targets"}, prefix, errors);
    TagRule rule;
    rule.tag = ReadString(item.as_object(), "tag", prefix, true, errors).value_or("");
    if (rule.tag.size() > kMaxTagLength) {
      errors.push_back(
          {FieldPath(prefix, "tag"), "at most " + std::to_string(kMaxTagLength) + " characters"});
    }
    rule.targets =
        ReadTargets(item.as_object().if_contains("targets"), FieldPath(prefix, "targets"), errors);
    rules.push_back(std::move(rule));
  }
  return rules;
}

json::object TargetsToJson(const PriorityTargets& targets) {
  json::object out;
  for (size_t p = 0; p < kPriorityNames.size(); ++p) {
    if (!targets[p]) continue;
    json::object kinds;
    for (size_t k = 0; k < kTargetKindNames.size(); ++k) {
      const auto& target = (*targets[p])[k];
      if (!target) continue;
      kinds[kTargetKindNames[k]] =
          json::object{{"minutes", target->duration.count()},
                       {"hours", target->hours == HoursKind::kCalendar ? "calendar" : "business"}};
    }
    out[kPriorityNames[p]] = std::move(kinds);
  }
  return out;
}

}  // namespace

std::optional<Priority> ParsePriority(std::string_view name) {
  auto it = std::find(kPriorityNames.begin(), kPriorityNames.end(), name);
  if (it == kPriorityNames.end()) return std::nullopt;
  return static_cast<Priority>(it - kPriorityNames.begin());
}

TargetSet TargetsFor(const SlaPolicy& policy, Priority priority,
                     std::span<const std::string> tags) {
  const auto index = static_cast<size_t>(priority);
  TargetSet set = policy.targets[index].value_or(TargetSet{});
  // Per kind, the first matching rule that sets it wins: walk the rules backwards so earlier
  // ones overwrite later ones.
  for (auto rule = policy.tag_rules.rbegin(); rule != policy.tag_rules.rend(); ++rule) {
    if (!rule->targets[index] || std::find(tags.begin(), tags.end(), rule->tag) == tags.end()) {
      continue;
    }
    for (size_t kind = 0; kind < set.size(); ++kind) {
      if ((*rule->targets[index])[kind]) set[kind] = (*rule->targets[index])[kind];
    }
  }
  return set;
}

Result<SlaPolicy> PolicyFromJson(const json::value& value) {
  if (!value.is_object()) return Error::Invalid("", "a policy must be a JSON object");
  const json::object& document = value.as_object();
  std::vector<FieldError> errors;
  RejectUnknownKeys(document, {"warning_minutes", "pause_on_hold", "targets", "tag_rules"}, "",
                    errors);
  SlaPolicy policy;
  if (const auto lead = ReadInteger(document, "warning_minutes", "", 0, kMaxTargetDuration.count(),
                                    false, errors)) {
    policy.warning_lead = std::chrono::minutes(*lead);
  }
  if (const json::value* pause = document.if_contains("pause_on_hold")) {
    if (pause->is_bool()) {
      policy.pause_on_hold = pause->as_bool();
    } else {
      errors.push_back({"pause_on_hold", "must be true or false"});
    }
  }
  policy.targets = ReadTargets(document.if_contains("targets"), "targets", errors);
  policy.tag_rules = ReadTagRules(document.if_contains("tag_rules"), errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return policy;
}

json::object PolicyToJson(const SlaPolicy& policy) {
  json::array rules;
  for (const TagRule& rule : policy.tag_rules) {
    rules.push_back(json::object{{"tag", rule.tag}, {"targets", TargetsToJson(rule.targets)}});
  }
  return json::object{{"warning_minutes", policy.warning_lead.count()},
                      {"pause_on_hold", policy.pause_on_hold},
                      {"targets", TargetsToJson(policy.targets)},
                      {"tag_rules", std::move(rules)}};
}

}  // namespace rapport::support::sla
