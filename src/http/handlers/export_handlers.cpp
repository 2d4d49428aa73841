// /api/v1/exports: export customers, companies, products, orders or interactions as CSV, NDJSON
// or vCard (docs/export.md). POST starts a job that writes a file in the transfer directory
// (mode 0600: it holds customer data); the client follows its progress and downloads the file.
// GET with `object` in the query answers a small export at once. Either way the export runs with
// the caller's Access, so it holds exactly what the caller may read and export, hidden fields
// removed, and every export leaves a job row saying who exported what.
#include <fstream>
#include <sstream>

#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "transfer/transfer_service.hpp"

namespace rapport::http {
namespace {

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

Response Start(ApiServices& s, const Request& request, const Caller& caller) {
  auto body = ParseBody(request);
  if (!body.ok()) return ErrorResponse(request, body.error());
  auto export_request = transfer::ExportRequestFromJson(s.transfers.adapters(), *body);
  if (!export_request.ok()) return ErrorResponse(request, export_request.error());
  auto job = s.transfers.SubmitExport(caller.access, caller.Context(), *export_request);
  if (!job.ok()) return ErrorResponse(request, job.error());
  auto served = s.transfers.GetJob(caller.Access(), transfer::JobKind::kExport, job->id);
  if (!served.ok()) return ErrorResponse(request, served.error());
  return Response::Json(202, *served).WithHeader("Location", "/api/v1/exports/" + job->id);
}

// GET /exports?object=...: the file itself when the set is small, else 413 pointing at POST.
Response Inline(ApiServices& s, const Request& request, const Caller& caller) {
  auto options = OptionsFromQuery(request);
  if (!options.ok()) return ErrorResponse(request, options.error());
  auto export_request = transfer::ExportRequestFromJson(s.transfers.adapters(), *options);
  if (!export_request.ok()) return ErrorResponse(request, export_request.error());
  std::ostringstream out;
  auto done = s.transfers.ExportNow(caller.Access(), caller.Context(), *export_request, {}, out, {},
                                    transfer::kMaxInlineExportRecords);
  if (!done.ok()) return ErrorResponse(request, done.error());
  const std::string& id = done->first.id;
  Response response;
  response.content_type = std::string(transfer::ExportContentType(export_request->format));
  response.body = std::move(out).str();
  return response
      .WithHeader(
          "Content-Disposition",
          "attachment; filename=\"" +
              transfer::ExportDownloadName(export_request->object, id, export_request->format) +
              "\"")
      .WithHeader("Content-Location", "/api/v1/exports/" + id);
}

Response Download(ApiServices& s, const Request& request, const Caller& caller,
                  const std::string& id) {
  auto file = s.transfers.FinishedExport(caller.Access(), id);
  if (!file.ok()) return ErrorResponse(request, file.error());
  std::ifstream in(file->path, std::ios::binary);
  if (!in) {
    return ErrorResponse(request, Error::NotFound("The file of export " + id +
                                                  " is not kept (it was answered at once)."));
  }
  std::ostringstream content;
  content << in.rdbuf();
  Response response;
  response.content_type = std::string(file->content_type);
  response.body = std::move(content).str();
  return response.WithHeader("Content-Disposition",
                             "attachment; filename=\"" + file->download_name + "\"");
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
                    request, s.transfers.ListJobs(caller.Access(), transfer::JobKind::kExport,
                                                  *limit, request.Query("cursor")));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/exports/{id}",
       .summary = "An export's status, record counts and progress (percent)",
       .tag = "exports",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto job =
             s.transfers.GetJob(caller.Access(), transfer::JobKind::kExport, params.at("id"));
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
