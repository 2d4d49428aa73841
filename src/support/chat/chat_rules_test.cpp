#include "support/chat/chat_rules.hpp"

#include <gtest/gtest.h>

namespace rapport::support::chat {
namespace {

TEST(ChatRulesTest, StateMachineAllowsOnlyTheDocumentedMoves) {
  EXPECT_TRUE(CheckTransition("bot", "waiting").ok());
  EXPECT_TRUE(CheckTransition("bot", "ended").ok());
  EXPECT_TRUE(CheckTransition("bot", "active").ok());  // an agent steps in: the bot stops
  EXPECT_TRUE(CheckTransition("waiting", "active").ok());
  EXPECT_TRUE(CheckTransition("waiting", "ended").ok());
  EXPECT_TRUE(CheckTransition("active", "active").ok());   // transfer to an agent
  EXPECT_TRUE(CheckTransition("active", "waiting").ok());  // transfer to a queue
  EXPECT_TRUE(CheckTransition("active", "ended").ok());
  // Never back into the bot, never out of ended.
  for (auto from : kStates) EXPECT_FALSE(CheckTransition(from, "bot").ok()) << from;
  for (auto to : kStates) {
    auto status = CheckTransition("ended", to);
    ASSERT_FALSE(status.ok()) << to;
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  }
  EXPECT_FALSE(CheckTransition("waiting", "waiting").ok());
  EXPECT_FALSE(CheckTransition("nonsense", "ended").ok());
}

TEST(ChatRulesTest, BotModesAreTheDocumentedThree) {
  for (auto mode : kBotModes) EXPECT_TRUE(IsBotMode(mode)) << mode;
  EXPECT_FALSE(IsBotMode(""));
  EXPECT_FALSE(IsBotMode("Always"));
  EXPECT_FALSE(IsBotMode("on"));
}

TEST(ChatRulesTest, MessageTextIsBoundedValidAndKeptAsWritten) {
  EXPECT_EQ(CleanMessageText("  hello <script>alert(1)</script>\n").value(),
            "hello <script>alert(1)</script>");  // stored as text; escaping is the viewer's job
  EXPECT_FALSE(CleanMessageText("").ok());
  EXPECT_FALSE(CleanMessageText("   ").ok());
  EXPECT_FALSE(CleanMessageText(std::string("a\0b", 3)).ok());
  EXPECT_FALSE(CleanMessageText("\xff\xfe").ok());  // not UTF-8
  EXPECT_TRUE(CleanMessageText(std::string(kMaxMessageCharacters, 'x')).ok());
  auto too_long = CleanMessageText(std::string(kMaxMessageCharacters + 1, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().field_errors.at(0).field, "text");
}

TEST(ChatRulesTest, ClientIdsAreShortAndPlain) {
  EXPECT_TRUE(CheckClientId("c-1_A").ok());
  EXPECT_FALSE(CheckClientId("").ok());
  EXPECT_FALSE(CheckClientId("has space").ok());
  EXPECT_FALSE(CheckClientId(std::string(kMaxClientIdLength + 1, 'a')).ok());
}

}  // namespace
}  // namespace rapport::support::chat
