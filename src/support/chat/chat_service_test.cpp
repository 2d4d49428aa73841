#include "support/chat/chat_service.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/chat/chat_routing.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support::chat {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, teams, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, 'x', ?, '', '')";
constexpr std::string_view kInsertTeam =
    "INSERT INTO teams (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, '', '')";
constexpr std::string_view kInsertQueue =
    "INSERT INTO queues (id, name, name_key, team_id, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, '', '')";
constexpr std::string_view kAvailable =
    "INSERT INTO agent_availability (user_id, available, updated_at) VALUES (?, 1, '')";

class ChatServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("c.db")})).value();
    tickets_ = std::make_unique<TicketService>(*db_);
    chat_ = std::make_unique<ChatService>(*db_, tickets_.get());
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     for (const char* team : {"tea_a", "tea_b"}) {
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertTeam, {team, team, team}));
                     }
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec(kInsertQueue, {"que_a", "A", "a", std::string("tea_a")}));
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec(kInsertQueue, {"que_b", "B", "b", std::string("tea_b")}));
                     for (auto [id, team] :
                          {std::pair{"usr_sue", "tea_a"}, std::pair{"usr_tom", "tea_b"}}) {
                       const std::string name = std::string(id).substr(4);
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(
                           kInsertUser, {id, name + "@staff.example", name + "@staff.example", name,
                                         "[\"" + std::string(team) + "\"]"}));
                     }
                     return StatusOf(tx.Exec("UPDATE chat_settings SET queue_id = 'que_a'"));
                   })
                    .ok());
    auto ticket = tickets_->Create(
        admin_, context_,
        Obj(R"({"subject":"Hello","requester":{"email":"ann@example.com","name":"Ann"},"message":{"body_text":"x"}})"));
    ASSERT_TRUE(ticket.ok()) << ticket.error().message;
    ann_ = std::string(ticket->at("customer_id").as_string());
  }

  void MakeAvailable(const char* user) {
    ASSERT_TRUE(
        db_->Write([&](storage::Tx& tx) { return StatusOf(tx.Exec(kAvailable, {user})); }).ok());
  }

  Posted Say(const std::string& visitor, const std::string& client_id, std::string_view text) {
    auto posted =
        chat_->PostVisitorMessage(context_, VisitorStart{.visitor_id = visitor}, client_id, text);
    EXPECT_TRUE(posted.ok()) << posted.error().message;
    return posted.ok() ? *posted : Posted{};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<TicketService> tickets_;
  std::unique_ptr<ChatService> chat_;
  std::string ann_;
  const access::Access& admin_ = access::Access::Unrestricted();
  const access::Access sue_{
      "usr_sue", {}, access::FindBuiltInRole("support")->levels, {}, false, false, {"tea_a"}};
  const access::Access tom_{
      "usr_tom", {}, access::FindBuiltInRole("support")->levels, {}, false, false, {"tea_b"}};
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(ChatServiceTest, VisitorAndAgentExchangeMessagesInSeqOrder) {
  Posted first = Say("vis_1", "c1", "Hi, where is my order?");
  EXPECT_TRUE(first.started);
  EXPECT_EQ(first.conversation.state, "waiting");
  EXPECT_EQ(first.conversation.queue_id, "que_a");
  EXPECT_EQ(first.message.seq, 1);
  const std::string id = first.conversation.id;

  auto accepted = chat_->Accept(sue_, context_, id);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->at("state"), "active");
  EXPECT_EQ(accepted->at("assignee_id"), "usr_sue");
  auto reply = chat_->Reply(sue_, context_, id, Obj(R"({"text":"Let me look."})"));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->at("message").at("seq"), 2);
  EXPECT_EQ(reply->at("message").at("author_name"), "sue");
  EXPECT_EQ(Say("vis_1", "c2", "Thanks").message.seq, 3);

  auto after_one = chat_->VisitorMessages("vis_1", id, 1, 50);
  ASSERT_TRUE(after_one.ok());
  ASSERT_EQ(after_one->size(), 2u);
  EXPECT_EQ((*after_one)[0].author_kind, "agent");
  EXPECT_EQ((*after_one)[1].text, "Thanks");
}

TEST_F(ChatServiceTest, AResentClientIdStoresNothingNew) {
  Posted first = Say("vis_1", "same", "Hello");
  Posted again = Say("vis_1", "same", "Hello");
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.message.seq, first.message.seq);
  auto all = chat_->VisitorMessages("vis_1", first.conversation.id, 0, 50);
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(ChatServiceTest, SomeoneElsesConversationIsNotFound) {
  Posted mine = Say("vis_1", "c1", "mine");
  auto theirs = chat_->VisitorMessages("vis_2", mine.conversation.id, 0, 50);
  ASSERT_FALSE(theirs.ok());
  EXPECT_EQ(theirs.error().code, ErrorCode::kNotFound);
  auto named = chat_->VisitorConversation("vis_2", mine.conversation.id);
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(
      chat_->Rate(context_, "vis_2", mine.conversation.id, Obj(R"({"rating":"bad"})")).ok());
  // And vis_2's own first message starts a conversation of its own.
  EXPECT_NE(Say("vis_2", "c1", "other").conversation.id, mine.conversation.id);
}

TEST_F(ChatServiceTest, AgentsOutsideTheQueuesTeamDoNotSeeAnUnidentifiedChat) {
  const std::string id = Say("vis_1", "c1", "hello").conversation.id;
  EXPECT_TRUE(chat_->Get(sue_, id, 0, 50).ok());
  auto hidden = chat_->Get(tom_, id, 0, 50);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(chat_->Accept(tom_, context_, id).ok());
  EXPECT_EQ(chat_->List(sue_, "waiting", 50)->size(), 1u);
  EXPECT_EQ(chat_->List(tom_, "waiting", 50)->size(), 0u);
  // Transferred to tom's queue, it is his team's to see.
  ASSERT_TRUE(chat_->Accept(sue_, context_, id).ok());
  ASSERT_TRUE(chat_->Transfer(sue_, context_, id, Obj(R"({"queue_id":"que_b"})")).ok());
  EXPECT_TRUE(chat_->Get(tom_, id, 0, 50).ok());
  EXPECT_FALSE(chat_->Get(sue_, id, 0, 50).ok());
}

TEST_F(ChatServiceTest, AcceptStopsAtThePerAgentLimit) {
  ASSERT_TRUE(chat_->UpdateSettings(admin_, context_, Obj(R"({"max_concurrent":2})")).ok());
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(Say("vis_" + std::to_string(i), "c", "hi").conversation.id);
  }
  ASSERT_TRUE(chat_->Accept(sue_, context_, ids[0]).ok());
  ASSERT_TRUE(chat_->Accept(sue_, context_, ids[1]).ok());
  auto third = chat_->Accept(sue_, context_, ids[2]);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::kConflict);
  // Ending one frees a place.
  ASSERT_TRUE(chat_->End(sue_, context_, ids[0]).ok());
  EXPECT_TRUE(chat_->Accept(sue_, context_, ids[2]).ok());
  // A chat someone has cannot be accepted again, an ended one never reopens.
  EXPECT_EQ(chat_->Accept(admin_, context_, ids[1]).error().code, ErrorCode::kConflict);
  EXPECT_EQ(chat_->Accept(sue_, context_, ids[0]).error().code, ErrorCode::kConflict);
  EXPECT_FALSE(chat_->Reply(sue_, context_, ids[0], Obj(R"({"text":"x"})")).ok());
}

TEST_F(ChatServiceTest, QueueIsOnlineOnlyWithAnAvailableAgentWithRoom) {
  const std::string first = Say("vis_1", "c", "hi").conversation.id;
  const std::string second = Say("vis_2", "c", "hi").conversation.id;
  auto status = chat_->WaitingStatus(second);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->at("online"), false);  // nobody available
  EXPECT_EQ(status->at("position"), 2);
  MakeAvailable("usr_tom");  // available, but not in que_a's team
  EXPECT_EQ(chat_->WaitingStatus(second)->at("online"), false);
  MakeAvailable("usr_sue");
  EXPECT_EQ(chat_->WaitingStatus(second)->at("online"), true);
  ASSERT_TRUE(chat_->UpdateSettings(admin_, context_, Obj(R"({"max_concurrent":1})")).ok());
  ASSERT_TRUE(chat_->Accept(sue_, context_, first).ok());
  EXPECT_EQ(chat_->WaitingStatus(second)->at("online"), false);  // sue is full
  EXPECT_EQ(chat_->WaitingStatus(second)->at("position"), 1);
}

TEST_F(ChatServiceTest, AClaimedEmailNeverJoinsTheCustomerWhoOwnsIt) {
  auto claimed = chat_->SetClaims(context_, VisitorStart{.visitor_id = "vis_1"},
                                  Obj(R"({"name":"Ann","email":"ann@example.com"})"));
  ASSERT_TRUE(claimed.ok()) << claimed.error().message;
  EXPECT_EQ(claimed->claimed_email, "ann@example.com");
  EXPECT_FALSE(claimed->customer_id.has_value());
  EXPECT_FALSE(chat_
                   ->SetClaims(context_, VisitorStart{.visitor_id = "vis_1"},
                               Obj(R"({"email":"not an email"})"))
                   .ok());
  // Verified identity (checked by the caller) does join it.
  auto identified = chat_->Identify(context_, "vis_1", ann_);
  ASSERT_TRUE(identified.ok()) << identified.error().message;
  EXPECT_EQ(identified->customer_id, ann_);
  EXPECT_EQ(chat_->Identify(context_, "vis_1", "cus_nobody").error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(ChatServiceTest, AnEndedChatOfAKnownCustomerIsOnTheirTimelineWithItsTranscript) {
  const std::string id = Say("vis_1", "c1", "Question <script>x</script>").conversation.id;
  ASSERT_TRUE(chat_->Identify(context_, "vis_1", ann_).ok());
  ASSERT_TRUE(chat_->Reply(sue_, context_, id, Obj(R"({"text":"Answer"})")).ok());
  ASSERT_TRUE(chat_->End(sue_, context_, id).ok());
  interactions::InteractionService interactions(*db_);
  auto timeline = interactions.Timeline(admin_, ann_, {});
  ASSERT_TRUE(timeline.ok()) << timeline.error().message;
  bool found = false;
  for (const auto& value : timeline->data) {
    const json::object& entry = value.as_object();
    if (entry.at("channel") != "chat") continue;
    found = true;
    const std::string body(entry.at("body").as_string());
    EXPECT_NE(body.find("Visitor: Question <script>x</script>"), std::string::npos) << body;
    EXPECT_NE(body.find("Agent sue: Answer"), std::string::npos) << body;
  }
  EXPECT_TRUE(found);
}

// The chat's entry is labelled by what the visitor wrote; the agent's words in the same
// transcript are not the customer's mood.
TEST_F(ChatServiceTest, AnEndedChatIsLabelledByTheVisitorsWordsOnly) {
  auto sentiment_of = [&](const std::string& visitor, const std::string& said,
                          const std::string& answered) {
    const std::string id = Say(visitor, "c1", said).conversation.id;
    EXPECT_TRUE(chat_->Identify(context_, visitor, ann_).ok());
    json::object reply{{"text", answered}};
    EXPECT_TRUE(chat_->Reply(sue_, context_, id, reply).ok());
    EXPECT_TRUE(chat_->End(sue_, context_, id).ok());
    interactions::InteractionService interactions(*db_);
    auto timeline = interactions.Timeline(admin_, ann_, {});
    EXPECT_TRUE(timeline.ok());
    for (const auto& value : timeline->data) {
      const json::object& entry = value.as_object();
      if (entry.at("metadata").as_object().at("chat_id") == json::value(id))
        return std::string(entry.at("sentiment").as_string());
    }
    return std::string("missing");
  };
  EXPECT_EQ(sentiment_of("vis_1", "This is unacceptable, the order arrived broken!",
                         "Thank you, happy to help, excellent question"),
            "negative");
  EXPECT_EQ(sentiment_of("vis_2", "Where is my parcel?", "Sorry, a terrible, awful mix-up"),
            "unknown");
}

TEST_F(ChatServiceTest, ConvertToTicketCarriesTheTranscript) {
  const std::string id = Say("vis_1", "c1", "Please call me back").conversation.id;
  ASSERT_TRUE(chat_->Identify(context_, "vis_1", ann_).ok());
  auto converted = chat_->ConvertToTicket(sue_, context_, id, {});
  ASSERT_TRUE(converted.ok()) << converted.error().message;
  const std::string ticket_id(converted->at("ticket_id").as_string());
  auto messages = tickets_->Messages(admin_, ticket_id);
  ASSERT_TRUE(messages.ok());
  const std::string body(messages->at(0).at("body_text").as_string());
  EXPECT_NE(body.find("Please call me back"), std::string::npos);
  EXPECT_EQ(chat_->ConvertToTicket(sue_, context_, id, {}).error().code, ErrorCode::kConflict);
}

TEST_F(ChatServiceTest, TheBotSeamAnswersRemembersAndHandsOffWithAReason) {
  ASSERT_TRUE(chat_->UpdateSettings(admin_, context_, Obj(R"({"bot_mode":"always"})")).ok());
  std::vector<std::string> states_seen;
  chat_->SetBot([&](const BotTurn& turn) {
    states_seen.push_back(turn.conversation.bot_state);
    BotReply reply{.state = R"({"turns":)" + std::to_string(states_seen.size()) + "}"};
    if (turn.choice == "human") {
      reply.hand_off = "asked";
      reply.messages.push_back({.text = "Connecting you with a person."});
      return reply;
    }
    json::object extra{{"buttons", json::array{json::object{{"label", "Yes"}, {"value", "yes"}}}}};
    reply.messages.push_back({.text = "Our hours are 9 to 5.", .extra = extra});
    return reply;
  });
  Posted first = Say("vis_1", "c1", "hours?");
  EXPECT_EQ(first.conversation.state, "bot");
  auto messages = chat_->VisitorMessages("vis_1", first.conversation.id, 0, 50);
  ASSERT_EQ(messages->size(), 2u);
  EXPECT_EQ((*messages)[1].author_kind, "bot");
  EXPECT_EQ(ToJsonString(VisitorMessageJson((*messages)[1]).at("buttons")),
            R"([{"label":"Yes","value":"yes"}])");
  // The label is the visitor's message; the value reaches the bot.
  auto pressed = chat_->PostVisitorMessage(context_, {.visitor_id = "vis_1"}, "c2",
                                           "Talk to a person", {}, std::string("human"));
  ASSERT_TRUE(pressed.ok()) << pressed.error().message;
  auto now = *chat_->VisitorConversation("vis_1", std::nullopt);
  EXPECT_EQ(now->state, "waiting");
  EXPECT_EQ(now->handoff_reason, "asked");
  EXPECT_EQ(now->bot_state, R"({"turns":2})");
  ASSERT_EQ(states_seen.size(), 2u);
  EXPECT_EQ(states_seen[1], R"({"turns":1})");  // what the bot kept, handed back
  Say("vis_1", "c3", "hello?");                 // a person's turn now: the bot stays quiet
  EXPECT_EQ(states_seen.size(), 2u);
  // A button value is bounded like any input.
  EXPECT_EQ(chat_
                ->PostVisitorMessage(context_, {.visitor_id = "vis_1"}, "c4", "x", {},
                                     std::string(121, 'v'))
                .error()
                .code,
            ErrorCode::kInvalidArgument);
}

TEST_F(ChatServiceTest, WithBotModeOffOrNoBotConversationsWaitForAPerson) {
  int calls = 0;
  chat_->SetBot([&](const BotTurn&) {
    ++calls;
    return BotReply{};
  });
  EXPECT_EQ(Say("vis_1", "c1", "hi").conversation.state, "waiting");  // the default mode is off
  ASSERT_TRUE(chat_->UpdateSettings(admin_, context_, Obj(R"({"bot_mode":"offline"})")).ok());
  // Nobody is available: the bot takes the new conversation of another visitor.
  EXPECT_EQ(Say("vis_2", "c1", "hi").conversation.state, "bot");
  MakeAvailable("usr_sue");
  EXPECT_EQ(Say("vis_3", "c1", "hi").conversation.state, "waiting");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(chat_->UpdateSettings(admin_, context_, Obj(R"({"bot_mode":"sometimes"})"))
                .error()
                .field_errors.front()
                .field,
            "bot_mode");
}

TEST_F(ChatServiceTest, AnAgentSteppingInStopsTheBotAndTheTranscriptSaysSo) {
  ASSERT_TRUE(chat_->UpdateSettings(admin_, context_, Obj(R"({"bot_mode":"always"})")).ok());
  int calls = 0;
  chat_->SetBot([&](const BotTurn&) {
    ++calls;
    return BotReply{.messages = {{.text = "I can help."}}};
  });
  Posted first = Say("vis_1", "c1", "hi");
  MakeAvailable("usr_sue");
  ASSERT_TRUE(chat_->Accept(sue_, context_, first.conversation.id).ok());
  auto messages = chat_->VisitorMessages("vis_1", first.conversation.id, 0, 50);
  ASSERT_EQ(messages->size(), 3u);
  EXPECT_EQ((*messages)[2].author_kind, "system");
  EXPECT_NE((*messages)[2].text.find("assistant has stopped"), std::string::npos);
  Say("vis_1", "c2", "are you there?");
  EXPECT_EQ(calls, 1);  // never beside a person
}

}  // namespace
}  // namespace rapport::support::chat
