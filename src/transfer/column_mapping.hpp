// ColumnMapping: how the columns of an import file become API records (docs/import.md).
//
// A mapping is built once per import from the file's header and an optional mapping document:
// columns named in the document go where it says, with its transforms and its rule for values a
// matched record already has; other columns are matched by header name against each object's
// field catalogue and its aliases ("E-mail Address" → email); what is still unmapped is ignored,
// refused, or sent to custom fields. Constants and templates ("{customer_id}", "{row}") fill
// fields no column provides. BuildRow then turns each row into the same JSON body the API takes,
// remembering which column fed which field so a refusal can name the column in the error report.
//
// Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "transfer/transforms.hpp"

namespace rapport::transfer {

enum class ImportObject { kCustomers, kCompanies, kProducts, kOrders, kInteractions };

std::optional<ImportObject> ParseImportObject(std::string_view name);
std::string_view ImportObjectName(ImportObject object);

// What an import does to a value a matched record already has.
enum class ExistingRule { kOverwrite, kFillEmpty, kKeep };

struct ColumnRule {
  size_t column = 0;
  std::string header;
  std::string field;  // a catalogue field, "custom.<key>", or for orders "line.<field>"
  std::vector<Transform> transforms;
  ExistingRule existing = ExistingRule::kOverwrite;
};

struct FieldValue {
  std::string field;
  std::string value;  // a template for `templates`: "{Header}" and "{row}" are replaced
};

struct Mapping {
  ImportObject object = ImportObject::kCustomers;
  std::vector<ColumnRule> columns;
  std::vector<FieldValue> constants;
  std::vector<FieldValue> templates;
  std::vector<std::string> ignored;  // headers mapped nowhere, reported to the user
  // Custom field keys the mapping sends columns to (named, or "unmapped": "custom_fields"); the
  // importer defines those that do not exist yet, as text fields.
  std::vector<std::string> new_custom_fields;
  // Orders and interactions: a row whose customer is not found creates it (from the
  // "customer.*" fields) instead of failing.
  bool create_missing_customers = false;
  std::vector<std::string> header;
};

// `spec` is the mapping document (null for automatic mapping only). kInvalidArgument naming the
// mapping key at fault: an unknown field, a column the file does not have, a bad transform.
Result<Mapping> BuildMapping(ImportObject object, const std::vector<std::string>& header,
                             const json::value& spec);

// The catalogue field a header means, by name or alias; nullopt when none.
std::optional<std::string> FieldForHeader(ImportObject object, std::string_view header);

struct CellError {
  std::string column;  // the header, or the field when no column fed it
  std::string value;
  std::string reason;
};

// One row as an API body, plus what the importer needs around it.
struct RowRecord {
  int64_t row = 0;   // data row number (1 = first row after the header)
  int64_t line = 0;  // physical line it starts on
  json::object input;
  // Customers, orders, interactions: who the row belongs to or links to.
  json::object customer;  // orders/interactions: {id?, external_id?, email?, ...create}
  std::optional<std::string> company;  // customers: a company name or domain to link
  bool company_optional = false;       // vCard ORG: link when it exists, else leave unlinked
  // Top-level input key (or "custom_fields.<key>") → the rule for a matched record's value;
  // keys absent here are overwritten.
  std::map<std::string, ExistingRule> existing;
  // API field path prefix → the column that fed it, to name columns in errors.
  std::map<std::string, std::string> sources;
  std::vector<CellError> errors;
  std::vector<std::string> cells;  // the row as read, to quote values in the error report
};

RowRecord BuildRow(const Mapping& mapping, const std::vector<std::string>& cells, int64_t row,
                   int64_t line);

// The column behind an API error's field ("emails[0].address" → "E-mail"); the field itself
// when no column fed it.
std::string ColumnFor(const RowRecord& record, const std::string& field);

}  // namespace rapport::transfer
