#include "http/message.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace rapport::http {
namespace {

std::optional<std::string> HeaderOf(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

TEST(ProblemResponseTest, RateLimitedIs429WithRetryAfter) {
  const Response response =
      ProblemResponse(Error::RateLimited("slow down", std::chrono::seconds(7)), "/api/v1/x");
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.content_type, "application/problem+json");
  EXPECT_EQ(HeaderOf(response, "Retry-After"), "7");
  const json::object body = json::parse(response.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "urn:rapport:problem:too_many_requests");
  EXPECT_EQ(body.at("status").as_int64(), 429);
  EXPECT_EQ(body.at("detail").as_string(), "slow down");
}

TEST(ProblemResponseTest, MethodNotAllowedIs405WithAllow) {
  const Response response =
      ProblemResponse(Error::MethodNotAllowed("no PUT here", {"GET", "POST"}), "/api/v1/customers");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(HeaderOf(response, "Allow"), "GET, POST");
  EXPECT_EQ(HeaderOf(response, "Retry-After"), std::nullopt);
  const json::object body = json::parse(response.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "urn:rapport:problem:method_not_allowed");
  EXPECT_EQ(body.at("instance").as_string(), "/api/v1/customers");
}

TEST(ProblemResponseTest, UnavailableMayCarryRetryAfter) {
  Error error = Error::Unavailable("shutting down");
  EXPECT_EQ(HeaderOf(ProblemResponse(error, "/"), "Retry-After"), std::nullopt);
  error.retry_after = std::chrono::seconds(30);
  const Response response = ProblemResponse(error, "/");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(HeaderOf(response, "Retry-After"), "30");
}

TEST(StatusForTest, EveryCodeHasItsStatus) {
  EXPECT_EQ(StatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kMethodNotAllowed), 405);
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 422);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
}

}  // namespace
}  // namespace rapport::http
