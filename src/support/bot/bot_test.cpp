#include <gtest/gtest.h>

#include "support/bot/bot_turn.hpp"
#include "support/bot/language_guess.hpp"
#include "support/bot/visitor_intent.hpp"

namespace rapport::bot {
namespace {

TEST(VisitorIntentTest, AsksForAPersonInEitherLanguage) {
  for (const char* text : {"agent", "can I talk to a human please", "I want a real person",
                           "Kann ich mit einem Mitarbeiter sprechen?", "Mensch bitte"}) {
    EXPECT_EQ(ClassifyIntent(text, false), Intent::kHandOff) << text;
  }
}

TEST(VisitorIntentTest, FeedbackOnlyRightAfterTheQuestion) {
  EXPECT_EQ(ClassifyIntent("yes thanks", true), Intent::kYes);
  EXPECT_EQ(ClassifyIntent("no thanks", true), Intent::kNo);  // "no" wins
  EXPECT_EQ(ClassifyIntent("nein, leider nicht", true), Intent::kNo);
  EXPECT_EQ(ClassifyIntent("ja danke", true), Intent::kYes);
  EXPECT_EQ(ClassifyIntent("no", false), Intent::kQuestion);
  // A long message after the question is a new question.
  EXPECT_EQ(ClassifyIntent("no I meant how do I return the headset I bought last week", true),
            Intent::kQuestion);
}

TEST(VisitorIntentTest, OrdersGreetingsThanks) {
  EXPECT_EQ(ClassifyIntent("Where is my order?", false), Intent::kOrderStatus);
  EXPECT_EQ(ClassifyIntent("wo ist meine Bestellung", false), Intent::kOrderStatus);
  EXPECT_EQ(ClassifyIntent("hello there", false), Intent::kGreeting);
  EXPECT_EQ(ClassifyIntent("Thank you so much!", false), Intent::kThanks);
  EXPECT_EQ(ClassifyIntent("hello, how long does shipping take", false), Intent::kQuestion);
}

TEST(LanguageGuessTest, EnglishGermanOrNoSign) {
  EXPECT_EQ(GuessLanguage("how long does delivery take to my house"), "en");
  EXPECT_EQ(GuessLanguage("Wie lange dauert die Lieferung?"), "de");
  EXPECT_EQ(GuessLanguage("Rückgabe"), "de");  // an umlaut is a sign
  EXPECT_EQ(GuessLanguage("1234"), "");
  EXPECT_EQ(GuessLanguage(""), "");
}

// A search stub that returns `match` and counts calls, so tests see when the bot searched.
struct Search {
  std::optional<BotMatch> match;
  int calls = 0;
  SearchFn Fn() {
    return [this](std::string_view) {
      ++calls;
      return match;
    };
  }
};

const BotContext kOpen{.identified = false, .agents_available = true, .languages = {"en", "de"}};

TEST(BotTurnTest, AnswersAConfidentMatchAndAsksForFeedback) {
  Search search{BotMatch{"art_1", "shipping-times", true}};
  BotDecision d = DecideTurn({}, kOpen, "how long does delivery take", search.Fn());
  EXPECT_EQ(d.action, BotAction::kAnswer);
  EXPECT_EQ(d.match->topic, "shipping-times");
  EXPECT_TRUE(d.next.awaiting_feedback);
  EXPECT_EQ(d.language, "en");
}

TEST(BotTurnTest, NotConfidentIsNoAnswerNotAGuess) {
  Search search{BotMatch{"art_1", "shipping-times", false}};
  EXPECT_EQ(DecideTurn({}, kOpen, "do you sell printers", search.Fn()).action,
            BotAction::kNoAnswer);
  Search none;
  EXPECT_EQ(DecideTurn({}, kOpen, "do you sell printers", none.Fn()).action, BotAction::kNoAnswer);
}

TEST(BotTurnTest, HandsOffAfterTwoUnhelpfulAnswers) {
  BotState state{.awaiting_feedback = true};
  Search search;
  BotDecision first = DecideTurn(state, kOpen, "no", search.Fn());
  EXPECT_EQ(first.action, BotAction::kNoAnswer);
  EXPECT_EQ(first.next.unhelpful_answers, 1);
  BotState second = first.next;
  second.awaiting_feedback = true;
  BotDecision handed = DecideTurn(second, kOpen, "nope", search.Fn());
  EXPECT_EQ(handed.action, BotAction::kHandOff);
  EXPECT_EQ(handed.reason, HandOffReason::kUnhelpful);
  EXPECT_EQ(search.calls, 0);
}

TEST(BotTurnTest, HandsOffWhenAskedOrAngryAndOpensATicketOutOfHours) {
  Search search{BotMatch{"art_1", "refunds-timing", true}};
  EXPECT_EQ(DecideTurn({}, kOpen, "human please", search.Fn()).reason, HandOffReason::kAsked);
  BotDecision angry =
      DecideTurn({}, kOpen, "This is the worst service, I am furious about my refund", search.Fn());
  EXPECT_EQ(angry.action, BotAction::kHandOff);
  EXPECT_EQ(angry.reason, HandOffReason::kNegative);
  BotContext closed = kOpen;
  closed.agents_available = false;
  EXPECT_EQ(DecideTurn({}, closed, "agent", search.Fn()).action, BotAction::kOfflineTicket);
  EXPECT_EQ(search.calls, 0);
}

TEST(BotTurnTest, HumanOnlyTopicsGoToAPerson) {
  BotContext context = kOpen;
  context.human_only_topics = {"privacy-data"};
  Search search{BotMatch{"art_9", "privacy-data", true}};
  BotDecision d = DecideTurn({}, context, "delete my account and all my data", search.Fn());
  EXPECT_EQ(d.action, BotAction::kHandOff);
  EXPECT_EQ(d.reason, HandOffReason::kHumanOnlyTopic);
}

TEST(BotTurnTest, SilentOnceAPersonJoined) {
  Search search{BotMatch{"art_1", "shipping-times", true}};
  BotState state{.person_joined = true};
  EXPECT_EQ(DecideTurn(state, kOpen, "how long does delivery take", search.Fn()).action,
            BotAction::kSilent);
  EXPECT_EQ(DecideTurn(state, kOpen, "agent!!!", search.Fn()).action, BotAction::kSilent);
  EXPECT_EQ(search.calls, 0);
}

TEST(BotTurnTest, AResolvedConversationDoesNotLoopBackToAPerson) {
  Search search;
  BotState resolved{.resolved = true, .unhelpful_answers = 1};
  BotDecision d = DecideTurn(resolved, kOpen, "thanks!", search.Fn());
  EXPECT_EQ(d.action, BotAction::kWelcome);
  EXPECT_TRUE(d.next.resolved);
  EXPECT_EQ(
      DecideTurn({.awaiting_feedback = true}, kOpen, "yes that helped", search.Fn()).next.resolved,
      true);
}

TEST(BotTurnTest, OrdersOnlyForIdentifiedVisitors) {
  Search search;
  EXPECT_EQ(DecideTurn({}, kOpen, "where is my order", search.Fn()).action,
            BotAction::kIdentifyForOrders);
  BotContext identified = kOpen;
  identified.identified = true;
  EXPECT_EQ(DecideTurn({}, identified, "where is my order", search.Fn()).action,
            BotAction::kOrderStatus);
}

TEST(BotTurnTest, SaysSoForALanguageTheHelpCenterLacks) {
  BotContext english_only = kOpen;
  english_only.languages = {"en"};
  Search search{BotMatch{"art_1", "shipping-times", true}};
  BotDecision d = DecideTurn({}, english_only, "Wie lange dauert die Lieferung?", search.Fn());
  EXPECT_EQ(d.action, BotAction::kUnsupportedLanguage);
  EXPECT_EQ(d.language, "de");
  EXPECT_EQ(search.calls, 0);
}

}  // namespace
}  // namespace rapport::bot
