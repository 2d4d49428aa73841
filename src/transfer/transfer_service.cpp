#include "transfer/transfer_service.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "transfer/csv_reader.hpp"

namespace rapport::transfer {
namespace {

// The first CSV record, which the job's request is checked against before the job exists; vCard
// files have no header.
Result<std::vector<std::string>> PeekHeader(std::istream& in, const ImportRequest& request) {
  if (request.format != TransferFormat::kCsv) return std::vector<std::string>{};
  CsvReader reader(in, request.csv);
  RAPPORT_ASSIGN_OR_RETURN(auto first, reader.Next());
  return first ? std::move(*first) : std::vector<std::string>{};
}

// Creates `path` readable by the server's user only, before any data goes in.
Status CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("could not create " + path);
  ::close(fd);
  return OkStatus();
}

void RemoveQuietly(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

}  // namespace

TransferService::TransferService(const AdapterRegistry& adapters, storage::Database& database,
                                 JobRunner* runner, std::string transfer_dir)
    : adapters_(adapters),
      database_(database),
      runner_(runner),
      transfer_dir_(std::move(transfer_dir)) {}

std::function<void(const JobCounts&)> TransferService::Reporter(const std::string& id) {
  JobRunner* runner = runner_;
  return [runner, id](const JobCounts& counts) {
    if (runner) runner->Report(id, counts);
  };
}

Result<JobRef> TransferService::SubmitImport(std::shared_ptr<const access::Access> access,
                                             const storage::WriteContext& context,
                                             const ImportRequest& request, const Upload& upload) {
  int64_t size = static_cast<int64_t>(upload.body.size());
  std::vector<std::string> header;
  if (!upload.spooled_path.empty()) {
    std::error_code error;
    size = static_cast<int64_t>(std::filesystem::file_size(upload.spooled_path, error));
    if (error) size = 0;
    std::ifstream in(upload.spooled_path, std::ios::binary);
    RAPPORT_ASSIGN_OR_RETURN(header, PeekHeader(in, request));
  } else {
    std::istringstream in{std::string(upload.body)};
    RAPPORT_ASSIGN_OR_RETURN(header, PeekHeader(in, request));
  }
  if (size == 0) return Error::Invalid("body", "is empty: send the file as the body");
  RAPPORT_ASSIGN_OR_RETURN(
      JobRef job, StartImportJob(adapters_, database_, *access, context, request, header, size));
  const std::string path = transfer_dir_ + "/" + job.id + ".upload";
  if (!upload.spooled_path.empty()) {
    std::error_code moved;
    std::filesystem::rename(upload.spooled_path, path, moved);
    if (moved) return Error::Internal("could not keep the upload");
  } else {
    RAPPORT_RETURN_IF_ERROR(CreatePrivateFile(path));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(upload.body.data(), static_cast<std::streamsize>(upload.body.size()));
    if (!out) return Error::Internal("could not store the upload");
  }
  const bool queued = runner_->Submit(job.id, [this, access, context, request, job, path, size] {
    std::ifstream in(path, std::ios::binary);
    // The outcome is in the job row, which the client polls.
    (void)RunImport(adapters_, database_, *access, context, request, job, in, size,
                    Reporter(job.id));
    RemoveQuietly(path);  // the data now lives in the database, or nowhere
  });
  if (!queued) return Error::Unavailable("The server is shutting down.");
  return job;
}

Result<ImportResult> TransferService::ImportNow(const access::Access& access,
                                                const storage::WriteContext& context,
                                                const ImportRequest& request,
                                                const std::string& path,
                                                const ImportProgressFunction& on_progress) {
  std::error_code size_error;
  const int64_t size = static_cast<int64_t>(std::filesystem::file_size(path, size_error));
  std::ifstream peek(path, std::ios::binary);
  if (!peek || size_error) return Error::Invalid("FILE", "cannot read " + path);
  RAPPORT_ASSIGN_OR_RETURN(auto header, PeekHeader(peek, request));
  RAPPORT_ASSIGN_OR_RETURN(
      JobRef job, StartImportJob(adapters_, database_, access, context, request, header, size));
  std::ifstream in(path, std::ios::binary);
  return RunImport(adapters_, database_, access, context, request, job, in, size, on_progress);
}

Result<json::object> TransferService::Revert(const access::Access& access,
                                             const storage::WriteContext& context,
                                             const std::string& id) {
  return RevertImport(adapters_, database_, access, context, id);
}

std::string TransferService::ExportPath(const std::string& id, TransferFormat format) const {
  return transfer_dir_ + "/" + id + std::string(ExportExtension(format));
}

Result<JobRef> TransferService::SubmitExport(std::shared_ptr<const access::Access> access,
                                             const storage::WriteContext& context,
                                             const ExportRequest& request) {
  RAPPORT_ASSIGN_OR_RETURN(JobRef job,
                           StartExportJob(adapters_, database_, *access, context, request));
  const std::string path = ExportPath(job.id, request.format);
  const bool queued = runner_->Submit(job.id, [this, access, request, job, path] {
    if (Status created = CreatePrivateFile(path); !created.ok()) {
      (void)FinishJob(database_, job, JobStatus::kFailed, {}, created.error().message, {});
      return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    auto result = RunExport(adapters_, database_, *access, request, job, out, Reporter(job.id));
    out.close();
    if (!result.ok()) RemoveQuietly(path);  // a partial file is no one's export
  });
  if (!queued) return Error::Unavailable("The server is shutting down.");
  return job;
}

Result<std::pair<JobRef, JobCounts>> TransferService::ExportNow(
    const access::Access& access, const storage::WriteContext& context,
    const ExportRequest& request, const std::string& file_name, std::ostream& out,
    const ExportProgressFunction& on_progress, int64_t max_records) {
  if (max_records > 0) {
    RAPPORT_RETURN_IF_ERROR(ValidateExport(adapters_, database_, access, request));
    RAPPORT_ASSIGN_OR_RETURN(int64_t count, CountExport(adapters_, database_, access, request));
    if (count > max_records) {
      return Error::TooLarge("The export holds " + std::to_string(count) +
                             " records, more than the " + std::to_string(max_records) +
                             " answered at once: POST /api/v1/exports to run it as a job.");
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(
      JobRef job, StartExportJob(adapters_, database_, access, context, request, file_name));
  RAPPORT_ASSIGN_OR_RETURN(JobCounts counts,
                           RunExport(adapters_, database_, access, request, job, out, on_progress));
  return std::make_pair(job, counts);
}

Result<ExportFile> TransferService::FinishedExport(const access::Access& access,
                                                   const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(json::object job,
                           transfer::GetJob(database_, access, JobKind::kExport, id));
  const std::string status(job.at("status").as_string());
  const std::string object(job.at("object_type").as_string());
  const std::optional<JobStatus> parsed = ParseJobStatus(status);
  if (parsed == JobStatus::kExpired) {  // the retention sweep deleted its file
    return Error::NotFound("The file of export " + id +
                           " has expired and was deleted; export again.");
  }
  if (parsed != JobStatus::kCompleted) {
    if (const json::value& why = job.at("message"); why.is_string()) {
      return Error::Conflict("The export is " + status + ": " + std::string(why.as_string()));
    }
    return Error::Conflict("The export is " + status + "; its file is ready once it completes.");
  }
  // The file is customer data: whoever may no longer export the object may not fetch it either.
  RAPPORT_RETURN_IF_ERROR(CheckExportPermission(adapters_, access, object));
  const json::value* format_value = job.at("options").as_object().if_contains("format");
  const TransferFormat format =
      format_value && format_value->is_string()
          ? ParseTransferFormat(format_value->as_string()).value_or(TransferFormat::kCsv)
          : TransferFormat::kCsv;
  ExportFile file{.path = ExportPath(id, format),
                  .content_type = ExportContentType(format),
                  .download_name = ExportDownloadName(object, id, format)};
  if (!std::filesystem::exists(file.path)) {
    return Error::NotFound("The file of export " + id + " is not kept (it was answered at once).");
  }
  return file;
}

Result<json::object> TransferService::GetJob(const access::Access& access, JobKind kind,
                                             const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(json::object job, transfer::GetJob(database_, access, kind, id));
  if (runner_ != nullptr) {
    if (auto live = runner_->Live(id)) ApplyLiveCounts(job, *live);
  }
  return job;
}

Result<Page> TransferService::ListJobs(const access::Access& access, JobKind kind, int limit,
                                       const std::optional<std::string>& cursor) {
  return transfer::ListJobs(database_, access, kind, limit, cursor);
}

}  // namespace rapport::transfer
