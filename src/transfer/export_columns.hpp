// Helpers adapters share to describe their export: CSV cells from JSON values, the usual column
// shapes (a plain field, address parts under the import's header names, custom fields), removing
// columns hidden from the caller, and a WHERE clause built from access scopes.
//
// Pure functions and values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/value.hpp"
#include "transfer/adapter.hpp"

namespace rapport::transfer {

// Records per read snapshot: large enough that round trips do not dominate, small enough that a
// page of customers with their contact points stays a few megabytes and other readers interleave.
inline constexpr int kExportPageSize = 500;

// One CSV cell from a JSON value: strings as they are, lists joined with "; " (how the importer
// splits tags), numbers and booleans as JSON writes them, objects as JSON.
std::string Cell(const json::value* value);
std::string Cell(const json::object& record, std::string_view key);
std::optional<std::string> StringAt(const json::object& record, std::string_view key);
// The primary entry of a contact list (emails, phones), else the first.
const json::object* Primary(const json::object& record, std::string_view list);
// `key` of every entry of `list`, joined with "; ".
std::string Joined(const json::object& record, std::string_view list, std::string_view key);

// A column showing `field` (default: the header) as it is.
ExportColumn PlainColumn(std::string header, const std::string& field = {});
// A column showing `key` of the record's extra (derived values the adapter looked up).
ExportColumn ExtraColumn(std::string header, std::string extra_key, std::string key);
// Address columns under the import's header names (address_line_1 ... country), from the first
// of a list of addresses (customers) or a single address object (`field`).
void AddAddressColumns(std::vector<ExportColumn>& columns, const std::string& field);
// "custom.<key>" for each custom field key.
void AddCustomFieldColumns(std::vector<ExportColumn>& columns,
                           const std::vector<std::string>& keys);
// Removes the columns whose field `access` may not see on `object`.
void DropHiddenColumns(std::vector<ExportColumn>& columns, const access::Access& access,
                       access::Object object);

// The count `sql` (one row, one number) gives, in its own read transaction.
Result<int64_t> CountRows(storage::Database& database, const std::string& sql,
                          const std::vector<storage::Value>& params);

// ANDs conditions into one WHERE clause with their parameters, in order.
struct SqlWhere {
  std::string sql = "1";
  std::vector<storage::Value> params;

  void And(access::ScopeCondition condition);
  void And(std::string condition, std::vector<storage::Value> values = {});
};

}  // namespace rapport::transfer
