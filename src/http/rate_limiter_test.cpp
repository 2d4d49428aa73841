#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace rapport::http {
namespace {

TEST(RateLimiterTest, AllowsABurstThenRefusesWithARetryTime) {
  RateLimiter limiter(60);  // one per second after a burst of 60
  for (int i = 0; i < 60; ++i) EXPECT_FALSE(limiter.Take("token:a").has_value()) << i;
  auto refused = limiter.Take("token:a");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->count(), 1);
  EXPECT_FALSE(limiter.Take("token:b").has_value());  // other callers are unaffected
}

TEST(RateLimiterTest, ZeroMeansUnlimited) {
  RateLimiter limiter(0);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(limiter.Take("token:a").has_value());
}

}  // namespace
}  // namespace rapport::http
