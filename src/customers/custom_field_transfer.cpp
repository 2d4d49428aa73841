#include "customers/custom_field_transfer.hpp"

#include <cstdlib>
#include <optional>

#include "transfer/transforms.hpp"

namespace rapport::customers {
namespace {

// A cell holding only a decimal number (optional sign, digits, optional fraction and exponent).
std::optional<double> ParseDecimalNumber(std::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

}  // namespace

Result<std::vector<std::string>> CustomFieldKeys(storage::Database& database,
                                                 const std::string& object_type) {
  std::vector<std::string> keys;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, object_type));
    for (const auto& definition : definitions) keys.push_back(definition.key);
    return OkStatus();
  }));
  return keys;
}

Result<std::vector<std::string>> MissingCustomFields(storage::Database& database,
                                                     const std::string& object_type,
                                                     const std::vector<std::string>& keys) {
  std::vector<std::string> missing;
  if (keys.empty()) return missing;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, object_type));
    for (const auto& key : keys) {
      if (FindCustomField(definitions, key) == nullptr) missing.push_back(key);
    }
    return OkStatus();
  }));
  return missing;
}

Status DefineImportedCustomFields(storage::Database& database, const storage::WriteContext& context,
                                  const std::string& object_type,
                                  const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    RAPPORT_RETURN_IF_ERROR(DefineCustomField(
        database, context,
        json::object{
            {"object_type", object_type}, {"key", key}, {"label", key}, {"type", "text"}}));
  }
  return OkStatus();
}

void CoerceCustomFields(json::object& input, const std::vector<CustomFieldDefinition>& definitions,
                        const std::set<std::string>& undefined_keys) {
  json::value* custom = input.if_contains("custom_fields");
  if (custom == nullptr || !custom->is_object()) return;
  for (const std::string& key : undefined_keys) custom->as_object().erase(key);
  for (auto& [key, value] : custom->as_object()) {
    const auto* definition = FindCustomField(definitions, key);
    if (definition == nullptr || !value.is_string()) continue;
    const std::string text(value.as_string());
    if (definition->type == CustomFieldType::kNumber) {
      // Only a plain decimal becomes a number ("12", "-3.5", "1e3"): strtod would also read
      // "inf", "nan" and hex floats, and overflow 1e400 to infinity. What is read is checked
      // against the field's range like any API value, so 1e400 is refused naming the field.
      if (auto number = ParseDecimalNumber(text)) value = *number;
    } else if (definition->type == CustomFieldType::kBoolean) {
      auto flag = transfer::ApplyTransform({transfer::TransformKind::kBool, {}}, text);
      if (flag.ok()) value = *flag == "true";
    }
  }
  if (custom->as_object().empty()) input.erase("custom_fields");
}

Result<std::vector<std::string>> CustomFieldAdapter::MissingCustomFields(
    storage::Database& database, const std::vector<std::string>& keys) const {
  return customers::MissingCustomFields(database, object_type_, keys);
}

Status CustomFieldAdapter::DefineCustomFields(storage::Database& database,
                                              const storage::WriteContext& context,
                                              const std::vector<std::string>& keys) const {
  return DefineImportedCustomFields(database, context, object_type_, keys);
}

CustomFieldTarget::CustomFieldTarget(transfer::ImportSettings settings,
                                     const transfer::Mapping& mapping, std::string object_type)
    : settings_(std::move(settings)),
      pending_(mapping.new_custom_fields.begin(), mapping.new_custom_fields.end()),
      object_type_(std::move(object_type)) {}

Status CustomFieldTarget::BeginBatch(storage::Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(definitions_, LoadCustomFields(tx, object_type_));
  return OkStatus();
}

void CustomFieldTarget::Coerce(json::object& input) const {
  CoerceCustomFields(input, definitions_, settings_.dry_run ? pending_ : std::set<std::string>{});
}

}  // namespace rapport::customers
