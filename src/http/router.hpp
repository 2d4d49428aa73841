// Router: maps (method, path pattern) to a handler. Patterns are literal segments and `{name}`
// captures ("/api/v1/customers/{id}/timeline"). Routes also carry the OpenAPI summary, so the
// served OpenAPI document is generated from the very table that dispatches requests.
// Built once at start-up, then read-only: thread-safe for concurrent Match.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace rapport::http {

using PathParams = std::map<std::string, std::string>;

struct Caller;  // who is calling (http/caller.hpp)

using Handler = std::function<Response(const Request&, const PathParams&, const Caller&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string summary;
  std::string tag;
  bool requires_auth = true;
  int success_status = 200;
  std::string request_schema;   // components/schemas name, or empty
  std::string response_schema;  // components/schemas name, or empty
  Handler handler;
};

struct Match {
  const Route* route = nullptr;
  PathParams params;
  bool path_known = false;  // a route exists for the path with another method (405)
  std::vector<std::string> allowed_methods;
};

class Router {
 public:
  void Add(Route route) { routes_.push_back(std::move(route)); }
  Match Find(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace rapport::http
