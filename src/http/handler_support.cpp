#include "http/handler_support.hpp"

#include "common/text.hpp"
#include "identity/token_service.hpp"
#include "storage/idempotency.hpp"

namespace rapport::http {
namespace {

constexpr size_t kMaxIdempotencyKeyLength = 255;

}  // namespace

bool IsJsonMediaType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  const std::string type = ToLowerAscii(TrimWhitespace(media));
  return type == "application/json" ||
         (type.size() > 5 && type.rfind("application/", 0) == 0 && type.ends_with("+json"));
}

Result<json::object> ParseBody(const Request& request) {
  // The media type is checked first: a body the client labelled as something else is refused
  // as such (415) before its bytes are read as JSON. No Content-Type at all is taken as JSON,
  // as most HTTP clients send one and scripts that forget it mean JSON.
  const auto content_type = request.Header("content-type");
  if (content_type && !IsJsonMediaType(*content_type)) {
    return Error::UnsupportedMedia(
        "The body must be JSON: send it with Content-Type: "
        "application/json.");
  }
  if (request.body.empty()) return Error::Malformed("The request needs a JSON object body.");
  return ParseJsonObject(request.body);
}

std::string ETagFor(int64_t version) { return "\"v" + std::to_string(version) + "\""; }

std::string ETagFor(const json::object& record) {
  const json::value* version = record.if_contains("version");
  return ETagFor(version && version->is_int64() ? version->as_int64() : 0);
}

Result<std::optional<int64_t>> IfMatchVersion(const Request& request) {
  auto header = request.Header("if-match");
  if (!header || *header == "*") return std::optional<int64_t>();
  std::string_view tag = *header;
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  if (tag.size() < 4 || tag.front() != '"' || tag.back() != '"' || tag[1] != 'v') {
    return Error::PreconditionFailed("If-Match does not name a version of this record.");
  }
  int64_t version = 0;
  for (char c : tag.substr(2, tag.size() - 3)) {
    if (c < '0' || c > '9' || version > (INT64_MAX / 10)) {
      return Error::PreconditionFailed("If-Match does not name a version of this record.");
    }
    version = version * 10 + (c - '0');
  }
  return std::optional<int64_t>(version);
}

Response ErrorResponse(const Request& request, const Error& error) {
  return ProblemResponse(error, request.path);
}

Response RecordResponse(const Request& request, Result<json::object> result, int status) {
  if (!result.ok()) return ErrorResponse(request, result.error());
  Response response = Response::Json(status, result.value());
  if (result->contains("version")) response.WithHeader("ETag", ETagFor(result.value()));
  return response;
}

Response PageResponse(const Request& request, Result<Page> page) {
  if (!page.ok()) return ErrorResponse(request, page.error());
  return Response::Json(200, PageToJson(std::move(page).value()));
}

Response PageResponse(const Request& request, Result<std::string> page_text) {
  if (!page_text.ok()) return ErrorResponse(request, page_text.error());
  return Response::JsonText(200, std::move(page_text).value());
}

Response VersionedPatch(const Request& request, const Caller& caller,
                        const UpdateFunction& update) {
  auto version = IfMatchVersion(request);
  if (!version.ok()) return ErrorResponse(request, version.error());
  auto body = ParseBody(request);
  if (!body.ok()) return ErrorResponse(request, body.error());
  return RecordResponse(request, update(caller.Context(), *body, *version));
}

Response VersionedDelete(const Request& request, const Caller& caller,
                         const DeleteFunction& remove) {
  auto version = IfMatchVersion(request);
  if (!version.ok()) return ErrorResponse(request, version.error());
  Status status = remove(caller.Context(), *version);
  return status.ok() ? Response::NoContent() : ErrorResponse(request, status.error());
}

Route VersionedDeleteRoute(std::string pattern, std::string summary, std::string tag,
                           RecordDeleteFunction remove) {
  return {.method = "DELETE",
          .pattern = std::move(pattern),
          .summary = std::move(summary),
          .tag = std::move(tag),
          .success_status = 204,
          .handler = [remove = std::move(remove)](const Request& request, const PathParams& params,
                                                  const Caller& caller) {
            return VersionedDelete(request, caller, [&](const auto& context, auto version) {
              return remove(caller, context, params.at("id"), version);
            });
          }};
}

Response IdempotentCreate(
    storage::Database& database, const Request& request, const Caller& caller,
    const std::function<Result<json::object>(const storage::WriteContext&)>& create,
    const std::function<std::string(const json::object&)>& location, const ReadBack& read_back,
    int status) {
  auto finish = [&](const json::object& record) {
    Response response = Response::Json(status, record);
    const std::string url = location(record);
    if (!url.empty()) response.WithHeader("Location", url);
    if (record.contains("version")) response.WithHeader("ETag", ETagFor(record));
    return response;
  };
  const auto key = request.Header("idempotency-key");
  if (!key) {
    auto created = create(caller.Context());
    return created.ok() ? finish(created.value()) : ErrorResponse(request, created.error());
  }
  if (key->empty() || key->size() > kMaxIdempotencyKeyLength) {
    return ErrorResponse(request, Error::Invalid("Idempotency-Key", "must be 1 to 255 characters"));
  }
  const std::string request_hash =
      identity::HashToken(request.method + " " + request.path + "\n" + request.body);
  auto replay = [&](const storage::StoredResponse& stored) {
    if (stored.request_hash != request_hash) {
      return ErrorResponse(
          request, Error::Invalid("Idempotency-Key", "was already used with a different request"));
    }
    // Never the stored body as such: it was shaped for the caller's access at the time.
    auto parsed = ParseJson(stored.body);
    if (!parsed.ok() || !parsed->is_object()) {
      return ErrorResponse(request, Error::Internal("The stored response cannot be read."));
    }
    auto current = read_back(parsed->as_object());
    if (!current.ok()) return ErrorResponse(request, current.error());
    Response response = Response::Json(stored.status, *current);
    if (!stored.location.empty()) response.WithHeader("Location", stored.location);
    if (current->contains("version")) response.WithHeader("ETag", ETagFor(*current));
    response.WithHeader("Idempotent-Replayed", "true");
    return response;
  };
  auto existing = storage::FindIdempotentResponse(database, caller.principal, *key);
  if (!existing.ok()) return ErrorResponse(request, existing.error());
  if (*existing) return replay(**existing);

  storage::WriteContext context = caller.Context();
  context.on_written = [&](storage::Tx& tx, const json::value& result) -> Status {
    if (!result.is_object()) return OkStatus();
    return storage::SaveIdempotentResponse(
        tx, caller.principal, *key,
        {request_hash, status, json::serialize(result), location(result.as_object())});
  };
  auto created = create(context);
  if (created.ok()) return finish(created.value());
  if (created.error().code == ErrorCode::kConflict) {
    // A concurrent request with the same key may have won the race: answer as it did.
    auto winner = storage::FindIdempotentResponse(database, caller.principal, *key);
    if (winner.ok() && *winner) return replay(**winner);
  }
  return ErrorResponse(request, created.error());
}

std::string StoredId(const json::object& first_response, std::string_view field) {
  const json::value* id = first_response.if_contains(field);
  return id != nullptr && id->is_string() ? std::string(id->as_string()) : std::string();
}

std::optional<Response> RequireAdmin(const Request& request, const Caller& caller) {
  if (caller.access && caller.access->is_admin()) return std::nullopt;
  return ErrorResponse(request, Error::PermissionDenied("Only administrators may do this."));
}

}  // namespace rapport::http
