// RemoteClient: the CLI's HTTP(S) client for commands that drive a running server (`rapport
// import --server URL --token T`) instead of opening the data directory. Blocking, one request
// per connection — commands make a handful of requests, so simplicity beats keep-alive. HTTPS
// verifies the server's certificate against the system's trust store.
//
// Single-threaded use.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace rapport::cli {

struct RemoteResponse {
  int status = 0;
  std::string content_type;
  std::string location;
  std::string body;
};

class RemoteClient {
 public:
  // `base_url`: http://host:port or https://host:port (a trailing path is kept as a prefix).
  static Result<RemoteClient> Create(const std::string& base_url, std::string token);

  Result<RemoteResponse> Send(const std::string& method, const std::string& target,
                              const std::string& body = {},
                              const std::string& content_type = "application/json") const;

 private:
  bool tls_ = false;
  std::string host_;
  std::string port_;
  std::string prefix_;
  std::string token_;
};

// %-encodes a query parameter value.
std::string UrlEncode(const std::string& value);

}  // namespace rapport::cli
