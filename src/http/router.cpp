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
  bool has_capture = false;
  for (std::string_view part : Split(route.pattern)) {
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
      has_capture = true;
    } else {
      segments.push_back({std::string(part), false});
    }
  }
  const size_t index = routes_.size();
  if (has_capture) {
    if (captured_by_size_.size() <= segments.size()) captured_by_size_.resize(segments.size() + 1);
    captured_by_size_[segments.size()].push_back(index);
  } else if (!route.pattern.empty()) {
    literal_[route.pattern.substr(1)].push_back(index);
  }
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
}

Match Router::Find(const std::string& method, const std::string& path) const {
  Match match;
  // Called for each route that matches the path, in the order added: the first with `method` is
  // taken, and the others' methods are what a 405 allows.
  auto take = [&](size_t r, const std::vector<std::string_view>* parts) {
    const Route& route = routes_[r];
    if (route.method != method) {
      match.path_known = true;
      match.allowed_methods.push_back(route.method);
    } else if (match.route == nullptr) {
      match.route = &route;
      if (parts == nullptr) return;
      const std::vector<Segment>& segments = segments_[r];
      for (size_t i = 0; i < segments.size(); ++i) {
        if (segments[i].capture) match.params.emplace(segments[i].text, std::string((*parts)[i]));
      }
    }
  };
  // Literal routes win over captures ("/customers/search" before "/customers/{id}"). A literal
  // pattern matches exactly the paths that split into its segments: those equal to it after the
  // first character.
  if (!path.empty()) {
    if (auto it = literal_.find(std::string_view(path).substr(1)); it != literal_.end()) {
      for (size_t r : it->second) take(r, nullptr);
      if (match.route != nullptr) return match;
    }
  }
  const std::vector<std::string_view> parts = Split(path);
  if (parts.size() >= captured_by_size_.size()) return match;
  for (size_t r : captured_by_size_[parts.size()]) {
    const std::vector<Segment>& segments = segments_[r];
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      matches = segments[i].capture ? !parts[i].empty() : segments[i].text == parts[i];
    }
    if (matches) take(r, &parts);
  }
  return match;
}

bool IsReadOnly(const Route* route) {
  return route == nullptr || route->read_only || route->method == "GET" || route->method == "HEAD";
}

}  // namespace rapport::http
