#include "transfer/column_mapping.hpp"

#include <algorithm>
#include <array>

#include "common/text.hpp"

namespace rapport::transfer {
namespace {

bool HasCustomFields(const ObjectAdapter& adapter) {
  return !adapter.custom_field_object().empty();
}

bool IsKnownField(const ObjectAdapter& adapter, std::string_view field) {
  if (HasCustomFields(adapter) && field.rfind("custom.", 0) == 0 && field.size() > 7) return true;
  return FindField(adapter.catalogue(), field) != nullptr;
}

std::string KnownFieldList(const ObjectAdapter& adapter) {
  std::string list = FieldList(adapter.catalogue());
  if (HasCustomFields(adapter)) list += ", custom.<key>";
  return list;
}

// Fields a file may feed from several columns (a primary and a work address).
bool IsRepeatable(const CatalogueField* field) {
  return field && (field->type == FieldType::kEmail || field->type == FieldType::kPhone ||
                   field->type == FieldType::kMobile);
}

// E-mail addresses compare lower-case; an automatic mapping does what a person would.
bool IsEmailField(const CatalogueField* field) {
  return field && (field->type == FieldType::kEmail || field->type == FieldType::kEmailList ||
                   field->field == "customer.email");
}

Result<ExistingRule> ParseExistingRule(const json::value& value, const std::string& field) {
  if (value.is_string()) {
    if (value.as_string() == "overwrite") return ExistingRule::kOverwrite;
    if (value.as_string() == "fill") return ExistingRule::kFillEmpty;
    if (value.as_string() == "keep") return ExistingRule::kKeep;
  }
  return Error::Invalid(field, "must be overwrite, fill or keep");
}

}  // namespace

std::optional<std::string> FieldForHeader(const ObjectAdapter& adapter, std::string_view header) {
  // "custom.<key>" is how exports name custom fields: they come back where they came from.
  if (header.rfind("custom.", 0) == 0 && IsKnownField(adapter, header)) return std::string(header);
  const CatalogueField* field =
      FieldForNormalisedHeader(adapter.catalogue(), NormaliseHeader(header));
  if (field == nullptr) return std::nullopt;
  return std::string(field->field);
}

Result<Mapping> BuildMapping(const ObjectAdapter& adapter, const std::vector<std::string>& header,
                             const json::value& spec) {
  Mapping mapping;
  mapping.adapter = &adapter;
  mapping.header = header;
  std::vector<FieldError> errors;
  const json::object empty;
  if (!spec.is_null() && !spec.is_object()) return Error::Invalid("mapping", "must be an object");
  const json::object& document = spec.is_object() ? spec.as_object() : empty;
  for (const auto& [key, unused] : document) {
    static constexpr std::array<std::string_view, 7> kKeys = {
        "columns", "constants", "templates", "unmapped", "existing", "create_missing_customers",
        "auto"};
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      errors.push_back({"mapping." + std::string(key), "is not a known mapping key"});
    }
  }
  ExistingRule default_rule = ExistingRule::kOverwrite;
  if (const json::value* v = document.if_contains("existing")) {
    auto rule = ParseExistingRule(*v, "mapping.existing");
    if (rule.ok())
      default_rule = *rule;
    else
      errors.push_back(rule.error().field_errors.at(0));
  }
  bool automatic = true;
  if (const json::value* v = document.if_contains("auto")) {
    if (!v->is_bool())
      errors.push_back({"mapping.auto", "must be true or false"});
    else
      automatic = v->as_bool();
  }
  std::string unmapped = "ignore";
  if (const json::value* v = document.if_contains("unmapped")) {
    if (!v->is_string() || (v->as_string() != "ignore" && v->as_string() != "custom_fields" &&
                            v->as_string() != "error")) {
      errors.push_back({"mapping.unmapped", "must be ignore, custom_fields or error"});
    } else {
      unmapped = std::string(v->as_string());
    }
    if (unmapped == "custom_fields" && !HasCustomFields(adapter)) {
      errors.push_back(
          {"mapping.unmapped", "custom fields exist for customers, companies and products"});
    }
  }
  if (const json::value* v = document.if_contains("create_missing_customers")) {
    if (!v->is_bool() || !LinksCustomers(adapter.catalogue())) {
      errors.push_back({"mapping.create_missing_customers",
                        "is true or false, for records that belong to a customer"});
    } else {
      mapping.create_missing_customers = v->as_bool();
    }
  }

  std::vector<bool> explicitly(header.size(), false);
  if (const json::value* v = document.if_contains("columns")) {
    if (!v->is_object()) errors.push_back({"mapping.columns", "must be an object"});
    for (const auto& [name, rule_value] : v->is_object() ? v->as_object() : empty) {
      const std::string path = "mapping.columns." + std::string(name);
      auto found = std::find(header.begin(), header.end(), std::string(name));
      if (found == header.end()) {
        errors.push_back({path, "is not a column of this file"});
        continue;
      }
      const size_t index = static_cast<size_t>(found - header.begin());
      explicitly[index] = true;
      if (rule_value.is_null()) {
        mapping.ignored.push_back(std::string(name));
        continue;
      }
      ColumnRule rule{.column = index, .header = std::string(name), .existing = default_rule};
      const json::object* options = rule_value.is_object() ? &rule_value.as_object() : nullptr;
      const json::value* field = options ? options->if_contains("field") : &rule_value;
      if (field == nullptr || !field->is_string()) {
        errors.push_back({path, "must be a field name, null, or {field, transforms, existing}"});
        continue;
      }
      rule.field = std::string(field->as_string());
      if (!IsKnownField(adapter, rule.field)) {
        errors.push_back({path, "\"" + rule.field + "\" is not a field of " +
                                    std::string(adapter.name()) + " (" + KnownFieldList(adapter) +
                                    ")"});
        continue;
      }
      if (options) {
        for (const auto& [key, option] : *options) {
          if (key == "field") continue;
          if (key == "existing") {
            auto parsed = ParseExistingRule(option, path + ".existing");
            if (parsed.ok())
              rule.existing = *parsed;
            else
              errors.push_back(parsed.error().field_errors.at(0));
          } else if (key == "transforms" || key == "transform") {
            json::array specs;
            if (option.is_string())
              specs.push_back(option);
            else if (option.is_array())
              specs = option.as_array();
            for (const auto& item : specs) {
              if (!item.is_string()) {
                errors.push_back({path + ".transforms", "must be names such as \"lower\""});
                continue;
              }
              auto transform = ParseTransform(item.as_string(), path + ".transforms");
              if (transform.ok())
                rule.transforms.push_back(*transform);
              else
                errors.push_back(transform.error().field_errors.at(0));
            }
          } else {
            errors.push_back({path + "." + std::string(key), "is not a known column option"});
          }
        }
      }
      // A custom field named in the mapping that does not exist yet is defined by the import,
      // as for unmapped columns (the importer checks which exist).
      if (rule.field.rfind("custom.", 0) == 0)
        mapping.new_custom_fields.push_back(rule.field.substr(7));
      mapping.columns.push_back(std::move(rule));
    }
  }
  for (const char* kind : {"constants", "templates"}) {
    const json::value* v = document.if_contains(kind);
    if (v == nullptr) continue;
    if (!v->is_object()) {
      errors.push_back({std::string("mapping.") + kind, "must be an object of field: value"});
      continue;
    }
    for (const auto& [field, value] : v->as_object()) {
      const std::string path = std::string("mapping.") + kind + "." + std::string(field);
      if (!IsKnownField(adapter, field)) {
        errors.push_back({path, "is not a field of " + std::string(adapter.name())});
      } else if (!value.is_string()) {
        errors.push_back({path, "must be a string"});
      } else {
        (std::string_view(kind) == "constants" ? mapping.constants : mapping.templates)
            .push_back({std::string(field), std::string(value.as_string())});
      }
    }
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (explicitly[i]) continue;
    std::optional<std::string> field =
        automatic ? FieldForHeader(adapter, header[i]) : std::nullopt;
    // A field fed by an explicit column is not fed again by a look-alike header.
    const CatalogueField* entry = field ? FindField(adapter.catalogue(), *field) : nullptr;
    if (field && !IsRepeatable(entry) &&
        std::any_of(mapping.columns.begin(), mapping.columns.end(),
                    [&](const ColumnRule& r) { return r.field == *field; })) {
      field.reset();
    }
    if (field) {
      ColumnRule rule{.column = i, .header = header[i], .field = *field, .existing = default_rule};
      if (field->rfind("custom.", 0) == 0) mapping.new_custom_fields.push_back(field->substr(7));
      if (IsEmailField(entry)) {
        rule.transforms.push_back({TransformKind::kLower, {}});
      }
      mapping.columns.push_back(std::move(rule));
    } else if (unmapped == "custom_fields") {
      const std::string key = NormaliseHeader(header[i]);
      if (key.empty()) {
        mapping.ignored.push_back(header[i]);
        continue;
      }
      mapping.columns.push_back(
          {.column = i, .header = header[i], .field = "custom." + key, .existing = default_rule});
      mapping.new_custom_fields.push_back(key);
    } else if (unmapped == "error") {
      errors.push_back({"mapping.columns." + header[i],
                        "is not mapped (map it, set it to null, or change \"unmapped\")"});
    } else {
      mapping.ignored.push_back(header[i]);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return mapping;
}

}  // namespace rapport::transfer
