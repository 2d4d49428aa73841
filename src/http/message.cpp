#include "http/message.hpp"

namespace rapport::http {

std::optional<std::string> Request::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::Json(int status, const json::value& value) {
  Response response;
  response.status = status;
  response.body = json::serialize(value);
  return response;
}

Response Response::JsonText(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 422;
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPreconditionFailed:
      return 412;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    // 503, not 504: the server is the origin, no gateway timed out; the client may retry with a
    // narrower query.
    case ErrorCode::kDeadlineExceeded:
      return 503;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

const char* TitleFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "The request has invalid fields";
    case ErrorCode::kMalformed:
      return "The request could not be read";
    case ErrorCode::kNotFound:
      return "Not found";
    case ErrorCode::kConflict:
      return "Conflict with the current state";
    case ErrorCode::kPreconditionFailed:
      return "The record changed since you read it";
    case ErrorCode::kUnauthenticated:
      return "Authentication required";
    case ErrorCode::kPermissionDenied:
      return "Not allowed";
    case ErrorCode::kTooLarge:
      return "Too large";
    case ErrorCode::kUnsupportedMedia:
      return "Unsupported media type";
    case ErrorCode::kDeadlineExceeded:
      return "The request took too long";
    case ErrorCode::kUnavailable:
      return "Temporarily unavailable";
    case ErrorCode::kRateLimited:
      return "Too many requests";
    case ErrorCode::kMethodNotAllowed:
      return "Method not allowed";
    case ErrorCode::kInternal:
      return "Internal error";
  }
  return "Internal error";
}

}  // namespace

Response ProblemResponse(const Error& error, const std::string& instance) {
  const int status = StatusFor(error.code);
  json::object problem{{"type", std::string("urn:rapport:problem:") + ErrorCodeName(error.code)},
                       {"title", TitleFor(error.code)},
                       {"status", status},
                       // Internal details stay in the log; the client gets a stable sentence.
                       {"detail", error.code == ErrorCode::kInternal
                                      ? "Something went wrong on our side; it has been logged."
                                      : error.message},
                       {"instance", instance}};
  if (!error.field_errors.empty()) {
    json::array errors;
    for (const auto& field_error : error.field_errors) {
      errors.push_back(
          json::object{{"field", field_error.field}, {"message", field_error.message}});
    }
    problem["errors"] = std::move(errors);
  }
  Response response = Response::Json(status, problem);
  response.content_type = "application/problem+json";
  if (status == 401) response.WithHeader("WWW-Authenticate", "Bearer");
  if (error.retry_after) {
    response.WithHeader("Retry-After", std::to_string(error.retry_after->count()));
  }
  if (!error.allowed_methods.empty()) {
    std::string allow;
    for (const auto& method : error.allowed_methods) {
      allow += (allow.empty() ? "" : ", ") + method;
    }
    response.WithHeader("Allow", allow);
  }
  return response;
}

}  // namespace rapport::http
