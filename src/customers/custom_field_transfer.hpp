// Transfer support for objects that carry custom fields (customers, companies, products): the
// base of their import targets — definitions reloaded per batch, text cells coerced to each
// field's type — and the checks and definitions behind "unmapped": "custom_fields". Used by the
// customer and company adapters here and the product adapter in commerce.
//
// Targets are per import run, used from one thread; the functions are thread-safe.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "customers/custom_fields.hpp"
#include "transfer/adapter.hpp"

namespace rapport::customers {

// The keys of `object_type`'s custom fields, in definition order (export columns).
Result<std::vector<std::string>> CustomFieldKeys(storage::Database& database,
                                                 const std::string& object_type);
// Custom fields among `keys` of `object_type` that are not defined yet.
Result<std::vector<std::string>> MissingCustomFields(storage::Database& database,
                                                     const std::string& object_type,
                                                     const std::vector<std::string>& keys);
// Defines `keys` that do not exist yet as text fields labelled with their key.
Status DefineImportedCustomFields(storage::Database& database, const storage::WriteContext& context,
                                  const std::string& object_type,
                                  const std::vector<std::string>& keys);

// Custom field cells arrive as text; a number or yes/no field takes its own type. Keys in
// `undefined_keys` are dropped (a dry run has no definition to check them against).
void CoerceCustomFields(json::object& input, const std::vector<CustomFieldDefinition>& definitions,
                        const std::set<std::string>& undefined_keys);

// The base of adapters whose records carry custom fields of `object_type`: the custom-field
// object and the definitions "unmapped": "custom_fields" needs.
class CustomFieldAdapter : public transfer::ObjectAdapter {
 public:
  explicit CustomFieldAdapter(std::string object_type) : object_type_(std::move(object_type)) {}

  std::string_view custom_field_object() const override { return object_type_; }
  Result<std::vector<std::string>> MissingCustomFields(
      storage::Database& database, const std::vector<std::string>& keys) const override;
  Status DefineCustomFields(storage::Database& database, const storage::WriteContext& context,
                            const std::vector<std::string>& keys) const override;

 private:
  std::string object_type_;
};

// An import target whose records carry custom fields.
class CustomFieldTarget : public transfer::ImportTarget {
 public:
  Status BeginBatch(storage::Tx& tx) override;

 protected:
  CustomFieldTarget(transfer::ImportSettings settings, const transfer::Mapping& mapping,
                    std::string object_type);
  void Coerce(json::object& input) const;

  transfer::ImportSettings settings_;

 private:
  std::set<std::string> pending_;
  std::string object_type_;
  std::vector<CustomFieldDefinition> definitions_;
};

}  // namespace rapport::customers
