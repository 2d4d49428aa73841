#include "transfer/import_patch.hpp"

#include <optional>
#include <set>

#include "common/text.hpp"

namespace rapport::transfer {
namespace {

ExistingRule RuleFor(const RowRecord& record, const std::string& key) {
  auto found = record.existing.find(key);
  return found == record.existing.end() ? ExistingRule::kOverwrite : found->second;
}

// A list that keeps what the record has and adds what the row brings that it lacks: an import
// never drops a customer's second e-mail address because the file knows only one. `key` null:
// a list of strings (tags), compared without case.
std::optional<json::array> MergeList(const json::value* existing, const json::array& incoming,
                                     const char* key, std::initializer_list<const char*> keep,
                                     const ContactIdentity& identity) {
  json::array merged;
  std::set<std::string> seen;
  if (existing && existing->is_array()) {
    for (const auto& item : existing->as_array()) {
      if (key == nullptr) {
        merged.push_back(item);
        if (item.is_string()) seen.insert(ToLowerAscii(item.as_string()));
        continue;
      }
      json::object copy;
      for (const char* field : keep) {
        if (const json::value* v = item.as_object().if_contains(field); v && !v->is_null()) {
          copy[field] = *v;
        }
      }
      seen.insert(identity(item, key));
      merged.push_back(std::move(copy));
    }
  }
  const size_t before = merged.size();
  for (const auto& item : incoming) {
    const std::string id = key == nullptr ? (item.is_string() ? ToLowerAscii(item.as_string()) : "")
                                          : identity(item, key);
    if (seen.insert(id).second) merged.push_back(item);
  }
  if (merged.size() == before) return std::nullopt;
  return merged;
}

json::object CustomFieldPatch(const json::value* current, const json::object& incoming,
                              const RowRecord& record) {
  json::object fields;
  for (const auto& [field, field_value] : incoming) {
    const ExistingRule rule = RuleFor(record, "custom_fields." + std::string(field));
    const json::value* old =
        current && current->is_object() ? current->as_object().if_contains(field) : nullptr;
    if (rule == ExistingRule::kKeep || (rule == ExistingRule::kFillEmpty && !IsEmptyValue(old)))
      continue;
    fields[field] = field_value;
  }
  return fields;
}

}  // namespace

bool IsEmptyValue(const json::value* value) {
  if (value == nullptr || value->is_null()) return true;
  if (value->is_string()) return value->as_string().empty();
  if (value->is_array()) return value->as_array().empty();
  if (value->is_object()) return value->as_object().empty();
  return false;
}

json::object PatchFor(const json::object& existing, const RowRecord& record,
                      const ContactIdentity& identity) {
  json::object patch;
  for (const auto& [key_view, value] : record.input) {
    const std::string key(key_view);
    const json::value* current = existing.if_contains(key);
    if (key == "custom_fields" && value.is_object()) {
      json::object fields = CustomFieldPatch(current, value.as_object(), record);
      if (!fields.empty()) patch["custom_fields"] = std::move(fields);
      continue;
    }
    const ExistingRule rule = RuleFor(record, key);
    if (rule == ExistingRule::kKeep) continue;
    if (rule == ExistingRule::kFillEmpty && !IsEmptyValue(current)) continue;
    if (key == "emails" || key == "phones" || key == "tags") {
      if (!value.is_array()) continue;
      std::optional<json::array> merged =
          key == "emails"   ? MergeList(current, value.as_array(), "address",
                                        {"address", "label", "primary"}, identity)
          : key == "phones" ? MergeList(current, value.as_array(), "number",
                                        {"number", "label", "primary"}, identity)
                            : MergeList(current, value.as_array(), nullptr, {}, identity);
      if (merged) patch[key] = std::move(*merged);
      continue;
    }
    if (key == "addresses" && current && current->is_array() && !current->as_array().empty() &&
        value.is_array() && !value.as_array().empty()) {
      // The row's address fields update the record's first address; the others stay.
      json::array addresses = current->as_array();
      for (const auto& [field, field_value] : value.as_array()[0].as_object()) {
        addresses[0].as_object()[field] = field_value;
      }
      patch[key] = std::move(addresses);
      continue;
    }
    patch[key] = value;
  }
  return patch;
}

RowOutcome OutcomeOf(const json::object& before_or_empty, const json::object& after, bool created,
                     std::string_view item_type) {
  RowOutcome outcome;
  outcome.id = std::string(after.at("id").as_string());
  if (created) {
    outcome.action = RowOutcome::Action::kCreated;
    outcome.created.push_back({std::string(item_type), outcome.id});
  } else {
    const json::value* old_version = before_or_empty.if_contains("version");
    const bool changed = old_version == nullptr || *old_version != after.at("version");
    outcome.action = changed ? RowOutcome::Action::kUpdated : RowOutcome::Action::kUnchanged;
  }
  return outcome;
}

Error NoMatch(const std::string& what, const std::string& field) {
  return Error::Invalid(field, "no " + what + " matches it (mode update creates nothing)");
}

Error MatchError(const std::string& allowed, std::string_view object) {
  return Error::Invalid("match", "must be " + allowed + " for " + std::string(object));
}

}  // namespace rapport::transfer
