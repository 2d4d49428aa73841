#include "support/chat/chat_hub.hpp"

#include <gtest/gtest.h>

namespace rapport::support::chat {
namespace {

struct FakeSink : VisitorSink {
  bool Send(std::string frame) override {
    frames.push_back(std::move(frame));
    return true;
  }
  void Poke() override { ++pokes; }
  void Close(std::string_view reason) override { closed = std::string(reason); }
  std::vector<std::string> frames;
  int pokes = 0;
  std::string closed;
};

TEST(ChatHubTest, PokesAndTellsOnlyTheConversationsFollowers) {
  ChatHub hub;
  auto a = std::make_shared<FakeSink>();
  auto b = std::make_shared<FakeSink>();
  ASSERT_TRUE(hub.Follow(1, "", a));  // known before it has a conversation
  ASSERT_TRUE(hub.Follow(1, "cht_a", a));
  ASSERT_TRUE(hub.Follow(2, "cht_b", b));
  hub.Poke("cht_a");
  hub.Tell("cht_b", "typing");
  EXPECT_EQ(a->pokes, 1);
  EXPECT_EQ(b->pokes, 0);
  EXPECT_TRUE(a->frames.empty());
  EXPECT_EQ(b->frames, std::vector<std::string>{"typing"});
  EXPECT_EQ(hub.followers("cht_a"), 1u);
  EXPECT_EQ(hub.followers(""), 0u);  // moving on left the empty entry
  hub.Leave(1);
  hub.Poke("cht_a");
  EXPECT_EQ(a->pokes, 1);
  hub.CloseAll("bye");
  EXPECT_EQ(b->closed, "bye");
  EXPECT_TRUE(a->closed.empty());
}

TEST(ChatHubTest, AGoneConnectionIsSkipped) {
  ChatHub hub;
  {
    auto gone = std::make_shared<FakeSink>();
    ASSERT_TRUE(hub.Follow(7, "cht_x", gone));
  }
  hub.Poke("cht_x");  // the weak pointer has expired: nothing to call, no crash
  hub.Tell("cht_x", "frame");
  hub.CloseAll("bye");
  SUCCEED();
}

}  // namespace
}  // namespace rapport::support::chat
