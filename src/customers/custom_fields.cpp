#include "customers/custom_fields.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "common/card_numbers.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"

namespace rapport::customers {
namespace {

constexpr std::string_view kSelectDefinitions =
    "SELECT object_type, key, label, type, options, required, created_at, sensitive, version "
    "FROM custom_field_definitions WHERE object_type = ? ORDER BY key";
constexpr std::string_view kSelectAllDefinitions =
    "SELECT object_type, key, label, type, options, required, created_at, sensitive, version "
    "FROM custom_field_definitions ORDER BY object_type, key";
constexpr std::string_view kInsertDefinition =
    "INSERT INTO custom_field_definitions (object_type, key, label, type, options, required, "
    "created_at, sensitive) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

constexpr size_t kMaxKeyLength = 64;
constexpr size_t kMaxOptions = 500;
constexpr size_t kMaxTextValueLength = 10000;
// Number fields hold at most 15 significant digits' worth of magnitude: every whole number up to
// 10^15 is exact in a double (SQLite's json_extract and the filters compare doubles), and
// nothing a CRM counts comes near it. Larger values, and non-finite ones, are refused.
constexpr double kMaxNumberMagnitude = 1e15;

constexpr std::array<std::pair<std::string_view, CustomFieldType>, 5> kTypeNames{{
    {"text", CustomFieldType::kText},
    {"number", CustomFieldType::kNumber},
    {"date", CustomFieldType::kDate},
    {"boolean", CustomFieldType::kBoolean},
    {"select", CustomFieldType::kSelect},
}};

std::string_view TypeName(CustomFieldType type) {
  for (const auto& [name, value] : kTypeNames) {
    if (value == type) return name;
  }
  return "text";
}

std::optional<CustomFieldType> ParseType(std::string_view name) {
  for (const auto& [type_name, value] : kTypeNames) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

bool IsValidKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength || !(key[0] >= 'a' && key[0] <= 'z')) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

CustomFieldDefinition FromRow(const storage::Row& row) {
  CustomFieldDefinition definition{.object_type = row.Text(0),
                                   .key = row.Text(1),
                                   .label = row.Text(2),
                                   .type = ParseType(row.Text(3)).value_or(CustomFieldType::kText),
                                   .options = {},
                                   .required = row.Int(5) != 0,
                                   .sensitive = row.Int(7) != 0,
                                   .created_at = row.Text(6),
                                   .version = row.Int(8)};
  auto options = ParseJson(row.Text(4));
  if (options.ok() && options->is_array()) {
    for (const auto& option : options->as_array()) {
      if (option.is_string()) definition.options.emplace_back(option.as_string());
    }
  }
  return definition;
}

// Why the value does not fit the definition; empty when it fits.
std::string CheckValue(const CustomFieldDefinition& definition, const json::value& value) {
  switch (definition.type) {
    case CustomFieldType::kText:
      if (!value.is_string()) return "must be a string";
      return CleanText(value.as_string(), kMaxTextValueLength, TextKind::kMultiLine).problem;
    case CustomFieldType::kNumber: {
      if (!value.is_number()) return "must be a number";
      const double number = value.to_number<double>();
      if (!std::isfinite(number) || std::fabs(number) > kMaxNumberMagnitude) {
        return "must be a finite number between -1e15 and 1e15";
      }
      return {};
    }
    case CustomFieldType::kDate:
      return value.is_string() && IsValidDate(value.as_string()) ? std::string()
                                                                 : "must be a date (YYYY-MM-DD)";
    case CustomFieldType::kBoolean:
      return value.is_bool() ? std::string() : "must be true or false";
    case CustomFieldType::kSelect: {
      if (!value.is_string()) return "must be one of the field's options";
      const std::string_view chosen = value.as_string();
      const bool known = std::find(definition.options.begin(), definition.options.end(), chosen) !=
                         definition.options.end();
      return known ? std::string() : "must be one of the field's options";
    }
  }
  return {};
}

}  // namespace

bool IsCustomFieldObjectType(std::string_view object_type) {
  return object_type == "customer" || object_type == "company" || object_type == "product" ||
         object_type == "ticket";
}

json::object CustomFieldToJson(const CustomFieldDefinition& definition) {
  json::array options;
  for (const auto& option : definition.options) options.emplace_back(option);
  return json::object{{"object_type", definition.object_type},
                      {"key", definition.key},
                      {"label", definition.label},
                      {"type", TypeName(definition.type)},
                      {"options", std::move(options)},
                      {"required", definition.required},
                      {"sensitive", definition.sensitive},
                      {"created_at", definition.created_at},
                      {"version", definition.version}};
}

Result<std::vector<CustomFieldDefinition>> LoadCustomFields(storage::Tx& tx,
                                                            const std::string& object_type) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kSelectDefinitions, {object_type}));
  std::vector<CustomFieldDefinition> definitions;
  definitions.reserve(rows.size());
  for (const auto& row : rows) definitions.push_back(FromRow(row));
  return definitions;
}

std::vector<CustomFieldDefinition> AsSeenBy(const access::Access& access, access::Object object,
                                            std::vector<CustomFieldDefinition> definitions) {
  for (auto& definition : definitions) {
    if (access.IsHidden(object, "custom_fields." + definition.key)) definition.required = false;
  }
  return definitions;
}

const CustomFieldDefinition* FindCustomField(const std::vector<CustomFieldDefinition>& definitions,
                                             std::string_view key) {
  for (const auto& definition : definitions) {
    if (definition.key == key) return &definition;
  }
  return nullptr;
}

Result<CustomFieldDefinition> DefineCustomField(storage::Database& database,
                                                const storage::WriteContext& context,
                                                const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(input));  // label and options are free text
  std::vector<FieldError> errors;
  CustomFieldDefinition definition;
  for (const auto& [key, value] : input) {
    if (key != "object_type" && key != "key" && key != "label" && key != "type" &&
        key != "options" && key != "required" && key != "sensitive") {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  auto text = [&](std::string_view name, std::string& out) {
    const json::value* v = input.if_contains(name);
    if (v == nullptr || !v->is_string() || v->as_string().empty()) {
      errors.push_back({std::string(name), "is required and must be a non-empty string"});
      return;
    }
    out = std::string(v->as_string());
  };
  text("object_type", definition.object_type);
  text("key", definition.key);
  text("label", definition.label);
  std::string type_name;
  text("type", type_name);
  if (!definition.object_type.empty() && !IsCustomFieldObjectType(definition.object_type)) {
    errors.push_back({"object_type", "must be " + std::string(kCustomFieldObjectTypes)});
  }
  if (!definition.key.empty() && !IsValidKey(definition.key)) {
    errors.push_back({"key", "must be snake_case: a-z first, then a-z, 0-9 or _, at most 64"});
  }
  if (!type_name.empty()) {
    if (auto type = ParseType(type_name)) {
      definition.type = *type;
    } else {
      errors.push_back({"type", "must be one of text, number, date, boolean, select"});
    }
  }
  if (const json::value* required = input.if_contains("required")) {
    if (!required->is_bool()) {
      errors.push_back({"required", "must be true or false"});
    } else {
      definition.required = required->as_bool();
    }
  }
  if (const json::value* sensitive = input.if_contains("sensitive")) {
    if (!sensitive->is_bool()) {
      errors.push_back({"sensitive", "must be true or false"});
    } else {
      definition.sensitive = sensitive->as_bool();
    }
    // Everyone reads the catalogue, so no role could hide a product field.
    if (definition.sensitive && definition.object_type == "product") {
      errors.push_back({"sensitive", "products are read by everyone; their fields cannot be"});
    }
    // Ticket fields are not in the role model's field rules yet (docs/design/support.md).
    if (definition.sensitive && definition.object_type == "ticket") {
      errors.push_back({"sensitive", "ticket fields cannot be sensitive yet"});
    }
  }
  ReadCustomFieldOptions(input.if_contains("options"), definition, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  definition.created_at = NowInstant();
  Status status = database.Write([&](storage::Tx& tx) -> Status {
    auto inserted =
        tx.Exec(kInsertDefinition,
                {definition.object_type, definition.key, definition.label,
                 std::string(TypeName(definition.type)), OptionsJson(definition),
                 static_cast<int64_t>(definition.required ? 1 : 0), definition.created_at,
                 static_cast<int64_t>(definition.sensitive ? 1 : 0)});
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kConflict) {
        return Error::Conflict("a custom field with this key already exists", "key");
      }
      return std::move(inserted).error();
    }
    const json::object served = CustomFieldToJson(definition);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "custom_field",
                                                 definition.object_type + "." + definition.key, {},
                                                 served));
    return context.Written(tx, served);
  });
  if (!status.ok()) return std::move(status).error();
  return definition;
}

void ReadCustomFieldOptions(const json::value* options, CustomFieldDefinition& definition,
                            std::vector<FieldError>& errors) {
  if (definition.type != CustomFieldType::kSelect) {
    if (options != nullptr && !options->is_null()) {
      errors.push_back({"options", "only select fields have options"});
    }
    return;
  }
  if (options == nullptr || !options->is_array() || options->as_array().empty() ||
      options->as_array().size() > kMaxOptions) {
    errors.push_back({"options", "a select field needs 1 to 500 options"});
    return;
  }
  definition.options.clear();
  for (size_t i = 0; i < options->as_array().size(); ++i) {
    const auto& option = options->as_array()[i];
    if (!option.is_string() || option.as_string().empty()) {
      errors.push_back({"options[" + std::to_string(i) + "]", "must be a non-empty string"});
    } else if (std::find(definition.options.begin(), definition.options.end(),
                         option.as_string()) != definition.options.end()) {
      errors.push_back({"options[" + std::to_string(i) + "]", "is listed twice"});
    } else {
      definition.options.emplace_back(option.as_string());
    }
  }
}

std::string OptionsJson(const CustomFieldDefinition& definition) {
  json::array options;
  for (const auto& option : definition.options) options.emplace_back(option);
  return ToJsonString(options);
}

Result<std::vector<CustomFieldDefinition>> ListCustomFields(
    storage::Database& database, const std::optional<std::string>& object_type) {
  std::vector<CustomFieldDefinition> definitions;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    if (object_type) {
      RAPPORT_ASSIGN_OR_RETURN(definitions, LoadCustomFields(tx, *object_type));
      return OkStatus();
    }
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kSelectAllDefinitions));
    for (const auto& row : rows) definitions.push_back(FromRow(row));
    return OkStatus();
  }));
  return definitions;
}

void MergeCustomFieldValues(const json::value& patch,
                            const std::vector<CustomFieldDefinition>& definitions,
                            json::object& values, std::vector<FieldError>& errors) {
  if (!patch.is_object()) {
    errors.push_back({"custom_fields", "must be an object"});
    return;
  }
  for (const auto& [key, value] : patch.as_object()) {
    const std::string field = "custom_fields." + std::string(key);
    const CustomFieldDefinition* definition = FindCustomField(definitions, key);
    if (definition == nullptr) {
      errors.push_back({field, "is not a defined custom field"});
      continue;
    }
    if (value.is_null()) {
      if (definition->required) {
        errors.push_back({field, "is required and cannot be removed"});
      } else {
        values.erase(key);
      }
      continue;
    }
    std::string problem = CheckValue(*definition, value);
    if (!problem.empty()) {
      errors.push_back({field, std::move(problem)});
      continue;
    }
    values[key] = value;
  }
}

void CheckRequiredCustomFields(const std::vector<CustomFieldDefinition>& definitions,
                               const json::object& values, std::vector<FieldError>& errors) {
  for (const auto& definition : definitions) {
    if (definition.required && !values.contains(definition.key)) {
      errors.push_back({"custom_fields." + definition.key, "is required"});
    }
  }
}

}  // namespace rapport::customers
