// Files in the chat (docs/design/chat.md § Files). The agent side, signed in: POST
// /api/v1/chats/{id}/files (the raw file as the body, ?name= or X-File-Name) and GET
// /api/v1/chat-files/{id}. The visitor side, public: POST /widget/files and GET
// /widget/files/{id}, each with the visitor's signed token in ?visitor_token= and from an allowed
// website (Origin). They are CORS "simple" requests (the widget sends the file as text/plain, no
// custom header), so no preflight is needed; the answer names the Origin so the widget may read
// it. The socket then carries only the message with the files' ids. Thin: chat_files.hpp decides.
#include <charconv>
#include <memory>

#include "common/time.hpp"
#include "http/api.hpp"
#include "http/file_download.hpp"
#include "http/handler_support.hpp"
#include "http/rate_limiter.hpp"
#include "support/chat/allowed_sites.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kVisitorPurpose = "chat_visitor";  // the widget socket's tokens
constexpr std::string_view kChatsPrefix = "/api/v1/chats/";
// A visitor sends a few files a minute; more from one address is refused (429).
constexpr int64_t kVisitorUploadsPerMinute = 20;

// The conversation id of an upload path ("/api/v1/chats/{id}/files"), from the headers alone.
std::string ConversationOfPath(const std::string& path) {
  if (path.rfind(kChatsPrefix, 0) != 0) return {};
  const size_t end = path.find('/', kChatsPrefix.size());
  return path.substr(kChatsPrefix.size(),
                     end == std::string::npos ? end : end - kChatsPrefix.size());
}

Status CheckLength(const Request& head, size_t max_bytes) {
  const std::string length = head.Header("content-length").value_or("0");
  uint64_t bytes = 0;
  std::from_chars(length.data(), length.data() + length.size(), bytes);
  if (bytes > max_bytes) {
    return Error::TooLarge("A file may be at most " + std::to_string(max_bytes) + " bytes.");
  }
  return OkStatus();
}

std::string FileName(const Request& request) {
  return request.Query("name").value_or(request.Header("x-file-name").value_or(""));
}

// The visitor a public request speaks for: an allowed website's page holding a genuine token.
// Every refusal is the same 404, so nothing tells a prober which part failed.
struct Visitor {
  std::string id;
  std::string origin;
};

Result<Visitor> VisitorOf(ApiServices& s, const Request& request) {
  const auto missing = [] { return Error::NotFound("No such file or conversation."); };
  const auto origin = request.Header("origin");
  if (!origin) return Error::PermissionDenied("The chat is open only to the allowed websites.");
  const auto token = request.Query("visitor_token");
  if (!token || s.public_tokens == nullptr) return missing();
  auto settings = s.chat->Settings();
  if (!settings.ok()) return settings.error();
  if (!support::chat::OriginAllowed(*settings, *origin))
    return Error::PermissionDenied("The chat is open only to the allowed websites.");
  auto visitor = s.public_tokens->Verify(kVisitorPurpose, *token, NowMillis() / 1000);
  if (!visitor.ok()) return missing();
  return Visitor{.id = *visitor, .origin = *origin};
}

// The widget (another origin) may read the answer; caches keep answers per Origin apart.
Response ForWidget(Response response, const std::string& origin) {
  return response.WithHeader("Access-Control-Allow-Origin", origin).WithHeader("Vary", "Origin");
}

Response VisitorUpload(ApiServices& s, const Request& request) {
  auto visitor = VisitorOf(s, request);
  if (!visitor.ok()) return ErrorResponse(request, visitor.error());
  auto bytes = ReadUploadBody(request);
  if (!bytes.ok()) return ForWidget(ErrorResponse(request, bytes.error()), visitor->origin);
  const storage::WriteContext context{
      .actor = "visitor:" + visitor->id, .request_id = request.request_id, .via = "public"};
  auto uploaded = s.chat_files->VisitorUpload(context, visitor->id, FileName(request), *bytes);
  if (!uploaded.ok()) return ForWidget(ErrorResponse(request, uploaded.error()), visitor->origin);
  return ForWidget(Response::Json(201, *uploaded), visitor->origin);
}

Response VisitorDownload(ApiServices& s, const Request& request, const std::string& id) {
  auto visitor = VisitorOf(s, request);
  if (!visitor.ok()) return ErrorResponse(request, visitor.error());
  auto file = s.chat_files->VisitorOpen(visitor->id, id);
  if (!file.ok()) return ForWidget(ErrorResponse(request, file.error()), visitor->origin);
  auto bytes = s.chat_files->Read(*file);
  if (!bytes.ok()) return ForWidget(ErrorResponse(request, bytes.error()), visitor->origin);
  return ForWidget(FileDownload(std::move(*bytes), file->type, file->name), visitor->origin);
}

void AddAgentRoutes(Router& router, ApiServices& s) {
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/chats/{id}/files",
       .summary = "Upload a file to a chat (body: the file; ?name= or X-File-Name: its name); the "
                  "next reply names it in attachment_ids",
       .tag = "chat",
       .success_status = 201,
       .response_schema = "ChatFile",
       .handler =
           [&s](const Request& request, const PathParams& params, const Caller& caller) {
             auto bytes = ReadUploadBody(request);
             if (!bytes.ok()) return ErrorResponse(request, bytes.error());
             auto uploaded = s.chat_files->AgentUpload(caller.Access(), caller.Context(),
                                                       params.at("id"), FileName(request), *bytes);
             if (!uploaded.ok()) return ErrorResponse(request, uploaded.error());
             return Response::Json(201, *uploaded);
           },
       .upload = true,
       // Refused from the headers, before the file is read: too large, or a chat the caller
       // may not work.
       .admit = [&s](const Request& head, const Caller& caller) -> Status {
         RAPPORT_RETURN_IF_ERROR(CheckLength(head, s.chat_files->max_bytes()));
         return s.chat_files->CheckAgentMayUpload(caller.Access(), ConversationOfPath(head.path));
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/chat-files/{id}",
       .summary = "Download a chat file (readers of its conversation only; always as a download)",
       .tag = "chat",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto file = s.chat_files->AgentOpen(caller.Access(), params.at("id"));
         if (!file.ok()) return ErrorResponse(request, file.error());
         auto bytes = s.chat_files->Read(*file);
         if (!bytes.ok()) return ErrorResponse(request, bytes.error());
         return FileDownload(std::move(*bytes), file->type, file->name);
       }});
}

void AddVisitorRoutes(Router& router, ApiServices& s) {
  auto limiter = std::make_shared<RateLimiter>(kVisitorUploadsPerMinute);
  router.Add({.method = "POST",
              .pattern = "/widget/files",
              .summary = "The chat widget's upload to the visitor's open conversation (body: the "
                         "file; ?name=, ?visitor_token=; an allowed Origin)",
              .tag = "chat",
              .requires_auth = false,
              .success_status = 201,
              .response_schema = "ChatFile",
              .handler = [&s](const Request& request, const PathParams&,
                              const Caller&) { return VisitorUpload(s, request); },
              .upload = true,
              // Before the body: the site and the token, the size, the rate, an open chat.
              .admit = [&s, limiter](const Request& head, const Caller&) -> Status {
                RAPPORT_ASSIGN_OR_RETURN(Visitor visitor, VisitorOf(s, head));
                RAPPORT_RETURN_IF_ERROR(CheckLength(head, s.chat_files->max_bytes()));
                if (auto retry = limiter->Take(head.remote_address)) {
                  return Error::RateLimited("Too many files from this address.", *retry);
                }
                return s.chat_files->CheckVisitorMayUpload(visitor.id);
              }});
  router.Add({.method = "GET",
              .pattern = "/widget/files/{id}",
              .summary = "A file of the visitor's own conversation (?visitor_token=; an allowed "
                         "Origin); anything else is 404",
              .tag = "chat",
              .requires_auth = false,
              .handler = [&s](const Request& request, const PathParams& params, const Caller&) {
                return VisitorDownload(s, request, params.at("id"));
              }});
}

}  // namespace

void AddChatFileRoutes(Router& router, ApiServices& s) {
  if (s.chat == nullptr || s.chat_files == nullptr) return;
  AddAgentRoutes(router, s);
  AddVisitorRoutes(router, s);
}

}  // namespace rapport::http
