#include "support/chat/chat_wait.hpp"

#include <gtest/gtest.h>

namespace rapport::support::chat {
namespace {

TEST(ChatWaitTest, TheMedianRecentWaitPerRoundOfAgentsRoundedUpToAMinute) {
  // Median of {30, 90, 600} is 90 s: the first in line waits about 2 minutes (rounded up).
  EXPECT_EQ(EstimateWaitSeconds({600, 30, 90}, 1, 1), 120);
  // Third in line with one agent: three rounds; with two agents: two rounds.
  EXPECT_EQ(EstimateWaitSeconds({600, 30, 90}, 3, 1), 300);
  EXPECT_EQ(EstimateWaitSeconds({600, 30, 90}, 3, 2), 180);
  // Nobody has room right now: counted as one agent, never a division by zero.
  EXPECT_EQ(EstimateWaitSeconds({10, 20, 30, 40}, 2, 0), 60);
}

TEST(ChatWaitTest, NoEstimateWithoutHistory) {
  EXPECT_EQ(EstimateWaitSeconds({}, 1, 1), std::nullopt);
  EXPECT_EQ(EstimateWaitSeconds({60, 60}, 1, 1), std::nullopt);
  EXPECT_EQ(EstimateWaitSeconds({60, 60, 60}, 0, 1), std::nullopt);
}

}  // namespace
}  // namespace rapport::support::chat
