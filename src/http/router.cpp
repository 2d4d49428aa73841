#include "http/router.hpp"

#include <string_view>

namespace rapport::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = path.find('/', start);
    parts.push_back(path.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

bool MatchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
  const auto pattern_parts = Split(pattern);
  const auto path_parts = Split(path);
  if (pattern_parts.size() != path_parts.size()) return false;
  PathParams captured;
  for (size_t i = 0; i < pattern_parts.size(); ++i) {
    const std::string_view p = pattern_parts[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (path_parts[i].empty()) return false;
      captured.emplace(std::string(p.substr(1, p.size() - 2)), std::string(path_parts[i]));
    } else if (p != path_parts[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

}  // namespace

Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  // Literal routes win over captures ("/customers/search" before "/customers/{id}"): try
  // patterns without captures first.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Route& route : routes_) {
      const bool has_capture = route.pattern.find('{') != std::string::npos;
      if (has_capture != (pass == 1)) continue;
      PathParams params;
      if (!MatchPattern(route.pattern, path, params)) continue;
      if (route.method == method) {
        if (match.route == nullptr) {
          match.route = &route;
          match.params = std::move(params);
        }
      } else {
        match.path_known = true;
        match.allowed_methods.push_back(route.method);
      }
    }
    if (match.route != nullptr) return match;
  }
  return match;
}

bool IsReadOnly(const Route* route) {
  return route == nullptr || route->read_only || route->method == "GET" || route->method == "HEAD";
}

}  // namespace rapport::http
