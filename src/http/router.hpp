// Router: maps (method, path pattern) to a handler. Patterns are literal segments and `{name}`
// captures ("/api/v1/customers/{id}/timeline"). Routes also carry the OpenAPI summary, so the
// served OpenAPI document is generated from the very table that dispatches requests.
// Built once at start-up, then read-only: thread-safe for concurrent Match.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"

namespace rapport::http {

using PathParams = std::map<std::string, std::string>;

struct Caller;  // who is calling (http/caller.hpp)

using Handler = std::function<Response(const Request&, const PathParams&, const Caller&)>;
// Decides from the headers alone (Request::body is empty) whether an upload may be sent; runs
// after authentication and before a byte of the body is read.
using Admission = std::function<Status(const Request&, const Caller&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string summary;
  std::string tag;
  bool requires_auth = true;
  int success_status = 200;
  std::string request_schema;   // components/schemas name, or empty
  std::string response_schema;  // components/schemas name, or empty
  // Runs on the read pool although its method is not GET (POST searches): it writes nothing, so
  // it must not queue behind writers waiting on a commit.
  bool read_only = false;
  Handler handler;
  // Uploads: the body may be as large as ServerOptions::max_upload_bytes, is spooled to a file
  // (Request::body_file) as it arrives, and is read only once the caller is authenticated and
  // `admit` (when set) agrees.
  bool upload = false;
  Admission admit;
};

// GET and HEAD routes, those marked read_only, and requests no route takes (web files, 404s):
// they run on the server's read pool.
bool IsReadOnly(const Route* route);

struct Match {
  const Route* route = nullptr;
  PathParams params;
  bool path_known = false;  // a route exists for the path with another method (405)
  std::vector<std::string> allowed_methods;
};

class Router {
 public:
  void Add(Route route);
  // Runs for every request (twice: once from the header, for uploads). Patterns are split and
  // indexed once in Add: a path finds its literal routes by one hash lookup, and only the capture
  // routes with its number of segments are compared; captures are copied only for the route that
  // matched. (Comparing the path with each of the 230 routes, twice, was 15 % of an overview.)
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string text;  // a literal, or the capture's name
    bool capture = false;
  };
  // Transparent, so a lookup by the request's string_view allocates nothing.
  struct PathHash {
    using is_transparent = void;
    size_t operator()(std::string_view path) const { return std::hash<std::string_view>{}(path); }
  };

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // parallel to routes_
  // Routes without captures by their pattern after its first character (a path's first
  // character is never compared: see Split), each list in the order added.
  std::unordered_map<std::string, std::vector<size_t>, PathHash, std::equal_to<>> literal_;
  // Routes with captures, by their number of segments, each list in the order added.
  std::vector<std::vector<size_t>> captured_by_size_;
};

}  // namespace rapport::http
