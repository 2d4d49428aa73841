// Exporter: streams every record a caller may export to CSV, NDJSON or vCard (docs/export.md).
//
// The engine knows no object: each object's adapter (adapter.hpp) reads its records page by page
// through its area's own list path and keyset cursor — so record access, filters, search, hidden
// field redaction and ordering are exactly the API's — and says which CSV columns show them. On
// top of read access, export has its own level per object (access::Action::kExport), which the
// adapter applies too. Memory stays flat whatever the size.
//
// Formats: CSV has a header row and columns named so that `rapport import` maps them back
// automatically, with spreadsheet formulas neutralised unless the request turns that off; an
// adapter may write one row per item of a list (orders: per line item). NDJSON is one record per
// line exactly as the API serves it. vCard 4.0 is one card per record, for adapters that take it.
//
// Every export is a job row (kind export): StartExportJob validates the request and creates
// it; RunExport writes the records, reports progress and finishes the job. Functions over the
// Database; thread-safe; calls block on storage (call from a worker thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "transfer/adapter_registry.hpp"
#include "transfer/transfer_jobs.hpp"

namespace rapport::transfer {

// Above this many records GET /exports answers 413 and the client runs a job instead: a
// synchronous export holds a request worker and the whole file in memory.
inline constexpr int64_t kMaxInlineExportRecords = 10000;

struct ExportRequest {
  std::string object = "customers";  // an adapter's name
  TransferFormat format = TransferFormat::kCsv;
  ExportQuery query;                // filter, q, customer_id, as the object takes them
  bool neutralise_formulas = true;  // CSV: prefix cells a spreadsheet would run with '
};

// Reads {object, format?, filter?, q?, customer_id?, neutralise_formulas?}; kInvalidArgument
// naming the key at fault (an unknown object or format, an unknown key, a wrong type).
Result<ExportRequest> ExportRequestFromJson(const AdapterRegistry& adapters,
                                            const json::object& input);
json::object ExportRequestToJson(const ExportRequest& request);

// kCsv -> ".csv"; the MIME type served for a format ("text/csv; charset=utf-8", ...).
std::string_view ExportExtension(TransferFormat format);
std::string_view ExportContentType(TransferFormat format);
// The name a download is saved under: "customers-exp_01J....csv".
std::string ExportDownloadName(std::string_view object, const std::string& id,
                               TransferFormat format);

// kPermissionDenied unless the caller may export `object` at all (its adapter says). Also
// checked before serving a finished job's file.
Status CheckExportPermission(const AdapterRegistry& adapters, const access::Access& access,
                             std::string_view object);

// Checks the request against the caller: the format suits the object, the options apply to it,
// the caller may export the object at all (kPermissionDenied), the adapter accepts the option
// values (a customer filter that compiles for them, a customer_id they may read).
Status ValidateExport(const AdapterRegistry& adapters, storage::Database& database,
                      const access::Access& access, const ExportRequest& request);

// How many records the export will write; an upper bound when the object's search is not
// counted exactly.
Result<int64_t> CountExport(const AdapterRegistry& adapters, storage::Database& database,
                            const access::Access& access, const ExportRequest& request);

// Validates, then creates the job row (status queued). `file_name` is what the job records as
// its file (the CLI's output file); empty for the API, which names files after the job.
Result<JobRef> StartExportJob(const AdapterRegistry& adapters, storage::Database& database,
                              const access::Access& access, const storage::WriteContext& context,
                              const ExportRequest& request, const std::string& file_name = {});

// Progress after each page: total_bytes = records to export, done_bytes = rows = records written.
using ExportProgressFunction = std::function<void(const JobCounts&)>;

// Writes the export to `out` and finishes `job` (completed, or failed with the reason, which is
// also returned). A failure part way leaves what was written in `out`: callers discard it.
Result<JobCounts> RunExport(const AdapterRegistry& adapters, storage::Database& database,
                            const access::Access& access, const ExportRequest& request,
                            const JobRef& job, std::ostream& out,
                            const ExportProgressFunction& on_progress);

}  // namespace rapport::transfer
