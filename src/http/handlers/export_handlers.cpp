// /api/v1/exports: export customers, companies, products, orders or interactions as CSV, NDJSON
// or vCard (docs/export.md). POST starts a job that writes a file in the transfer directory
// (mode 0600: it holds customer data); the client follows its progress and downloads the file.
// GET with `object` in the query answers a small export at once. Either way the export runs with
// the caller's Access, so it holds exactly what the caller may read and export, hidden fields
// removed, and every export leaves a job row saying who exported what.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "transfer/export_retention.hpp"
#include "transfer/exporter.hpp"

namespace rapport::http {
namespace {

std::string FilePath(const ApiServices& s, const std::string& id, std::string_view format) {
  return s.transfer_dir + "/" + id + std::string(transfer::ExportExtension(format));
}

// The name a download is saved under: "customers-exp_01J....csv".
std::string DownloadName(const std::string& object, const std::string& id,
                         std::string_view format) {
  return object + "-" + id + std::string(transfer::ExportExtension(format));
}

// The export options of a GET: the query string as the POST body's keys, with
// neutralise_formulas given as true/false.
Result<json::object> OptionsFromQuery(const Request& request) {
  json::object options;
  for (const auto& [key, value] : request.query) {
    if (key == "neutralise_formulas") {
      if (value != "true" && value != "false") {
        return Error::Invalid("neutralise_formulas", "must be true or false");
      }
      options[key] = value == "true";
    } else {
      options[key] = value;
    }
  }
  return options;
}

// The job as served, with the live counts of a running job (its row is written at the start and
// the end only; the runner holds the counts in between).
Result<json::object> JobWithLiveProgress(ApiServices& s, const Caller& caller,
                                         const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(json::object job,
                           transfer::GetJob(s.database, caller.Access(), "export", id));
  if (auto live = s.jobs.Live(id)) transfer::ApplyLiveCounts(job, *live);
  return job;
}

// Creates the export file readable by the server's user only, before any data goes in.
Status CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("could not create the export file");
  ::close(fd);
  return OkStatus();
}

Response Start(ApiServices& s, const Request& request, const Caller& caller) {
  auto body = ParseBody(request);
  if (!body.ok()) return ErrorResponse(request, body.error());
  auto export_request = transfer::ExportRequestFromJson(*body);
  if (!export_request.ok()) return ErrorResponse(request, export_request.error());
  auto job =
      transfer::StartExportJob(s.database, caller.Access(), caller.Context(), *export_request);
  if (!job.ok()) return ErrorResponse(request, job.error());
  const std::string path = FilePath(s, job->id, export_request->format);
  auto access = caller.access;
  const transfer::JobRef ref = *job;
  const transfer::ExportRequest settings = *export_request;
  const bool queued = s.jobs.Submit(ref.id, [&s, access, ref, settings, path] {
    if (Status created = CreatePrivateFile(path); !created.ok()) {
      (void)transfer::FinishJob(s.database, ref, "failed", {}, created.error().message, {});
      return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    auto result = transfer::RunExport(
        s.database, *access, settings, ref, out,
        [&s, &ref](const transfer::JobCounts& counts) { s.jobs.Report(ref.id, counts); });
    out.close();
    if (!result.ok()) {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);  // a partial file is no one's export
    }
  });
  if (!queued) return ErrorResponse(request, Error::Unavailable("The server is shutting down."));
  auto served = JobWithLiveProgress(s, caller, ref.id);
  if (!served.ok()) return ErrorResponse(request, served.error());
  return Response::Json(202, *served).WithHeader("Location", "/api/v1/exports/" + ref.id);
}

// GET /exports?object=...: the file itself when the set is small, else 413 pointing at POST.
Response Inline(ApiServices& s, const Request& request, const Caller& caller) {
  auto options = OptionsFromQuery(request);
  if (!options.ok()) return ErrorResponse(request, options.error());
  auto export_request = transfer::ExportRequestFromJson(*options);
  if (!export_request.ok()) return ErrorResponse(request, export_request.error());
  if (Status valid = transfer::ValidateExport(s.database, caller.Access(), *export_request);
      !valid.ok()) {
    return ErrorResponse(request, valid.error());
  }
  auto count = transfer::CountExport(s.database, caller.Access(), *export_request);
  if (!count.ok()) return ErrorResponse(request, count.error());
  if (*count > transfer::kMaxInlineExportRecords) {
    return ErrorResponse(
        request,
        Error::TooLarge("The export holds " + std::to_string(*count) + " records, more than the " +
                        std::to_string(transfer::kMaxInlineExportRecords) +
                        " answered at once: POST /api/v1/exports to run it as a job."));
  }
  auto job =
      transfer::StartExportJob(s.database, caller.Access(), caller.Context(), *export_request);
  if (!job.ok()) return ErrorResponse(request, job.error());
  std::ostringstream out;
  auto result = transfer::RunExport(s.database, caller.Access(), *export_request, *job, out, {});
  if (!result.ok()) return ErrorResponse(request, result.error());
  Response response;
  response.content_type = std::string(transfer::ExportContentType(export_request->format));
  response.body = std::move(out).str();
  const std::string object(transfer::ImportObjectName(export_request->object));
  return response
      .WithHeader(
          "Content-Disposition",
          "attachment; filename=\"" + DownloadName(object, job->id, export_request->format) + "\"")
      .WithHeader("Content-Location", "/api/v1/exports/" + job->id);
}

Response Download(ApiServices& s, const Request& request, const Caller& caller,
                  const std::string& id) {
  auto job = transfer::GetJob(s.database, caller.Access(), "export", id);
  if (!job.ok()) return ErrorResponse(request, job.error());
  const std::string status(job->at("status").as_string());
  const std::string object(job->at("object_type").as_string());
  if (status == transfer::kExpiredStatus) {  // its file was deleted after the retention period
    return ErrorResponse(request, Error::NotFound("The file of export " + id +
                                                  " has expired and was deleted; export again."));
  }
  if (status != "completed") {
    std::string message = "The export is " + status + "; its file is ready once it completes.";
    if (const json::value& why = job->at("message"); why.is_string()) {
      message = "The export is " + status + ": " + std::string(why.as_string());
    }
    return ErrorResponse(request, Error::Conflict(message));
  }
  // The file is customer data: whoever may no longer export the object may not fetch it either.
  if (auto parsed = transfer::ParseImportObject(object)) {
    if (Status allowed = transfer::CheckExportPermission(caller.Access(), *parsed); !allowed.ok()) {
      return ErrorResponse(request, allowed.error());
    }
  }
  const json::value* format_value = job->at("options").as_object().if_contains("format");
  const std::string format(format_value && format_value->is_string() ? format_value->as_string()
                                                                     : "csv");
  std::ifstream in(FilePath(s, id, format), std::ios::binary);
  if (!in) {
    return ErrorResponse(request, Error::NotFound("The file of export " + id +
                                                  " is not kept (it was answered at once)."));
  }
  std::ostringstream content;
  content << in.rdbuf();
  Response response;
  response.content_type = std::string(transfer::ExportContentType(format));
  response.body = std::move(content).str();
  return response.WithHeader("Content-Disposition",
                             "attachment; filename=\"" + DownloadName(object, id, format) + "\"");
}

}  // namespace

void AddExportRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/exports",
              .summary = "Start an export job: {object, format: csv | ndjson | vcard, filter?, q?, "
                         "customer_id?, neutralise_formulas?} → 202 + job",
              .tag = "exports",
              .success_status = 202,
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                return Start(s, request, caller);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/exports",
              .summary = "My export jobs, newest first (administrators: everyone's); with "
                         "?object=... the export itself, at once, up to 10,000 records",
              .tag = "exports",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (request.Query("object")) return Inline(s, request, caller);
                auto limit = ParseLimit(request.Query("limit"));
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                return PageResponse(
                    request, transfer::ListJobs(s.database, caller.Access(), "export", *limit,
                                                request.Query("cursor")));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/exports/{id}",
       .summary = "An export's status, record counts and progress (percent)",
       .tag = "exports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto job = JobWithLiveProgress(s, caller, params.at("id"));
         if (!job.ok()) return ErrorResponse(request, job.error());
         return Response::Json(200, *job);
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/exports/{id}/file",
       .summary = "The finished export's file (409 until the job has completed)",
       .tag = "exports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return Download(s, request, caller, params.at("id"));
       }});
}

}  // namespace rapport::http
