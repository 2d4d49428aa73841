// Custom fields: typed, admin-defined attributes of customers and companies.
//
// Definitions live in custom_field_definitions; values live in each record's custom_fields JSON
// object, keyed by the definition's key. Every write validates its values against the definitions
// read in the same transaction, so a value can never be stored that its definition refuses.
// Functions are stateless; thread-safe given a thread-safe Database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

enum class CustomFieldType { kText, kNumber, kDate, kBoolean, kSelect };

struct CustomFieldDefinition {
  std::string object_type;  // IsCustomFieldObjectType
  std::string key;
  std::string label;
  CustomFieldType type = CustomFieldType::kText;
  std::vector<std::string> options;  // kSelect only
  bool required = false;
  // Sensitive fields belong to the "sensitive" field group that roles can hide (access/grants).
  bool sensitive = false;
  std::string created_at;
  int64_t version = 1;  // bumped by every edit: the ETag of PATCH and DELETE
};

json::object CustomFieldToJson(const CustomFieldDefinition& definition);

// The records custom fields can be defined on: customer, company, product, ticket. The one list
// that validation and the API's object_type filter both read.
bool IsCustomFieldObjectType(std::string_view object_type);
inline constexpr std::string_view kCustomFieldObjectTypes = "customer, company, product or ticket";

Result<std::vector<CustomFieldDefinition>> LoadCustomFields(storage::Tx& tx,
                                                            const std::string& object_type);
// The definitions as they apply to one caller: a required field hidden from them is not required
// of them (they could never fill it, and being told of it would reveal it).
std::vector<CustomFieldDefinition> AsSeenBy(const access::Access& access, access::Object object,
                                            std::vector<CustomFieldDefinition> definitions);
const CustomFieldDefinition* FindCustomField(const std::vector<CustomFieldDefinition>& definitions,
                                             std::string_view key);

Result<CustomFieldDefinition> DefineCustomField(storage::Database& database,
                                                const storage::WriteContext& context,
                                                const json::object& input);
Result<std::vector<CustomFieldDefinition>> ListCustomFields(
    storage::Database& database, const std::optional<std::string>& object_type);

// Edits label, options (select fields), required and sensitive (docs/design/custom_fields.md).
// object_type, key and type cannot change: naming them with another value is kInvalidArgument
// for that field (the same value is accepted, so a client may send the whole definition back).
// Removing an option that records still hold is kConflict naming `options`: values are never
// dropped as a side effect of an edit. Turning `required` on leaves existing records as they are
// (required is checked on create). kNotFound for no such definition; kPreconditionFailed when
// `if_version` is stale. Audited ("update", "custom_field").
Result<CustomFieldDefinition> UpdateCustomField(storage::Database& database,
                                                const storage::WriteContext& context,
                                                const std::string& object_type,
                                                const std::string& key, const json::object& patch,
                                                std::optional<int64_t> if_version);
// Deletes the definition and, in the same transaction, its value from every record that holds
// one: each such record gets a new version and an audit entry of its own (its old values stay in
// the audit trail), and one `custom_field.deleted` event names the field and how many records
// changed. Answers how many records lost a value.
Result<int64_t> DeleteCustomField(storage::Database& database, const storage::WriteContext& context,
                                  const std::string& object_type, const std::string& key,
                                  std::optional<int64_t> if_version);

// The `options` of a definition of `definition.type`, read into definition.options (select:
// 1 to 500 distinct non-empty strings; other types: none). Problems go to `errors`.
void ReadCustomFieldOptions(const json::value* options, CustomFieldDefinition& definition,
                            std::vector<FieldError>& errors);
// definition.options as the stored JSON array.
std::string OptionsJson(const CustomFieldDefinition& definition);

// Merges `patch` into `values` (a null value removes the key), validating each value against its
// definition. Problems are appended to `errors` with fields named "custom_fields.<key>".
void MergeCustomFieldValues(const json::value& patch,
                            const std::vector<CustomFieldDefinition>& definitions,
                            json::object& values, std::vector<FieldError>& errors);
// Appends an error for every required field missing from `values`. Checked on create only:
// records that predate a new required field stay editable until someone fills it in.
void CheckRequiredCustomFields(const std::vector<CustomFieldDefinition>& definitions,
                               const json::object& values, std::vector<FieldError>& errors);

}  // namespace rapport::customers
