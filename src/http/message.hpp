// Request and Response: the HTTP messages as handlers see them, free of Beast types so handlers
// compile fast and can be tested without sockets. The server converts at the edge.
// Plain value types; thread-compatible.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"

namespace rapport::http {

struct Request {
  std::string method;                             // "GET"
  std::string path;                               // decoded, without query
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string> headers;     // names lower-cased
  std::string body;
  // An upload spooled to disk instead of `body` (the import route); a handler that keeps it
  // renames it, and the server removes what is left after the response.
  std::string body_file;
  std::string request_id;
  std::string remote_address;  // the peer's IP address, for throttling and the audit trail

  std::optional<std::string> Header(const std::string& lower_name) const;
  std::optional<std::string> Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response Json(int status, const json::value& value);
  // A body already written as JSON text (a streamed page or record).
  static Response JsonText(int status, std::string body);
  static Response NoContent();
  Response& WithHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Maps an error code to its HTTP status — the one place that knows both (STYLE.md).
int StatusFor(ErrorCode code);
// RFC 9457 problem+json, with `errors` for field-level validation problems.
Response ProblemResponse(const Error& error, const std::string& instance);

}  // namespace rapport::http
