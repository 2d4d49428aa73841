// What an import works with between the file and an area: the mapping a file gets (which column
// feeds which catalogue field, with what transforms and what rule for existing values) and one
// row built from it (the API body it became, who it links to, which column fed which field).
// The engine builds both (column_mapping.hpp); adapters read them (adapter.hpp).
//
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "transfer/transforms.hpp"

namespace rapport::transfer {

class ObjectAdapter;

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
  const ObjectAdapter* adapter = nullptr;  // not owned; the registry outlives every import
  std::vector<ColumnRule> columns;
  std::vector<FieldValue> constants;
  std::vector<FieldValue> templates;
  std::vector<std::string> ignored;  // headers mapped nowhere, reported to the user
  // Custom field keys the mapping sends columns to (named, or "unmapped": "custom_fields"); the
  // importer defines those that do not exist yet, as text fields.
  std::vector<std::string> new_custom_fields;
  // Objects that link a customer: a row whose customer is not found creates it (from the
  // "customer.*" fields) instead of failing.
  bool create_missing_customers = false;
  std::vector<std::string> header;
};

// True when a column or template of `mapping` feeds `field`.
bool Feeds(const Mapping& mapping, std::string_view field);

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
  // Objects that link a customer: who the row belongs to {ref?, id?, external_id?, email?, ...}.
  json::object customer;
  // A record to link by name (customers: a company name or domain), from a kLink field.
  std::optional<std::string> link;
  bool link_optional = false;  // vCard ORG: link when it exists, else leave unlinked
  // Top-level input key (or "custom_fields.<key>") → the rule for a matched record's value;
  // keys absent here are overwritten.
  std::map<std::string, ExistingRule> existing;
  // API field path prefix → the column that fed it, to name columns in errors.
  std::map<std::string, std::string> sources;
  std::vector<CellError> errors;
  std::vector<std::string> cells;  // the row as read, to quote values in the error report
};

// The column behind an API error's field ("emails[0].address" → "E-mail"); the field itself
// when no column fed it.
std::string ColumnFor(const RowRecord& record, const std::string& field);

}  // namespace rapport::transfer
