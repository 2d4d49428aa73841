#include "storage/json_check.hpp"

#include <spdlog/spdlog.h>

#include <array>

namespace rapport::storage {
namespace {

struct JsonColumn {
  std::string_view table;
  std::string_view key;  // SQL expression naming the row
  std::string_view column;
  // Checked at every start too. Not the logs that grow with every write (events, the audit
  // trail, the timeline: millions of rows, half a minute at 100,000 customers), which only the
  // server's own code writes and no filter spans; `rapport check` covers them.
  bool at_start = true;
  // The SQL that reads the column's JSON when it is not the column itself.
  std::string_view expression = {};
};

// Every column that holds JSON (src/storage/migrations). A new JSON column belongs here.
constexpr std::array<JsonColumn, 22> kJsonColumns = {{
    {"customers", "id", "addresses"},
    {"customers", "id", "tags"},
    {"customers", "id", "custom_fields"},
    {"companies", "id", "address"},
    {"companies", "id", "tags"},
    {"companies", "id", "custom_fields"},
    {"products", "id", "custom_fields"},
    {"custom_field_definitions", "object_type || '.' || key", "options"},
    {"interactions", "id", "metadata", false},
    // Packed since migrations 0046 and 0026 (packed_json.hpp); a packed value that does not
    // unpack is reported as not valid JSON.
    {"events", "id", "payload", false,
     "CASE WHEN events.payload_z IS NULL THEN events.payload "
     "ELSE coalesce(unpack_json(events.payload_z), 'damaged packed value') END"},
    {"audit_log", "seq", "changes", false,
     "CASE WHEN audit_log.changes_z IS NULL THEN audit_log.changes "
     "ELSE coalesce(unpack_json(audit_log.changes_z), 'damaged packed value') END"},
    {"users", "id", "roles"},
    {"users", "id", "teams"},
    {"roles", "name", "grants"},
    {"roles", "name", "fields"},
    {"api_tokens", "id", "scopes"},
    {"saved_views", "id", "definition"},
    {"payment_methods", "id", "billing_address"},
    {"customer_value", "customer_id", "category_spend"},
    {"transfer_jobs", "id", "options"},
    {"tickets", "id", "custom_fields"},
    {"ticket_messages", "id", "\"references\"", false},
}};

// The largest finite double; SQLite reads a number beyond it (1e999) as ±Inf.
constexpr std::string_view kMaxDouble = "1.7976931348623157e308";

// CASE, not OR: json_tree fails on a document that is not valid JSON, and CASE is evaluated
// lazily where OR need not be.
std::string BadRowsSql(const JsonColumn& c, bool deep) {
  const std::string column = c.expression.empty()
                                 ? std::string(c.table) + "." + std::string(c.column)
                                 : "(" + std::string(c.expression) + ")";
  std::string problem = "CASE WHEN NOT json_valid(" + column + ") THEN 'not valid JSON'";
  if (deep) {
    problem += " WHEN EXISTS (SELECT 1 FROM json_tree(" + column +
               ") WHERE type = 'real' AND abs(value) > " + std::string(kMaxDouble) +
               ") THEN 'holds a non-finite number'";
  }
  problem += " END";
  return "SELECT " + std::string(c.key) + ", problem FROM (SELECT *, " + problem +
         " AS problem FROM " + std::string(c.table) + " WHERE " + column +
         " IS NOT NULL) WHERE problem IS NOT NULL LIMIT ?";
}

}  // namespace

Result<std::vector<BadJsonRow>> FindBadJsonRows(Tx& tx, bool deep, int64_t limit, bool at_start) {
  std::vector<BadJsonRow> bad;
  for (const auto& column : kJsonColumns) {
    if (at_start && !column.at_start) continue;
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(BadRowsSql(column, deep), {limit}));
    for (const auto& row : rows) {
      bad.push_back(
          {std::string(column.table), std::string(column.column), row.Text(0), row.Text(1)});
    }
  }
  return bad;
}

void WarnAboutBadJson(Database& database) {
  std::vector<BadJsonRow> bad;
  const Status scanned = database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(bad, FindBadJsonRows(tx, /*deep=*/false, 100, /*at_start=*/true));
    return OkStatus();
  });
  if (!scanned.ok()) {
    spdlog::warn("could not check the stored JSON: {}", scanned.error().message);
    return;
  }
  for (const auto& row : bad) {
    spdlog::warn("{}.{} of {} {}: filters over this table fail until it is fixed", row.table,
                 row.column, row.key, row.problem);
  }
  if (!bad.empty()) {
    spdlog::warn("{} stored JSON document(s) are broken; run `rapport check` for the full list",
                 bad.size());
  }
}

}  // namespace rapport::storage
