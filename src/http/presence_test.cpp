#include "http/presence.hpp"

#include <gtest/gtest.h>

#include "common/json.hpp"

namespace rapport::http {
namespace {

// A connection that keeps what it was sent.
class Recorder : public StreamClient {
 public:
  bool Send(std::string frame) override {
    frames.push_back(ParseJsonObject(frame).value());
    return true;
  }
  void Close(std::string_view) override {}
  std::vector<json::object> frames;
};

PresenceMessage On(std::string state) { return {.ticket = "tkt_1", .state = std::move(state)}; }

TEST(PresenceTest, OthersOnTheTicketHearViewingTypingAndLeaving) {
  PresenceBoard board;
  auto ana = std::make_shared<Recorder>();
  auto ben = std::make_shared<Recorder>();
  auto far = std::make_shared<Recorder>();
  ASSERT_TRUE(board.Update(1, ana, "usr_ana", On("viewing")).ok());
  ASSERT_TRUE(board.Update(3, far, "usr_far", {.ticket = "tkt_2", .state = "viewing"}).ok());
  ASSERT_TRUE(board.Update(2, ben, "usr_ben", On("viewing")).ok());
  // The newcomer is told who is there; the one there is told of the newcomer.
  ASSERT_EQ(ben->frames.size(), 1u);
  EXPECT_EQ(ben->frames[0].at("user_id"), "usr_ana");
  ASSERT_EQ(ana->frames.size(), 1u);
  EXPECT_EQ(ana->frames[0].at("user_id"), "usr_ben");
  EXPECT_EQ(ana->frames[0].at("expires_in"), 60);
  ASSERT_TRUE(board.Update(2, ben, "usr_ben", On("typing")).ok());
  EXPECT_EQ(ana->frames.back().at("state"), "typing");
  EXPECT_EQ(ben->frames.size(), 1u);  // nobody hears their own presence
  board.Leave(2);                     // the socket closed
  EXPECT_EQ(ana->frames.back().at("state"), "left");
  EXPECT_EQ(board.entry_count(), 2u);
  ASSERT_TRUE(board.Update(1, ana, "usr_ana", On("left")).ok());
  EXPECT_EQ(board.entry_count(), 1u);
  EXPECT_TRUE(far->frames.empty());  // another ticket hears nothing
}

TEST(PresenceTest, StaleEntriesExpireAndConnectionsAreBounded) {
  PresenceBoard board;
  auto ana = std::make_shared<Recorder>();
  auto ben = std::make_shared<Recorder>();
  const auto start = PresenceBoard::Clock::now();
  ASSERT_TRUE(board.Update(1, ana, "usr_ana", On("viewing"), start).ok());
  // Ana's tab went quiet past the lifetime: Ben does not hear of her.
  ASSERT_TRUE(board.Update(2, ben, "usr_ben", On("viewing"), start + kPresenceLifetime).ok());
  EXPECT_TRUE(ben->frames.empty());
  EXPECT_EQ(board.entry_count(), 1u);
  for (size_t i = 1; i < kMaxTicketsPerConnection; ++i) {
    ASSERT_TRUE(board
                    .Update(2, ben, "usr_ben",
                            {.ticket = "tkt_x" + std::to_string(i), .state = "viewing"}, start)
                    .ok());
  }
  auto refused = board.Update(2, ben, "usr_ben", {.ticket = "tkt_over", .state = "viewing"}, start);
  EXPECT_EQ(refused.error().code, ErrorCode::kRateLimited);
  board.Leave(2);
  EXPECT_EQ(board.entry_count(), 0u);
}

TEST(PresenceTest, MessagesAreChecked) {
  auto parse = [](std::string_view text) { return ParsePresence(ParseJsonObject(text).value()); };
  EXPECT_EQ(parse(R"({"type":"presence","ticket":"tkt_9","state":"typing"})")->state, "typing");
  EXPECT_EQ(parse(R"({"ticket":"cus_9","state":"typing"})").error().field_errors[0].field,
            "ticket");
  EXPECT_EQ(parse(R"({"ticket":"tkt_\"x","state":"viewing"})").error().field_errors[0].field,
            "ticket");
  EXPECT_EQ(parse(R"({"ticket":"tkt_9","state":"dancing"})").error().field_errors[0].field,
            "state");
  EXPECT_EQ(parse(R"({"ticket":"tkt_9"})").error().field_errors[0].field, "state");
}

}  // namespace
}  // namespace rapport::http
