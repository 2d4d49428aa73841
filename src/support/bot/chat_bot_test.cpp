// The bot the chat calls, over a real database holding the demo shop's help center: what it says,
// what it remembers, when it hands over, and what it never shows.
#include "support/bot/chat_bot.hpp"

#include <gtest/gtest.h>

#include "demo/demo_help_articles.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/bot/bot_settings.hpp"
#include "support/helpcenter/article_files.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::bot {
namespace {

using support::chat::BotReply;
using support::chat::BotTurn;
using support::chat::Conversation;

constexpr std::string_view kFlows = R"({
  "human_only_topics": ["change-payment-method"],
  "flows": [{"id": "returns", "label": "Returns", "steps": [
    {"id": "start", "text": "Is the item unused?", "buttons": [
      {"label": "Yes", "next": "unused"}, {"label": "No", "action": "human"}]},
    {"id": "unused", "text": "Send it back within 30 days.", "buttons": [
      {"label": "How do I return?", "action": "article", "article": "return-how"}]}]}]})";

class ChatBotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("b.db")})).value();
    bot_ = std::make_unique<ChatBot>(*db_, "https://help.shop.example");
    std::vector<helpcenter::ArticleFileText> files;
    for (const auto& file : demo::DemoHelpArticles()) {
      files.push_back({std::string(file.name), std::string(file.text)});
    }
    ASSERT_TRUE(helpcenter::LoadArticleFiles(*db_, context_, files).ok());
    ASSERT_TRUE(helpcenter::AddSynonyms(*db_, context_, helpcenter::DemoSynonyms()).ok());
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     auto customer = tx.Exec(
                         "INSERT INTO customers (id, display_name, custom_fields, created_at, "
                         "updated_at) VALUES ('cus_ann', 'Ann', '{}', '', '')");
                     if (!customer.ok()) return customer.error();
                     for (int i = 1; i <= 5; ++i) {
                       auto inserted = tx.Exec(
                           "INSERT INTO orders (id, customer_id, external_id, placed_at, status, "
                           "currency, channel, subtotal_cents, discount_cents, total_cents, "
                           "created_at, updated_at) VALUES (?, 'cus_ann', ?, ?, ?, 'EUR', 'web', "
                           "5990, 0, 5990, '', '')",
                           {"ord_" + std::to_string(i), "10" + std::to_string(40 + i),
                            "2026-11-0" + std::to_string(i) + "T10:00:00Z",
                            i == 5 ? std::string("shipped") : std::string("fulfilled")});
                       if (!inserted.ok()) return inserted.error();
                     }
                     return OkStatus();
                   })
                    .ok());
  }

  // One visitor message through the bot, remembering its state like the chat does.
  BotReply Turn(std::string_view text, std::optional<std::string> choice = std::nullopt,
                bool online = true) {
    BotReply reply = bot_->Respond(
        BotTurn{.conversation = conversation_, .text = text, .choice = choice, .online = online});
    conversation_.bot_state = reply.state;
    return reply;
  }

  static std::vector<std::string> Values(const BotReply& reply) {
    std::vector<std::string> out;
    for (const auto& message : reply.messages) {
      if (const auto* buttons = message.extra.if_contains("buttons")) {
        for (const auto& b : buttons->as_array()) {
          out.emplace_back(b.as_object().at("value").as_string());
        }
      }
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  const storage::WriteContext context_{.actor = "test", .via = "test"};
  std::unique_ptr<ChatBot> bot_;
  Conversation conversation_{.id = "cht_1", .visitor_id = "vis_1", .state = "bot"};
};

TEST_F(ChatBotTest, AnswersWithAPassageAndLinkThenAsksWhetherItHelped) {
  BotReply reply = Turn("delivery time to germany?");
  ASSERT_EQ(reply.messages.size(), 2u);
  const auto& link = reply.messages[0].extra.at("link").as_object();
  EXPECT_EQ(link.at("url").as_string(), "https://help.shop.example/help/articles/shipping-times");
  EXPECT_FALSE(reply.messages[0].text.empty());
  EXPECT_EQ(reply.messages[1].text, "Did that answer your question?");
  EXPECT_EQ(Values(reply), (std::vector<std::string>{"yes", "no", "human"}));
  EXPECT_FALSE(reply.hand_off);
  // "Yes" resolves it; a thank-you afterwards never hands over.
  EXPECT_EQ(Turn("Yes", "yes").messages[0].text.substr(0, 14), "You're welcome");
  EXPECT_FALSE(Turn("thanks!").hand_off);
}

TEST_F(ChatBotTest, TwoUnhelpfulAnswersHandOverWithTheReason) {
  Turn("delivery time to germany?");
  BotReply first_no = Turn("No", "no");
  EXPECT_FALSE(first_no.hand_off);
  EXPECT_NE(first_no.messages[0].text.find("another way"), std::string::npos);
  Turn("how long till my order gets here");
  BotReply second_no = Turn("No", "no");
  EXPECT_EQ(second_no.hand_off, "unhelpful");
}

TEST_F(ChatBotTest, AskingForAPersonHandsOverOrOutOfHoursSaysNobodyIsThere) {
  EXPECT_EQ(Turn("can I talk to a human please").hand_off, "asked");
  conversation_.bot_state = "{}";
  BotReply offline = Turn("Talk to a person", "human", /*online=*/false);
  EXPECT_EQ(offline.hand_off, "asked");
  ASSERT_EQ(offline.messages.size(), 1u);
  EXPECT_NE(offline.messages[0].text.find("Leave your email"), std::string::npos)
      << offline.messages[0].text;
}

TEST_F(ChatBotTest, OrdersAreShownOnlyToAVerifiedCustomer) {
  BotReply anonymous = Turn("where is my order?");
  ASSERT_EQ(anonymous.messages.size(), 1u);
  EXPECT_EQ(anonymous.messages[0].text.find("1045"), std::string::npos);
  EXPECT_NE(anonymous.messages[0].text.find("sign in"), std::string::npos);
  conversation_.customer_id = "cus_ann";
  BotReply identified = Turn("Where is my order?", "orders");
  const std::string& text = identified.messages[0].text;
  EXPECT_NE(text.find("Order 1045 (2026-11-05): shipped, 59.90 EUR"), std::string::npos) << text;
  EXPECT_EQ(text.find("1042"), std::string::npos);  // the latest three, and a word on the rest
  EXPECT_NE(text.find("older orders"), std::string::npos);
}

TEST_F(ChatBotTest, AGermanVisitorIsAnsweredInGerman) {
  BotReply reply = Turn("Wie lange braucht ein Paket nach Österreich?");
  ASSERT_EQ(reply.messages.size(), 2u);
  EXPECT_EQ(reply.messages[1].text, "Hat das Ihre Frage beantwortet?");
  EXPECT_NE(ToJsonString(reply.messages[1].extra).find("Ja"), std::string::npos);
}

TEST_F(ChatBotTest, GuidedFlowsAreOfferedAndWalkedByButtons) {
  BotSettingsService settings(*db_);
  ASSERT_TRUE(
      settings.Put(access::Access::Unrestricted(), context_, ParseJsonObject(kFlows).value()).ok());
  BotReply hello = Turn("hello");
  EXPECT_EQ(Values(hello), (std::vector<std::string>{"flow:returns", "orders", "human"}));
  BotReply start = Turn("Returns", "flow:returns");
  EXPECT_EQ(start.messages[0].text, "Is the item unused?");
  EXPECT_EQ(Values(start), (std::vector<std::string>{"flow:returns/unused", "human"}));
  BotReply unused = Turn("Yes", "flow:returns/unused");
  EXPECT_EQ(Values(unused), (std::vector<std::string>{"article:return-how"}));
  BotReply article = Turn("How do I return?", "article:return-how");
  ASSERT_EQ(article.messages.size(), 2u);
  EXPECT_EQ(article.messages[0].extra.at("link").at("url").as_string(),
            "https://help.shop.example/help/articles/return-how");
}

TEST_F(ChatBotTest, AHumanOnlyTopicIsNeverAnsweredByTheBot) {
  BotSettingsService settings(*db_);
  ASSERT_TRUE(settings
                  .Put(access::Access::Unrestricted(), context_,
                       ParseJsonObject(R"({"human_only_topics":["shipping-times"]})").value())
                  .ok());
  BotReply reply = Turn("delivery time to germany?");
  EXPECT_EQ(reply.hand_off, "human_only")
      << (reply.messages.empty() ? "" : ToJsonString(reply.messages[0].extra));
}

TEST(BotSettingsTest, FlowsAreCheckedAndErrorsNameTheField) {
  auto parse = [](std::string_view text) {
    return ParseBotSettings(ParseJsonObject(text).value(), BotSettings{});
  };
  EXPECT_TRUE(parse(kFlows).ok());
  auto dead = parse(
      R"({"flows":[{"id":"f","label":"F","steps":[{"id":"a","text":"t","buttons":[{"label":"x","next":"nowhere"}]}]}]})");
  ASSERT_FALSE(dead.ok());
  EXPECT_EQ(dead.error().field_errors.front().field, "flows[0].steps[0].buttons[0].next");
  auto both = parse(
      R"({"flows":[{"id":"f","label":"F","steps":[{"id":"a","text":"t","buttons":[{"label":"x","next":"a","action":"human"}]}]}]})");
  EXPECT_EQ(both.error().field_errors.front().field, "flows[0].steps[0].buttons[0]");
  EXPECT_EQ(parse(R"({"flows":[{"id":"Bad Id","label":"F","steps":[]}]})")
                .error()
                .field_errors.front()
                .field,
            "flows[0].id");
  EXPECT_EQ(
      parse(R"({"flows":[{"id":"f","label":"F","steps":[]}]})").error().field_errors.front().field,
      "flows[0].steps");
  EXPECT_EQ(parse(R"({"colour":"red"})").error().field_errors.front().field, "colour");
  std::string many = R"({"flows":[)";
  for (int i = 0; i < 21; ++i) {
    many += std::string(i ? "," : "") + R"({"id":"f)" + std::to_string(i) +
            R"(","label":"F","steps":[{"id":"a","text":"t"}]})";
  }
  EXPECT_EQ(parse(many + "]}").error().field_errors.front().field, "flows");
}

}  // namespace
}  // namespace rapport::bot
