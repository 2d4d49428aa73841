// The import's second baseline (import_bench): the generated customers CSV written with plain SQL
// into Rapport's own schema — the ceiling that schema allows an import, where the bare one-table
// INSERT is the ceiling of SQLite itself. Per row, as the import writes it: the customers row
// (with all of its indexes, the ICU collation-key ones included), its e-mail (email_key() in SQL)
// and phone rows, its full-text row, a customer.created event, an audit entry and the job's
// import item; in transactions of the same size on a connection with Rapport's writer PRAGMAs.
// Nothing is validated, parsed or re-read: a phone is the CSV's digits, the event and audit
// payloads are the record written once as compact JSON ({"customer": record} and the record's
// non-empty fields as [{"field", "new"}]), which is what a create needs to carry.
//
// One call per process (import_bench runs it in a forked child); not thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace rapport::bench {

struct SchemaBaselineResult {
  bool ok = false;
  int64_t rows = 0;
  double seconds = 0;
  std::string message;
};

// `data_dir` must not exist yet: it is created and migrated first (not timed). Reads at most
// `max_rows` rows of `csv` (first_name,last_name,email,phone,city,country,tags). `setup_sql`
// (import_bench's --writer-sql, for what-ifs such as dropping an index) runs before the rows.
SchemaBaselineResult SchemaBaselineInsert(const std::string& data_dir, const std::string& csv,
                                          size_t batch, int64_t max_rows,
                                          const std::string& setup_sql);

}  // namespace rapport::bench
