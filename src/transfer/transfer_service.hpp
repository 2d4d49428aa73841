// TransferService: the upload → job → file lifecycle of imports and exports, written once for the
// HTTP handlers and the CLI. It peeks at an upload's header, starts the job (which validates the
// request before any job row exists), runs it — on the JobRunner in the background for the
// server, or on the caller's thread for the CLI — keeps the live progress of a running job
// (GetJob lays it over the job row), decides where an upload waits and where an export's file
// goes, and checks that a finished export's file may be served.
//
// Files in `transfer_dir` are readable by the server's user only (they hold customer data):
// "<job>.upload" waits for its import and is removed once it ran; "<job>.<ext>" is a finished
// export. Thread-safe: the server shares one service between request threads and the runner.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "transfer/adapter_registry.hpp"
#include "transfer/exporter.hpp"
#include "transfer/importer.hpp"
#include "transfer/job_runner.hpp"
#include "transfer/transfer_jobs.hpp"

namespace rapport::transfer {

// An uploaded file: spooled to `spooled_path` (taken over by the service), or in `body`.
struct Upload {
  std::string spooled_path;
  std::string_view body;
};

// A finished export's file, ready to serve.
struct ExportFile {
  std::string path;
  std::string_view content_type;
  std::string download_name;  // "customers-exp_01J....csv"
};

class TransferService {
 public:
  // `runner` and `transfer_dir` are the server's; the CLI passes nullptr and "" and uses the
  // *Now functions only.
  TransferService(const AdapterRegistry& adapters, storage::Database& database, JobRunner* runner,
                  std::string transfer_dir);

  const AdapterRegistry& adapters() const { return adapters_; }

  // ---- Imports ----
  // Starts an import of `upload` and queues it on the runner; the upload is removed once it ran.
  // Request-level problems are refused before any job exists.
  Result<JobRef> SubmitImport(std::shared_ptr<const access::Access> access,
                              const storage::WriteContext& context, const ImportRequest& request,
                              const Upload& upload);
  // Starts and runs an import of the file at `path` on this thread (the CLI).
  Result<ImportResult> ImportNow(const access::Access& access, const storage::WriteContext& context,
                                 const ImportRequest& request, const std::string& path,
                                 const ImportProgressFunction& on_progress);
  Result<json::object> Revert(const access::Access& access, const storage::WriteContext& context,
                              const std::string& id);

  // ---- Exports ----
  // Starts an export job whose file lands in the transfer directory, queued on the runner.
  Result<JobRef> SubmitExport(std::shared_ptr<const access::Access> access,
                              const storage::WriteContext& context, const ExportRequest& request);
  // Starts and runs an export into `out` on this thread; `file_name` is what the job records.
  // `max_records`: refused with kTooLarge above it, before any job exists (0: no limit).
  Result<std::pair<JobRef, JobCounts>> ExportNow(const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const ExportRequest& request,
                                                 const std::string& file_name, std::ostream& out,
                                                 const ExportProgressFunction& on_progress,
                                                 int64_t max_records = 0);
  // The file of export `id`: kConflict until it completed, kPermissionDenied when the caller may
  // no longer export its object, kNotFound when it was answered at once and not kept.
  Result<ExportFile> FinishedExport(const access::Access& access, const std::string& id);

  // ---- Both ----
  // The job as served, with the live counts of a running one (its row is written at batch ends
  // only; the runner holds the counts in between).
  Result<json::object> GetJob(const access::Access& access, JobKind kind, const std::string& id);
  Result<Page> ListJobs(const access::Access& access, JobKind kind, int limit,
                        const std::optional<std::string>& cursor);

 private:
  std::string ExportPath(const std::string& id, TransferFormat format) const;
  std::function<void(const JobCounts&)> Reporter(const std::string& id);

  const AdapterRegistry& adapters_;
  storage::Database& database_;
  JobRunner* runner_;  // not owned; may be null (CLI)
  std::string transfer_dir_;
};

}  // namespace rapport::transfer
