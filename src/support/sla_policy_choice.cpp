#include "support/sla_policy_choice.hpp"

#include "support/customer_conditions.hpp"

namespace rapport::support {
namespace {

using storage::Rows;

constexpr int64_t kMaxPosition = 1'000'000;

// Small table, read whole: the conditional policies in the order they are tried.
constexpr std::string_view kConditionalPolicies =
    "SELECT id, spec FROM sla_policies WHERE json_extract(spec, '$.applies_to') IS NOT NULL "
    "ORDER BY json_extract(spec, '$.position'), name_key";

constexpr std::string_view kAnyConditional =
    "SELECT 1 FROM sla_policies WHERE json_extract(spec, '$.applies_to') IS NOT NULL LIMIT 1";

// The desk's keys of a stored spec, which sla::PolicyFromJson does not know.
constexpr std::string_view kAppliesTo = "applies_to";
constexpr std::string_view kPosition = "position";

json::object WithoutDeskKeys(json::object spec) {
  spec.erase(kAppliesTo);
  spec.erase(kPosition);
  return spec;
}

void ReadAppliesTo(const json::value& value, json::object& out, std::vector<FieldError>& errors) {
  const std::string prefix = std::string(kAppliesTo) + ".";
  if (!value.is_object() || value.as_object().empty()) {
    errors.push_back({std::string(kAppliesTo), "must be an object with at least one condition"});
    return;
  }
  json::object conditions;
  for (const auto& [key, condition] : value.as_object()) {
    if (!IsCustomerCondition(key)) {
      errors.push_back({prefix + std::string(key), "is not a known condition"});
      continue;
    }
    ReadCustomerCondition(key, condition, prefix + std::string(key), conditions, errors);
  }
  CheckValueRange(conditions, prefix, errors);
  out[kAppliesTo] = std::move(conditions);
}

}  // namespace

Result<json::object> NormaliseDeskPolicy(const json::object& spec) {
  std::vector<FieldError> errors;
  json::object desk;
  if (const json::value* applies_to = spec.if_contains(kAppliesTo)) {
    ReadAppliesTo(*applies_to, desk, errors);
  }
  if (const json::value* position = spec.if_contains(kPosition)) {
    if (!position->is_int64() || position->as_int64() < 0 || position->as_int64() > kMaxPosition) {
      errors.push_back({std::string(kPosition), "must be a whole number from 0 to 1000000"});
    } else {
      desk[kPosition] = *position;
    }
  }
  auto policy = sla::PolicyFromJson(WithoutDeskKeys(spec));
  if (!policy.ok()) {
    if (policy.error().field_errors.empty()) return std::move(policy).error();
    for (const auto& error : policy.error().field_errors) errors.push_back(error);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  json::object out = sla::PolicyToJson(*policy);
  if (desk.contains(kAppliesTo)) out[kPosition] = 0;  // tried in a known place
  for (const auto& [key, value] : desk) out[key] = value;
  return out;
}

Result<sla::SlaPolicy> DeskPolicyFromJson(const json::value& spec) {
  if (!spec.is_object()) return sla::PolicyFromJson(spec);
  return sla::PolicyFromJson(WithoutDeskKeys(spec.as_object()));
}

bool IsConditionalPolicy(const json::object& spec) { return spec.contains(kAppliesTo); }

Result<bool> AnyConditionalPolicy(storage::Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kAnyConditional));
  return !rows.empty();
}

Result<std::optional<std::string>> ChooseCustomerPolicy(storage::Tx& tx,
                                                        const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows policies, tx.Query(kConditionalPolicies));
  if (policies.empty()) return std::optional<std::string>();
  RAPPORT_ASSIGN_OR_RETURN(CustomerFacts facts, LoadCustomerFacts(tx, customer_id));
  for (const auto& row : policies) {
    auto spec = ParseJsonObject(row.Text(1));
    if (!spec.ok() || !spec->at(kAppliesTo).is_object()) continue;
    bool holds = true;
    for (const auto& [key, condition] : spec->at(kAppliesTo).as_object()) {
      holds = holds && CustomerConditionHolds(key, condition, facts);
    }
    if (holds) return std::optional<std::string>(row.Text(0));
  }
  return std::optional<std::string>();
}

}  // namespace rapport::support
