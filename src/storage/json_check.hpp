// JsonCheck: finds stored JSON documents that no JSON reader accepts.
//
// Every JSON column (custom fields, addresses, event payloads …) is written by Boost.JSON, which
// writes a non-finite number as `Infinity` or `NaN`. Such a document breaks every SQL filter that
// reaches its row (SQLite's json functions answer "malformed JSON") and reads back as empty. The
// entries refuse non-finite numbers now (common/json.cpp, custom_fields.cpp, the imports); this
// finds rows stored before they did, or written by other means: documents that are not valid JSON,
// and (a deep check) valid ones holding a number outside the double range such as 1e999.
//
// Read-only; thread-safety is the Tx's. REQUIRES: called inside Database::Read.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace rapport::storage {

struct BadJsonRow {
  std::string table;
  std::string column;
  std::string key;      // the row's id (or its natural key, e.g. "customer.score")
  std::string problem;  // "not valid JSON" | "holds a non-finite number"
};

// Up to `limit` bad rows per column. `deep` also walks valid documents for out-of-range numbers
// (parses every document: use it from `rapport check`, not on every start). `at_start` skips the
// append-only logs (events, audit trail, timeline), whose size grows with every write.
Result<std::vector<BadJsonRow>> FindBadJsonRows(Tx& tx, bool deep, int64_t limit = 100,
                                                bool at_start = false);

// Logs one warning per bad row (at most 100 per column) of the columns checked at start, and how
// to find them all with `rapport check`; a failure of the scan itself is logged too, never fatal.
// For server start-up, where it runs beside serving (it only warns).
void WarnAboutBadJson(Database& database);

}  // namespace rapport::storage
