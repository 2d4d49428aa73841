// /api/v1/imports: upload a CSV or vCard file (the request body; options in the query string),
// get 202 and a job, follow its progress, fetch its error report, revert it. The file is kept in
// the transfer directory only until its job has run. Imports run one at a time on the JobRunner,
// with the uploader's Access captured at upload time: record access applies as in the API.
#include <sstream>

#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "transfer/transfer_service.hpp"

namespace rapport::http {
namespace {

bool Flag(const Request& request, const std::string& name) {
  const auto value = request.Query(name);
  return value && (*value == "true" || *value == "1" || value->empty());
}

Result<transfer::ImportRequest> RequestFrom(const Request& request) {
  transfer::ImportRequest import;
  auto mode = transfer::ParseImportMode(request.Query("mode").value_or("create"));
  if (!mode) return Error::Invalid("mode", "must be create, update or upsert");
  // The object was checked against the adapters from the headers (admit, below).
  import.settings = {.object = request.Query("object").value_or(""),
                     .mode = *mode,
                     .match = request.Query("match").value_or(""),
                     .dry_run = Flag(request, "dry_run")};
  import.atomic = Flag(request, "atomic");
  const std::string content_type = request.Header("content-type").value_or("text/csv");
  const bool vcard_type =
      content_type.rfind("text/vcard", 0) == 0 || content_type.rfind("text/x-vcard", 0) == 0;
  const std::string format = request.Query("format").value_or(vcard_type ? "vcard" : "csv");
  auto parsed_format = transfer::ParseTransferFormat(format);
  if (!parsed_format) return Error::Invalid("format", "must be csv or vcard");
  import.format = *parsed_format;
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

Response Upload(ApiServices& s, const Request& request, const Caller& caller) {
  auto import = RequestFrom(request);
  if (!import.ok()) return ErrorResponse(request, import.error());
  storage::WriteContext context = caller.Context();
  context.via = "import";
  // The body arrives spooled to a file (the server's upload directory) or, without one, in
  // memory; either way the job reads it from its own file.
  auto job = s.transfers.SubmitImport(caller.access, context, *import,
                                      {.spooled_path = request.body_file, .body = request.body});
  if (!job.ok()) return ErrorResponse(request, job.error());
  auto served = s.transfers.GetJob(caller.Access(), transfer::JobKind::kImport, job->id);
  if (!served.ok()) return ErrorResponse(request, served.error());
  return Response::Json(202, *served).WithHeader("Location", "/api/v1/imports/" + job->id);
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
              .admit = [&s](const Request& head, const Caller& caller) -> Status {
                RAPPORT_ASSIGN_OR_RETURN(
                    const transfer::ObjectAdapter* adapter,
                    s.transfers.adapters().Get(head.Query("object").value_or(""), "object"));
                return adapter->CheckMayImport(caller.Access());
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/imports",
              .summary = "My imports, newest first (administrators: everyone's)",
              .tag = "imports",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto limit = ParseLimit(request.Query("limit"));
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                return PageResponse(
                    request, s.transfers.ListJobs(caller.Access(), transfer::JobKind::kImport,
                                                  *limit, request.Query("cursor")));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/imports/{id}",
       .summary = "An import's status, counts and progress (percent)",
       .tag = "imports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto job =
             s.transfers.GetJob(caller.Access(), transfer::JobKind::kImport, params.at("id"));
         if (!job.ok()) return ErrorResponse(request, job.error());
         return Response::Json(200, *job);
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/imports/{id}/errors",
       .summary = "The error report as CSV: row, line, column, value, reason",
       .tag = "imports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto errors = transfer::JobErrors(s.database, caller.Access(), transfer::JobKind::kImport,
                                           params.at("id"));
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
         auto job = s.transfers.Revert(caller.Access(), context, params.at("id"));
         if (!job.ok()) return ErrorResponse(request, job.error());
         return Response::Json(200, *job);
       }});
}

}  // namespace rapport::http
