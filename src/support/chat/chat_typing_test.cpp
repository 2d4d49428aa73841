#include "support/chat/chat_typing.hpp"

#include <gtest/gtest.h>

#include "common/json.hpp"

namespace rapport::support::chat {
namespace {

using Clock = TypingThrottle::Clock;

TEST(TypingThrottleTest, OneNoticePerConversationPerInterval) {
  TypingThrottle throttle;
  const Clock::time_point t0 = Clock::now();
  EXPECT_TRUE(throttle.Allow("cht_a", t0));
  EXPECT_FALSE(throttle.Allow("cht_a", t0 + std::chrono::milliseconds(500)));
  EXPECT_FALSE(throttle.Allow("cht_a", t0 + std::chrono::milliseconds(1999)));
  EXPECT_TRUE(throttle.Allow("cht_b", t0 + std::chrono::milliseconds(500)));  // its own budget
  EXPECT_TRUE(throttle.Allow("cht_a", t0 + kTypingInterval));
  EXPECT_FALSE(throttle.Allow("cht_a", t0 + kTypingInterval + std::chrono::seconds(1)));
  EXPECT_EQ(throttle.size(), 2u);
}

TEST(TypingThrottleTest, StaysBoundedAndForgetsOldConversationsWhenFull) {
  TypingThrottle throttle;
  const Clock::time_point t0 = Clock::now();
  for (size_t i = 0; i < kMaxTypingConversations; ++i) {
    ASSERT_TRUE(throttle.Allow("cht_" + std::to_string(i), t0));
  }
  // Full of recent entries: a new conversation's notice is skipped, nothing grows.
  EXPECT_FALSE(throttle.Allow("cht_new", t0 + std::chrono::seconds(1)));
  EXPECT_EQ(throttle.size(), kMaxTypingConversations);
  // Once they are older than the interval they are dropped to make room.
  EXPECT_TRUE(throttle.Allow("cht_new", t0 + kTypingInterval));
  EXPECT_EQ(throttle.size(), 1u);
}

TEST(TypingThrottleTest, TheAgentsFrameNamesOnlyTheConversation) {
  EXPECT_EQ(ParseJson(VisitorTypingFrame("cht_1")).value(),
            ParseJson(R"({"type":"chat_typing","chat":"cht_1","author_kind":"visitor",
                          "expires_in":5})")
                .value());
}

}  // namespace
}  // namespace rapport::support::chat
