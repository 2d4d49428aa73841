// Editing and deleting custom field definitions (declared in custom_fields.hpp; the rules are in
// docs/design/custom_fields.md).
#include <algorithm>

#include "common/card_numbers.hpp"
#include "common/time.hpp"
#include "customers/custom_fields.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::customers {
namespace {

constexpr std::string_view kUpdateDefinition =
    "UPDATE custom_field_definitions SET label = ?, options = ?, required = ?, sensitive = ?, "
    "version = version + 1 WHERE object_type = ? AND key = ?";
constexpr std::string_view kDeleteDefinition =
    "DELETE FROM custom_field_definitions WHERE object_type = ? AND key = ?";

// Per table, so each is a constant; the JSON path is a parameter ("$.<key>").
struct TableSql {
  std::string_view count_value;  // records holding one given value
  std::string_view holding;      // id and custom_fields of the records holding any value
  std::string_view remove;       // drops the value, new version
};
constexpr TableSql kCustomerSql{
    "SELECT COUNT(*) FROM customers WHERE json_extract(custom_fields, ?) = ?",
    "SELECT id, custom_fields FROM customers WHERE json_extract(custom_fields, ?) IS NOT NULL",
    "UPDATE customers SET custom_fields = json_remove(custom_fields, ?), version = version + 1, "
    "updated_at = ? WHERE id = ?"};
constexpr TableSql kCompanySql{
    "SELECT COUNT(*) FROM companies WHERE json_extract(custom_fields, ?) = ?",
    "SELECT id, custom_fields FROM companies WHERE json_extract(custom_fields, ?) IS NOT NULL",
    "UPDATE companies SET custom_fields = json_remove(custom_fields, ?), version = version + 1, "
    "updated_at = ? WHERE id = ?"};
constexpr TableSql kProductSql{
    "SELECT COUNT(*) FROM products WHERE json_extract(custom_fields, ?) = ?",
    "SELECT id, custom_fields FROM products WHERE json_extract(custom_fields, ?) IS NOT NULL",
    "UPDATE products SET custom_fields = json_remove(custom_fields, ?), version = version + 1, "
    "updated_at = ? WHERE id = ?"};

constexpr TableSql kTicketSql{
    "SELECT COUNT(*) FROM tickets WHERE json_extract(custom_fields, ?) = ?",
    "SELECT id, custom_fields FROM tickets WHERE json_extract(custom_fields, ?) IS NOT NULL",
    "UPDATE tickets SET custom_fields = json_remove(custom_fields, ?), version = version + 1, "
    "updated_at = ? WHERE id = ?"};

const TableSql& SqlFor(std::string_view object_type) {
  if (object_type == "company") return kCompanySql;
  if (object_type == "product") return kProductSql;
  if (object_type == "ticket") return kTicketSql;
  return kCustomerSql;
}

// The audit entry of a record that lost the deleted field's value. Each object type is named
// literally: the audit-redaction test reads AppendAudit's types from the source to check that
// every audited type has a redaction rule.
Status AuditValueRemoved(storage::Tx& tx, const storage::WriteContext& context,
                         std::string_view object_type, const std::string& id,
                         const json::object& before, const json::object& after) {
  if (object_type == "company") {
    return storage::AppendAudit(tx, context, "update", "company", id, before, after);
  }
  if (object_type == "product") {
    return storage::AppendAudit(tx, context, "update", "product", id, before, after);
  }
  if (object_type == "ticket") {
    return storage::AppendAudit(tx, context, "update", "ticket", id, before, after);
  }
  return storage::AppendAudit(tx, context, "update", "customer", id, before, after);
}

// Keys are snake_case (checked when defined), so the path needs no quoting.
std::string JsonPath(const std::string& key) { return "$." + key; }

std::string AuditId(const CustomFieldDefinition& definition) {
  return definition.object_type + "." + definition.key;
}

// The definition and its version check, inside the write.
Result<CustomFieldDefinition> LoadForChange(storage::Tx& tx, const std::string& object_type,
                                            const std::string& key,
                                            std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, object_type));
  const CustomFieldDefinition* found = FindCustomField(definitions, key);
  if (found == nullptr) return Error::NotFound("No custom field " + object_type + "." + key + ".");
  if (if_version && *if_version != found->version) {
    return Error::PreconditionFailed("The custom field was changed since you read it.");
  }
  return *found;
}

// Reads the patch over `definition`; problems go to `errors`.
void ApplyPatch(const json::object& patch, CustomFieldDefinition& definition,
                std::vector<FieldError>& errors) {
  const CustomFieldDefinition before = definition;
  const json::object current = CustomFieldToJson(before);
  for (const auto& [name, value] : patch) {
    if (name == "object_type" || name == "key" || name == "type") {
      // The same value is fine: a client may send back the definition it read.
      if (value != current.at(name)) errors.push_back({std::string(name), "cannot be changed"});
    } else if (name == "created_at" || name == "version") {
      continue;  // bookkeeping a client may send back; If-Match carries the version
    } else if (name == "label") {
      if (!value.is_string() || value.as_string().empty()) {
        errors.push_back({"label", "must be a non-empty string"});
      } else {
        definition.label = std::string(value.as_string());
      }
    } else if (name == "required" || name == "sensitive") {
      if (!value.is_bool()) {
        errors.push_back({std::string(name), "must be true or false"});
      } else {
        (name == "required" ? definition.required : definition.sensitive) = value.as_bool();
      }
    } else if (name != "options") {
      errors.push_back({std::string(name), "is not a known field"});
    }
  }
  if (const json::value* options = patch.if_contains("options")) {
    ReadCustomFieldOptions(options, definition, errors);
  }
  // Everyone reads the catalogue, so no role could hide a product field.
  if (definition.sensitive && definition.object_type == "product") {
    errors.push_back({"sensitive", "products are read by everyone; their fields cannot be"});
  }
}

// kConflict when records still hold an option the edit removes.
Status CheckRemovedOptions(storage::Tx& tx, const CustomFieldDefinition& before,
                           const CustomFieldDefinition& after) {
  std::string in_use;
  for (const auto& option : before.options) {
    if (std::find(after.options.begin(), after.options.end(), option) != after.options.end()) {
      continue;
    }
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(SqlFor(before.object_type).count_value,
                                                          {JsonPath(before.key), option}));
    if (const int64_t count = rows[0].Int(0); count > 0) {
      in_use += (in_use.empty() ? "" : ", ") + ("\"" + option + "\" (" + std::to_string(count) +
                                                (count == 1 ? " record)" : " records)"));
    }
  }
  if (in_use.empty()) return OkStatus();
  return Error::Conflict("Records still hold options this edit removes: " + in_use +
                             ". Change those records first, or delete the field.",
                         "options");
}

}  // namespace

Result<CustomFieldDefinition> UpdateCustomField(storage::Database& database,
                                                const storage::WriteContext& context,
                                                const std::string& object_type,
                                                const std::string& key, const json::object& patch,
                                                std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(patch));  // label and options are free text
  CustomFieldDefinition updated;
  RAPPORT_RETURN_IF_ERROR(database.Write([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(CustomFieldDefinition before,
                             LoadForChange(tx, object_type, key, if_version));
    updated = before;
    std::vector<FieldError> errors;
    ApplyPatch(patch, updated, errors);
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    RAPPORT_RETURN_IF_ERROR(CheckRemovedOptions(tx, before, updated));
    const json::object old_json = CustomFieldToJson(before);
    if (CustomFieldToJson(updated) == old_json) return OkStatus();  // nothing changed
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kUpdateDefinition,
        {updated.label, OptionsJson(updated), static_cast<int64_t>(updated.required ? 1 : 0),
         static_cast<int64_t>(updated.sensitive ? 1 : 0), object_type, key}));
    updated.version = before.version + 1;
    const json::object served = CustomFieldToJson(updated);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "custom_field",
                                                 AuditId(updated), old_json, served));
    return context.Written(tx, served);
  }));
  return updated;
}

Result<int64_t> DeleteCustomField(storage::Database& database, const storage::WriteContext& context,
                                  const std::string& object_type, const std::string& key,
                                  std::optional<int64_t> if_version) {
  int64_t changed = 0;
  RAPPORT_RETURN_IF_ERROR(database.Write([&](storage::Tx& tx) -> Status {
    changed = 0;
    RAPPORT_ASSIGN_OR_RETURN(CustomFieldDefinition definition,
                             LoadForChange(tx, object_type, key, if_version));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteDefinition, {object_type, key}));
    const TableSql& sql = SqlFor(object_type);
    const std::string path = JsonPath(key);
    const std::string now = NowInstant();
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows holding, tx.Query(sql.holding, {path}));
    for (const auto& row : holding) {
      const std::string id = row.Text(0);
      auto values = ParseJson(row.Text(1));
      if (!values.ok() || !values->is_object()) continue;  // damaged: `rapport check` reports it
      json::object after = values->as_object();
      after.erase(key);
      RAPPORT_RETURN_IF_ERROR(tx.Exec(sql.remove, {path, now, id}));
      RAPPORT_RETURN_IF_ERROR(AuditValueRemoved(
          tx, context, object_type, id, json::object{{"custom_fields", values->as_object()}},
          json::object{{"custom_fields", std::move(after)}}));
      ++changed;
    }
    const json::object served = CustomFieldToJson(definition);
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
        tx, context, "custom_field.deleted", "custom_field", AuditId(definition),
        json::object{{"object_type", object_type}, {"key", key}, {"records_changed", changed}}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "delete", "custom_field",
                                                 AuditId(definition), served, {}));
    return context.Written(tx, json::object{{"object_type", object_type}, {"key", key}});
  }));
  return changed;
}

}  // namespace rapport::customers
