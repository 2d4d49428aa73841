// Error: the protocol-neutral description of an expected failure.
//
// Areas return these inside Result<T>; only src/http maps a code to an HTTP status, once, at the
// edge. `field_errors` carries per-field validation problems so every client (API, CLI, import)
// can point at the field at fault, `retry_after` says when a refused caller may try again (rate
// limits, sign-in throttling) and `allowed_methods` which methods a path takes. The edge turns
// those into Retry-After and Allow headers. Plain value type; thread-compatible.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rapport {

enum class ErrorCode {
  kInvalidArgument,     // the input is well-formed but breaks a rule (validation)
  kMalformed,           // the input cannot be parsed at all (bad JSON, bad cursor)
  kNotFound,            // no such record, or the caller may not know it exists
  kConflict,            // a uniqueness rule or the current state forbids the change
  kPreconditionFailed,  // an If-Match version is stale
  kUnauthenticated,     // no valid credentials
  kPermissionDenied,    // credentials valid, action not allowed
  kTooLarge,            // a request or batch is over a documented limit
  kUnsupportedMedia,    // the body is in a format this operation does not read (message names it)
  kDeadlineExceeded,    // the work ran past its deadline, or its caller went away; nothing changed
  kUnavailable,         // the service cannot take the request now (shutting down, locked)
  kRateLimited,         // the caller sent too much too fast; `retry_after` says when to retry
  kMethodNotAllowed,    // the operation exists, but not for this method; `allowed_methods` lists
  kInternal,            // a broken invariant; details go to the log, not the client
};

struct FieldError {
  std::string field;  // JSON path of the offending field, e.g. "emails[1].address"
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> field_errors;
  std::optional<std::chrono::seconds> retry_after;  // kRateLimited; kUnavailable may set it
  std::vector<std::string> allowed_methods;         // kMethodNotAllowed

  static Error Invalid(std::string field, std::string message) {
    Error e{ErrorCode::kInvalidArgument, message, {}};
    e.field_errors.push_back({std::move(field), std::move(message)});
    return e;
  }
  static Error Invalid(std::vector<FieldError> errors) {
    std::string message =
        errors.size() == 1 ? errors.front().message : "The request has invalid fields.";
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(errors)};
  }
  static Error Malformed(std::string message) {
    return Error{ErrorCode::kMalformed, std::move(message), {}};
  }
  static Error NotFound(std::string message) {
    return Error{ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error Conflict(std::string message, std::string field = {}) {
    Error e{ErrorCode::kConflict, message, {}};
    if (!field.empty()) e.field_errors.push_back({std::move(field), std::move(message)});
    return e;
  }
  static Error PreconditionFailed(std::string message) {
    return Error{ErrorCode::kPreconditionFailed, std::move(message), {}};
  }
  static Error Unauthenticated(std::string message) {
    return Error{ErrorCode::kUnauthenticated, std::move(message), {}};
  }
  static Error PermissionDenied(std::string message) {
    return Error{ErrorCode::kPermissionDenied, std::move(message), {}};
  }
  static Error TooLarge(std::string message) {
    return Error{ErrorCode::kTooLarge, std::move(message), {}};
  }
  static Error UnsupportedMedia(std::string message) {
    return Error{ErrorCode::kUnsupportedMedia, std::move(message), {}};
  }
  static Error DeadlineExceeded(std::string message) {
    return Error{ErrorCode::kDeadlineExceeded, std::move(message), {}};
  }
  static Error Unavailable(std::string message) {
    return Error{ErrorCode::kUnavailable, std::move(message), {}};
  }
  static Error RateLimited(std::string message, std::chrono::seconds retry_after) {
    Error e{ErrorCode::kRateLimited, std::move(message), {}};
    e.retry_after = retry_after;
    return e;
  }
  static Error MethodNotAllowed(std::string message, std::vector<std::string> allowed_methods) {
    Error e{ErrorCode::kMethodNotAllowed, std::move(message), {}};
    e.allowed_methods = std::move(allowed_methods);
    return e;
  }
  static Error Internal(std::string message) {
    return Error{ErrorCode::kInternal, std::move(message), {}};
  }
};

const char* ErrorCodeName(ErrorCode code);

}  // namespace rapport
