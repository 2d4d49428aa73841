// Exporter: streams every record a caller may export to CSV, NDJSON or vCard (docs/export.md).
//
// Records are read page by page through the areas' own list paths and keyset cursors — the
// customer and company services for those objects (so record access, filters and hidden-field
// redaction are exactly the API's), the product catalogue, and for orders and interactions a
// keyset query over their customers' record access — so memory stays flat whatever the size.
// On top of read access, export has its own level per object (access::Action::kExport): a
// record is exported only when that level also reaches its owner. Orders take their customer's
// levels; products are everyone's.
//
// Formats: CSV has a header row and columns named so that `rapport import` maps them back
// automatically, with spreadsheet formulas neutralised unless the request turns that off; orders
// are one row per line item. NDJSON is one record per line exactly as the API serves it. vCard
// 4.0 (customers only) is one card per customer.
//
// Every export is a job row (kind "export"): StartExportJob validates the request and creates
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
#include "transfer/column_mapping.hpp"
#include "transfer/transfer_jobs.hpp"

namespace rapport::transfer {

// Above this many records GET /exports answers 413 and the client runs a job instead: a
// synchronous export holds a request worker and the whole file in memory.
inline constexpr int64_t kMaxInlineExportRecords = 10000;

struct ExportRequest {
  ImportObject object = ImportObject::kCustomers;
  std::string format = "csv";       // csv | ndjson | vcard (customers only)
  json::value filter;               // customers only: the filter tree of GET /customers?filter=
  std::optional<std::string> q;     // customers (full text), companies and products (substring)
  bool neutralise_formulas = true;  // CSV: prefix cells a spreadsheet would run with '
  std::optional<std::string> customer_id;  // orders and interactions of one customer
};

// Reads {object, format?, filter?, q?, customer_id?, neutralise_formulas?}; kInvalidArgument
// naming the key at fault (an unknown object or format, an unknown key, a wrong type).
Result<ExportRequest> ExportRequestFromJson(const json::object& input);
json::object ExportRequestToJson(const ExportRequest& request);

// "csv" -> ".csv"; the MIME type served for a format ("text/csv; charset=utf-8", ...).
std::string_view ExportExtension(std::string_view format);
std::string_view ExportContentType(std::string_view format);

// kPermissionDenied unless the caller's export level for `object` is above none (orders: the
// customers level; products: everyone may). Also checked before serving a finished job's file.
Status CheckExportPermission(const access::Access& access, ImportObject object);

// Checks the request against the caller: the format suits the object, the options apply to it,
// the caller may export the object at all (kPermissionDenied), a customer filter compiles for
// them (errors name the node, "filter.and[1].op"), a customer_id names a customer they may read.
Status ValidateExport(storage::Database& database, const access::Access& access,
                      const ExportRequest& request);

// How many records the export will write (read and export scopes, filter, customer). With `q`
// on customers the full-text condition is not counted, so the number is an upper bound.
Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                            const ExportRequest& request);

// Validates, then creates the job row (status queued). `file_name` is what the job records as
// its file (the CLI's output file); empty for the API, which names files after the job.
Result<JobRef> StartExportJob(storage::Database& database, const access::Access& access,
                              const storage::WriteContext& context, const ExportRequest& request,
                              const std::string& file_name = {});

// Progress after each page: total_bytes = records to export, done_bytes = rows = records written.
using ExportProgressFunction = std::function<void(const JobCounts&)>;

// Writes the export to `out` and finishes `job` (completed, or failed with the reason, which is
// also returned). A failure part way leaves what was written in `out`: callers discard it.
Result<JobCounts> RunExport(storage::Database& database, const access::Access& access,
                            const ExportRequest& request, const JobRef& job, std::ostream& out,
                            const ExportProgressFunction& on_progress);

}  // namespace rapport::transfer
