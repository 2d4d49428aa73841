#include "http/router.hpp"

#include <algorithm>
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

}  // namespace

void Router::Add(Route route) {
  std::vector<Segment> segments;
  for (std::string_view part : Split(route.pattern)) {
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
    } else {
      segments.push_back({std::string(part), false});
    }
  }
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
}

Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  const std::vector<std::string_view> parts = Split(path);
  auto matches = [&](const std::vector<Segment>& segments) {
    if (segments.size() != parts.size()) return false;
    for (size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].capture ? parts[i].empty() : segments[i].text != parts[i]) return false;
    }
    return true;
  };
  // Literal routes win over captures ("/customers/search" before "/customers/{id}"): try
  // patterns without captures first.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t r = 0; r < routes_.size(); ++r) {
      const std::vector<Segment>& segments = segments_[r];
      const bool has_capture =
          std::any_of(segments.begin(), segments.end(), [](const Segment& s) { return s.capture; });
      if (has_capture != (pass == 1) || !matches(segments)) continue;
      const Route& route = routes_[r];
      if (route.method != method) {
        match.path_known = true;
        match.allowed_methods.push_back(route.method);
      } else if (match.route == nullptr) {
        match.route = &route;
        for (size_t i = 0; i < segments.size(); ++i) {
          if (segments[i].capture) match.params.emplace(segments[i].text, std::string(parts[i]));
        }
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
