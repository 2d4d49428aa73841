// Importer: streams a CSV file into Rapport (docs/import.md). It reads one row at a time, builds
// each into an API body through the mapping, and applies rows in batches — one transaction per
// batch on the single writer (Database::WriteAlone); a row that fails after writing makes the
// batch run again with a savepoint per row (docs/design/transfer.md) — so memory stays flat
// whatever the file size and other writers interleave between batches. A bad row is rolled back
// alone and reported (row, column, value, reason); `atomic` keeps everything in one transaction and
// keeps nothing if any row is bad; `dry_run` applies each batch and rolls it back, so every rule
// (uniqueness, record access, matches against earlier rows of the batch) is checked without
// changing data. Duplicates inside the file (the same e-mail, external id, domain or SKU twice) are
// reported, not merged. Every record an import creates is listed against its job for RevertImport.
//
// One Importer per run; Run blocks (call it from a worker thread). Thread-compatible.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "transfer/adapter_registry.hpp"
#include "transfer/csv_reader.hpp"
#include "transfer/transfer_jobs.hpp"
#include "transfer/vcard.hpp"

namespace rapport::transfer {

// Rows per transaction unless the caller says otherwise. A batch is one transaction on the
// single writer: other writers wait for it, and its dirty pages stay in the writer's page cache
// (16 MB) until it commits. At 2,000 rows a batch of customers dirtied more than the cache holds
// and SQLite grew the cache past its limit (peak RSS 51.5 MB against 38.4 MB at 1,000, which costs
// 3 % of the rate, within this machine's noise; bench/RESULTS.md, 7 December).
inline constexpr size_t kDefaultBatchRows = 1000;

struct ImportRequest {
  ImportSettings settings;
  json::value mapping;  // the mapping document; null: automatic (CSV only)
  // csv, or vcard for objects that take it (customers: vCard 2.1, 3.0 and 4.0)
  TransferFormat format = TransferFormat::kCsv;
  bool atomic = false;
  size_t batch_rows = kDefaultBatchRows;
  CsvOptions csv;
  std::string file_name;
};

struct ImportResult {
  JobRef job;
  JobStatus status = JobStatus::kCompleted;  // completed | failed
  JobCounts counts;
  std::vector<TransferError> errors;  // the first kMaxStoredErrors
  int64_t error_count = 0;
  std::vector<std::string> ignored_columns;
  bool rolled_back = false;  // dry run, or an atomic import with a bad row
  std::string message;
};

using ImportProgressFunction = std::function<void(const JobCounts&)>;

// Validates the request against the file's `header` and creates its job row (status queued).
// Request-level problems — an unknown mapping field, a column the file lacks, a mode the object
// does not take, no import permission — are refused here, before any job exists.
Result<JobRef> StartImportJob(const AdapterRegistry& adapters, storage::Database& database,
                              const access::Access& access, const storage::WriteContext& context,
                              const ImportRequest& request, const std::vector<std::string>& header,
                              int64_t total_bytes);

// Runs the import for `job`, reading `in`; finishes the job row. A file-level failure (broken
// CSV, no header) ends the job "failed" with the reason; rows applied before it stay unless the
// import is atomic.
Result<ImportResult> RunImport(const AdapterRegistry& adapters, storage::Database& database,
                               const access::Access& access, const storage::WriteContext& context,
                               const ImportRequest& request, const JobRef& job, std::istream& in,
                               int64_t total_bytes, const ImportProgressFunction& on_progress);

// Error report CSV: row, line, column, value, reason.
void WriteErrorReport(std::ostream& out, const std::vector<TransferError>& errors);

}  // namespace rapport::transfer
