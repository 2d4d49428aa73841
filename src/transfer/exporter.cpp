#include "transfer/exporter.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "transfer/csv_writer.hpp"

namespace rapport::transfer {
namespace {

// ----- Writers -----

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  virtual void Write(const ExportRecord& record) = 0;
};

class NdjsonWriter : public RecordWriter {
 public:
  explicit NdjsonWriter(std::ostream& out) : out_(out) {}
  void Write(const ExportRecord& record) override {
    out_ << json::serialize(record.record) << '\n';
  }

 private:
  std::ostream& out_;
};

class VcardRecordWriter : public RecordWriter {
 public:
  VcardRecordWriter(const ObjectAdapter& adapter, std::ostream& out)
      : adapter_(adapter), out_(out) {}
  void Write(const ExportRecord& record) override { out_ << adapter_.FormatVcard(record); }

 private:
  const ObjectAdapter& adapter_;
  std::ostream& out_;
};

class CsvRecordWriter : public RecordWriter {
 public:
  CsvRecordWriter(std::ostream& out, const CsvWriteOptions& options,
                  std::vector<ExportColumn> columns, std::string_view row_list)
      : csv_(out, options), columns_(std::move(columns)), row_list_(row_list) {
    std::vector<std::string> header;
    header.reserve(columns_.size());
    for (const auto& column : columns_) header.push_back(column.header);
    csv_.Write(header);
  }

  void Write(const ExportRecord& record) override {
    const json::value* items = row_list_.empty() ? nullptr : record.record.if_contains(row_list_);
    if (items && items->is_array() && !items->as_array().empty()) {
      for (const auto& item : items->as_array()) {
        WriteRow({record.record, &item.as_object(), record.extra});
      }
    } else {
      WriteRow({record.record, nullptr, record.extra});
    }
  }

 private:
  void WriteRow(const ExportRow& row) {
    cells_.clear();
    for (const auto& column : columns_) cells_.push_back(column.value(row));
    csv_.Write(cells_);
  }

  CsvWriter csv_;
  std::vector<ExportColumn> columns_;
  std::string_view row_list_;
  std::vector<std::string> cells_;
};

Result<std::unique_ptr<RecordWriter>> MakeWriter(const ObjectAdapter& adapter,
                                                 storage::Database& database,
                                                 const access::Access& access,
                                                 const ExportRequest& request, std::ostream& out) {
  switch (request.format) {
    case TransferFormat::kNdjson:
      return std::unique_ptr<RecordWriter>(new NdjsonWriter(out));
    case TransferFormat::kVcard:
      return std::unique_ptr<RecordWriter>(new VcardRecordWriter(adapter, out));
    case TransferFormat::kCsv:
      break;
  }
  RAPPORT_ASSIGN_OR_RETURN(std::vector<ExportColumn> columns, adapter.CsvColumns(database, access));
  CsvWriteOptions options;
  options.neutralise_formulas = request.neutralise_formulas;
  return std::unique_ptr<RecordWriter>(
      new CsvRecordWriter(out, options, std::move(columns), adapter.csv_row_list()));
}

// "applies to orders and interactions": the objects that take an option.
FieldError NotApplicable(const AdapterRegistry& adapters, const std::string& option,
                         bool ExportOptionSupport::*supported) {
  return {option, "applies to " + adapters.Names("and", [&](const ObjectAdapter& adapter) {
            return adapter.export_options().*supported;
          })};
}

}  // namespace

Status CheckExportPermission(const AdapterRegistry& adapters, const access::Access& access,
                             std::string_view object) {
  RAPPORT_ASSIGN_OR_RETURN(const ObjectAdapter* adapter, adapters.Get(object, "object"));
  return adapter->CheckMayExport(access);
}

Status ValidateExport(const AdapterRegistry& adapters, storage::Database& database,
                      const access::Access& access, const ExportRequest& request) {
  RAPPORT_ASSIGN_OR_RETURN(const ObjectAdapter* adapter, adapters.Get(request.object, "object"));
  RAPPORT_RETURN_IF_ERROR(adapter->CheckMayExport(access));
  const ExportOptionSupport supports = adapter->export_options();
  const ExportQuery& query = request.query;
  std::vector<FieldError> errors;
  if (!adapter->ExportsFormat(request.format)) {
    const std::string format(TransferFormatName(request.format));
    errors.push_back(
        {"format", format + " is for " + adapters.Names("and", [&](const ObjectAdapter& a) {
           return a.ExportsFormat(request.format);
         }) + " only"});
  }
  if (!query.filter.is_null() && !supports.filter) {
    errors.push_back(NotApplicable(adapters, "filter", &ExportOptionSupport::filter));
  }
  if (query.q && !supports.q) {
    errors.push_back(NotApplicable(adapters, "q", &ExportOptionSupport::q));
  }
  if (query.customer_id && !supports.customer_id) {
    errors.push_back(NotApplicable(adapters, "customer_id", &ExportOptionSupport::customer_id));
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return adapter->ValidateExport(database, access, query);
}

Result<int64_t> CountExport(const AdapterRegistry& adapters, storage::Database& database,
                            const access::Access& access, const ExportRequest& request) {
  RAPPORT_ASSIGN_OR_RETURN(const ObjectAdapter* adapter, adapters.Get(request.object, "object"));
  return adapter->CountExport(database, access, request.query);
}

Result<JobRef> StartExportJob(const AdapterRegistry& adapters, storage::Database& database,
                              const access::Access& access, const storage::WriteContext& context,
                              const ExportRequest& request, const std::string& file_name) {
  RAPPORT_RETURN_IF_ERROR(ValidateExport(adapters, database, access, request));
  return CreateJob(database, access, context,
                   NewJob{.kind = JobKind::kExport,
                          .object_type = request.object,
                          .options = ExportRequestToJson(request),
                          .file_name = file_name,
                          .total_bytes = 0});
}

Result<JobCounts> RunExport(const AdapterRegistry& adapters, storage::Database& database,
                            const access::Access& access, const ExportRequest& request,
                            const JobRef& job, std::ostream& out,
                            const ExportProgressFunction& on_progress) {
  JobCounts counts;
  auto report = [&] {
    counts.rows = counts.done_bytes;
    if (on_progress) on_progress(counts);
  };
  Status status = [&]() -> Status {
    RAPPORT_ASSIGN_OR_RETURN(const ObjectAdapter* adapter, adapters.Get(request.object, "object"));
    RAPPORT_ASSIGN_OR_RETURN(counts.total_bytes,
                             adapter->CountExport(database, access, request.query));
    RAPPORT_RETURN_IF_ERROR(
        database.Write([&](storage::Tx& tx) { return RecordProgress(tx, job.seq, counts); }));
    report();
    RAPPORT_ASSIGN_OR_RETURN(auto writer, MakeWriter(*adapter, database, access, request, out));
    const bool with_extra = request.format != TransferFormat::kNdjson;
    std::optional<std::string> cursor;
    do {
      RAPPORT_ASSIGN_OR_RETURN(
          ExportPage page,
          adapter->ReadExportPage(database, access, request.query, cursor, with_extra));
      for (const auto& record : page.records) writer->Write(record);
      counts.done_bytes += static_cast<int64_t>(page.records.size());
      // Records added while the export runs can take it past the count made at the start.
      counts.total_bytes = std::max(counts.total_bytes, counts.done_bytes);
      if (!out) return Error::Unavailable("Writing the export failed (is the disk full?).");
      report();
      cursor = std::move(page.next);
    } while (cursor);
    out.flush();
    if (!out) return Error::Unavailable("Writing the export failed (is the disk full?).");
    return OkStatus();
  }();
  if (!status.ok()) {
    // The job row says why; the caller gets the same error.
    (void)FinishJob(database, job, JobStatus::kFailed, counts, status.error().message, {});
    return std::move(status).error();
  }
  // Exact now: a full-text query or records deleted meanwhile make the count an estimate.
  counts.total_bytes = counts.done_bytes;
  RAPPORT_RETURN_IF_ERROR(FinishJob(database, job, JobStatus::kCompleted, counts, "", {}));
  return counts;
}

}  // namespace rapport::transfer
