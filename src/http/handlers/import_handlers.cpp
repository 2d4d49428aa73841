// /api/v1/imports: upload a CSV or vCard file (the request body; options in the query string),
// get 202 and a job, follow its progress, fetch its error report, revert it. The file is kept in
// the transfer directory only until its job has run. Imports run one at a time on the JobRunner,
// with the uploader's Access captured at upload time: record access applies as in the API.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "transfer/importer.hpp"

namespace rapport::http {
namespace {

bool Flag(const Request& request, const std::string& name) {
  const auto value = request.Query(name);
  return value && (*value == "true" || *value == "1" || value->empty());
}

Result<transfer::ImportRequest> RequestFrom(const Request& request) {
  transfer::ImportRequest import;
  const std::string object = request.Query("object").value_or("");
  auto parsed_object = transfer::ParseImportObject(object);
  if (!parsed_object) {
    return Error::Invalid("object",
                          "must be customers, companies, products, orders or interactions");
  }
  auto mode = transfer::ParseImportMode(request.Query("mode").value_or("create"));
  if (!mode) return Error::Invalid("mode", "must be create, update or upsert");
  import.settings = {.object = *parsed_object,
                     .mode = *mode,
                     .match = request.Query("match").value_or(""),
                     .dry_run = Flag(request, "dry_run")};
  import.atomic = Flag(request, "atomic");
  const std::string content_type = request.Header("content-type").value_or("text/csv");
  import.format = request.Query("format").value_or(
      content_type.rfind("text/vcard", 0) == 0 || content_type.rfind("text/x-vcard", 0) == 0
          ? "vcard"
          : "csv");
  import.file_name = request.Query("file_name").value_or("upload");
  if (auto mapping = request.Query("mapping"); mapping && !mapping->empty()) {
    auto parsed = ParseJson(*mapping);
    if (!parsed.ok()) return Error::Invalid("mapping", "is not valid JSON");
    import.mapping = std::move(parsed).value();
  }
  if (auto delimiter = request.Query("delimiter"); delimiter && !delimiter->empty()) {
    if (delimiter->size() != 1 && *delimiter != "tab") {
      return Error::Invalid("delimiter", "must be one character, or tab");
    }
    import.csv.delimiter = *delimiter == "tab" ? '\t' : (*delimiter)[0];
  }
  if (request.body.empty() && request.body_file.empty()) {
    return Error::Invalid("body", "is empty: send the file as the body");
  }
  return import;
}

// The job as served, with the live counts of a running job.
Result<json::object> JobWithLiveProgress(ApiServices& s, const Caller& caller,
                                         const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(json::object job,
                           transfer::GetJob(s.database, caller.Access(), "import", id));
  if (auto live = s.jobs.Live(id)) transfer::ApplyLiveCounts(job, *live);
  return job;
}

Response Upload(ApiServices& s, const Request& request, const Caller& caller) {
  auto import = RequestFrom(request);
  if (!import.ok()) return ErrorResponse(request, import.error());
  // The body arrives spooled to a file (the server's upload directory) or, without one, in
  // memory; either way the job reads it from its own file.
  int64_t size = 0;
  if (!request.body_file.empty()) {
    std::error_code error;
    size = static_cast<int64_t>(std::filesystem::file_size(request.body_file, error));
    if (error || size == 0) {
      return ErrorResponse(request, Error::Invalid("body", "is empty: send the file as the body"));
    }
  } else {
    size = static_cast<int64_t>(request.body.size());
  }
  std::vector<std::string> header;
  if (import->format == "csv") {
    std::ifstream spooled;
    std::istringstream in_memory;
    std::istream* peek = &in_memory;
    if (!request.body_file.empty()) {
      spooled.open(request.body_file, std::ios::binary);
      peek = &spooled;
    } else {
      in_memory.str(request.body);
    }
    transfer::CsvReader reader(*peek, import->csv);
    auto first = reader.Next();
    if (!first.ok()) return ErrorResponse(request, first.error());
    if (*first) header = std::move(**first);
  }
  storage::WriteContext context = caller.Context();
  context.via = "import";
  auto job = transfer::StartImportJob(s.database, caller.Access(), context, *import, header, size);
  if (!job.ok()) return ErrorResponse(request, job.error());
  const std::string path = s.transfer_dir + "/" + job->id + ".upload";
  if (!request.body_file.empty()) {
    std::error_code moved;
    std::filesystem::rename(request.body_file, path, moved);
    if (moved) return ErrorResponse(request, Error::Internal("could not keep the upload"));
  } else {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
    if (!out) return ErrorResponse(request, Error::Internal("could not store the upload"));
    ::chmod(path.c_str(), 0600);  // uploads hold customer data: readable by the server only
  }
  auto access = caller.access;
  const transfer::JobRef ref = *job;
  const transfer::ImportRequest settings = *import;
  const bool queued = s.jobs.Submit(ref.id, [&s, access, context, ref, settings, path, size] {
    std::ifstream in(path, std::ios::binary);
    auto result = transfer::RunImport(
        s.database, *access, context, settings, ref, in, size,
        [&s, &ref](const transfer::JobCounts& counts) { s.jobs.Report(ref.id, counts); });
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // the data now lives in the database, or nowhere
    (void)result;  // the outcome is in the job row, which the client polls
  });
  if (!queued) return ErrorResponse(request, Error::Unavailable("The server is shutting down."));
  auto served = JobWithLiveProgress(s, caller, ref.id);
  if (!served.ok()) return ErrorResponse(request, served.error());
  return Response::Json(202, *served).WithHeader("Location", "/api/v1/imports/" + ref.id);
}

}  // namespace

void AddImportRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/imports",
              .summary = "Upload a CSV or vCard file to import (body: the file; query: object, "
                         "mode, match, dry_run, atomic, format, mapping, delimiter) → 202 + job",
              .tag = "imports",
              .success_status = 202,
              .handler = [&s](const Request& request, const PathParams&,
                              const Caller& caller) { return Upload(s, request, caller); },
              .upload = true,
              // Refused from the headers, before the file is read: an unknown object or one the
              // caller may not import.
              .admit = [](const Request& head, const Caller& caller) -> Status {
                auto object = transfer::ParseImportObject(head.Query("object").value_or(""));
                if (!object) {
                  return Error::Invalid(
                      "object", "must be customers, companies, products, orders or interactions");
                }
                return transfer::CheckMayImport(*object, caller.Access());
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/imports",
              .summary = "My imports, newest first (administrators: everyone's)",
              .tag = "imports",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto limit = ParseLimit(request.Query("limit"));
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                return PageResponse(
                    request, transfer::ListJobs(s.database, caller.Access(), "import", *limit,
                                                request.Query("cursor")));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/imports/{id}",
       .summary = "An import's status, counts and progress (percent)",
       .tag = "imports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto job = JobWithLiveProgress(s, caller, params.at("id"));
         if (!job.ok()) return ErrorResponse(request, job.error());
         return Response::Json(200, *job);
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/imports/{id}/errors",
       .summary = "The error report as CSV: row, line, column, value, reason",
       .tag = "imports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto errors = transfer::JobErrors(s.database, caller.Access(), "import", params.at("id"));
         if (!errors.ok()) return ErrorResponse(request, errors.error());
         std::ostringstream out;
         transfer::WriteErrorReport(out, *errors);
         Response response;
         response.content_type = "text/csv; charset=utf-8";
         response.body = out.str();
         return response.WithHeader("Content-Disposition",
                                    "attachment; filename=\"" + params.at("id") + "-errors.csv\"");
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/imports/{id}/revert",
       .summary = "Remove the records the import created (those changed since are kept)",
       .tag = "imports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         storage::WriteContext context = caller.Context();
         context.via = "import";
         auto job = transfer::RevertImport(s.database, caller.Access(), context, params.at("id"));
         if (!job.ok()) return ErrorResponse(request, job.error());
         return Response::Json(200, *job);
       }});
}

}  // namespace rapport::http
