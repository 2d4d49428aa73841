#include "http/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "http/caller.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

Route Make(std::string method, std::string pattern) {
  return Route{.method = std::move(method),
               .pattern = std::move(pattern),
               .handler = [](const Request&, const PathParams&, const Caller&) {
                 return Response::NoContent();
               }};
}

TEST(RouterTest, LiteralSegmentsWinOverCaptures) {
  Router router;
  router.Add(Make("GET", "/api/v1/customers/{id}"));
  router.Add(Make("POST", "/api/v1/customers/search"));
  Match search = router.Find("POST", "/api/v1/customers/search");
  ASSERT_NE(search.route, nullptr);
  EXPECT_EQ(search.route->pattern, "/api/v1/customers/search");
  Match get = router.Find("GET", "/api/v1/customers/cus_1");
  ASSERT_NE(get.route, nullptr);
  EXPECT_EQ(get.params.at("id"), "cus_1");
}

TEST(RouterTest, ReadsAndSearchesRunOnTheReadPool) {
  Route search = Make("POST", "/api/v1/customers/search");
  search.read_only = true;
  EXPECT_TRUE(IsReadOnly(&search));
  const Route get = Make("GET", "/api/v1/customers/{id}");
  EXPECT_TRUE(IsReadOnly(&get));
  EXPECT_TRUE(IsReadOnly(nullptr));  // the web app's files, 404s
  for (const char* method : {"POST", "PATCH", "PUT", "DELETE"}) {
    const Route write = Make(method, "/api/v1/customers");
    EXPECT_FALSE(IsReadOnly(&write)) << method;
  }
}

TEST(RouterTest, ReportsKnownPathsWithOtherMethods) {
  Router router;
  router.Add(Make("GET", "/api/v1/customers/{id}"));
  Match match = router.Find("PUT", "/api/v1/customers/x");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_EQ(match.allowed_methods, std::vector<std::string>{"GET"});
  EXPECT_FALSE(router.Find("GET", "/api/v1/customers/").path_known);
  EXPECT_EQ(router.Find("GET", "/nope").route, nullptr);
}

// The matching rule, written the plain way: every route compared segment by segment, literal
// patterns in a first pass. Find indexes the routes; it must answer exactly as this does.
Match ReferenceFind(const std::vector<Route>& routes, const std::string& method,
                    const std::string& path) {
  auto split = [](std::string_view text) {
    std::vector<std::string> parts;
    size_t start = 1;
    while (start <= text.size()) {
      const size_t end = text.find('/', start);
      parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return parts;
  };
  auto is_capture = [](const std::string& part) {
    return part.size() > 2 && part.front() == '{' && part.back() == '}';
  };
  const std::vector<std::string> parts = split(path);
  Match match;
  for (int pass = 0; pass < 2; ++pass) {
    for (const Route& route : routes) {
      const std::vector<std::string> segments = split(route.pattern);
      const bool has_capture = std::ranges::any_of(segments, is_capture);
      if (has_capture != (pass == 1) || segments.size() != parts.size()) continue;
      bool matches = true;
      for (size_t i = 0; i < segments.size(); ++i) {
        if (is_capture(segments[i]) ? parts[i].empty() : segments[i] != parts[i]) matches = false;
      }
      if (!matches) continue;
      if (route.method != method) {
        match.path_known = true;
        match.allowed_methods.push_back(route.method);
      } else if (match.route == nullptr) {
        match.route = &route;
        for (size_t i = 0; i < segments.size(); ++i) {
          if (is_capture(segments[i])) {
            match.params.emplace(segments[i].substr(1, segments[i].size() - 2), parts[i]);
          }
        }
      }
    }
    if (match.route != nullptr) return match;
  }
  return match;
}

// Generative: random route tables over a small alphabet of segments (so paths often match several
// routes, with and without captures, and with other methods), and random paths, including empty
// segments, a doubled or missing leading slash and a trailing one. 300 tables, 200 paths each.
TEST(RouterTest, FindAnswersAsComparingEveryRouteDoes) {
  std::mt19937 random(12);
  const std::vector<std::string> literals = {"api", "v1", "customers", "search", "x", "", "{}"};
  const std::vector<std::string> methods = {"GET", "POST", "PATCH"};
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  auto count = [&](int most) { return std::uniform_int_distribution<int>(0, most)(random); };
  for (int table = 0; table < 300; ++table) {
    Router router;
    std::vector<Route> added;
    const int routes = 1 + count(25);
    for (int r = 0; r < routes; ++r) {
      std::string pattern;
      const int segments = 1 + count(4);
      for (int s = 0; s < segments; ++s) {
        pattern += "/" + (count(3) == 0 ? "{p" + std::to_string(s) + "}" : pick(literals));
      }
      Route route = Make(pick(methods), pattern);
      added.push_back(route);
      router.Add(std::move(route));
    }
    for (int p = 0; p < 200; ++p) {
      std::string path;
      const int segments = count(5);
      for (int s = 0; s < segments; ++s) {
        path +=
            "/" + (count(4) == 0 ? std::string("cus_") + std::to_string(count(9)) : pick(literals));
      }
      if (count(9) == 0) path = "/" + path;
      if (count(9) == 0 && !path.empty()) path = path.substr(1);
      if (count(9) == 0) path += "/";
      const std::string method = pick(methods);
      SCOPED_TRACE(method + " " + path);
      const Match expected = ReferenceFind(added, method, path);
      const Match found = router.Find(method, path);
      ASSERT_EQ(found.route == nullptr, expected.route == nullptr);
      if (found.route != nullptr) {
        EXPECT_EQ(found.route->pattern, expected.route->pattern);
        EXPECT_EQ(found.route->method, expected.route->method);
      }
      EXPECT_EQ(found.params, expected.params);
      EXPECT_EQ(found.path_known, expected.path_known);
      EXPECT_EQ(found.allowed_methods, expected.allowed_methods);
    }
  }
}

TEST(IfMatchTest, ParsesOurETagsOnly) {
  Request request;
  EXPECT_FALSE(IfMatchVersion(request)->has_value());
  request.headers["if-match"] = "\"v12\"";
  EXPECT_EQ(IfMatchVersion(request)->value(), 12);
  request.headers["if-match"] = "W/\"v3\"";
  EXPECT_EQ(IfMatchVersion(request)->value(), 3);
  request.headers["if-match"] = "\"abc\"";
  EXPECT_EQ(IfMatchVersion(request).error().code, ErrorCode::kPreconditionFailed);
}

TEST(ProblemTest, ValidationErrorsCarryTheirFields) {
  Response response = ProblemResponse(Error::Invalid("emails[0].address", "bad"), "/x");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.content_type, "application/problem+json");
  auto body = ParseJson(response.body).value();
  EXPECT_EQ(body.at("errors").at(0).at("field"), "emails[0].address");
  // Internal details never reach the client.
  Response internal = ProblemResponse(Error::Internal("sqlite: disk I/O error at page 7"), "/x");
  EXPECT_EQ(internal.body.find("sqlite"), std::string::npos);
}

}  // namespace
}  // namespace rapport::http
