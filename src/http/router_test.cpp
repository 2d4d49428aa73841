#include "http/router.hpp"

#include <gtest/gtest.h>

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
