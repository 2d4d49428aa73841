// Ticket attachments: POST /api/v1/tickets/{id}/attachments (the raw file as the body, its name in
// ?name= or X-File-Name) and GET /api/v1/attachments/{id} (the file, as a download only). Thin:
// the support area decides (support/attachment_service.hpp).
#include <charconv>

#include "http/api.hpp"
#include "http/file_download.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kPrefix = "/api/v1/tickets/";

// The ticket id of an upload path ("/api/v1/tickets/{id}/attachments"), from the headers alone.
std::string TicketOfPath(const std::string& path) {
  if (path.rfind(kPrefix, 0) != 0) return {};
  const size_t end = path.find('/', kPrefix.size());
  return path.substr(kPrefix.size(), end == std::string::npos ? end : end - kPrefix.size());
}

Response Upload(ApiServices& s, const Request& request, const PathParams& params,
                const Caller& caller) {
  auto bytes = ReadUploadBody(request);
  if (!bytes.ok()) return ErrorResponse(request, bytes.error());
  std::string name = request.Query("name").value_or(request.Header("x-file-name").value_or(""));
  auto uploaded = s.attachments.Upload(caller.Access(), caller.Context(), params.at("id"),
                                       {.declared_name = std::move(name), .bytes = *bytes});
  if (!uploaded.ok()) return ErrorResponse(request, uploaded.error());
  return Response::Json(201, *uploaded)
      .WithHeader("Location", "/api/v1/attachments/" + std::string(uploaded->at("id").as_string()));
}

Response Download(ApiServices& s, const Request& request, const PathParams& params,
                  const Caller& caller) {
  auto file = s.attachments.Open(caller.Access(), params.at("id"));
  if (!file.ok()) return ErrorResponse(request, file.error());
  auto bytes = s.attachments.ReadFile(*file);
  if (!bytes.ok()) return ErrorResponse(request, bytes.error());
  return FileDownload(std::move(*bytes), file->attachment.type, file->attachment.name);
}

}  // namespace

void AddAttachmentRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/tickets/{id}/attachments",
              .summary = "Upload a file to a ticket (body: the file; ?name= or X-File-Name: its "
                         "name); a following message names it in attachment_ids",
              .tag = "tickets",
              .success_status = 201,
              .response_schema = "TicketAttachment",
              .handler = [&s](const Request& request, const PathParams& params,
                              const Caller& caller) { return Upload(s, request, params, caller); },
              .upload = true,
              // Refused from the headers, before the file is read: too large, or a ticket the
              // caller may not work.
              .admit = [&s](const Request& head, const Caller& caller) -> Status {
                const std::string length = head.Header("content-length").value_or("0");
                uint64_t bytes = 0;
                std::from_chars(length.data(), length.data() + length.size(), bytes);
                if (bytes > s.attachments.max_bytes()) {
                  return Error::TooLarge("An attachment may be at most " +
                                         std::to_string(s.attachments.max_bytes()) + " bytes.");
                }
                return s.attachments.CheckMayUpload(caller.Access(), TicketOfPath(head.path));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/attachments/{id}",
       .summary = "Download an attachment (readers of its ticket only; always as a download, "
                  "nosniff, sandboxed)",
       .tag = "tickets",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return Download(s, request, params, caller);
       }});
}

}  // namespace rapport::http
