// The chatbot's decision for one visitor message (docs/design/chatbot.md § A turn): answer from
// the help center, hand off to a person, list the visitor's orders, greet, or stay silent. Pure:
// the caller (the chat service) reads the conversation's state, runs the help-center search
// through `search` only when the rules need it, carries out the decision and stores the new
// state. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "support/bot/visitor_intent.hpp"

namespace rapport::bot {

// What the bot remembers of a conversation between turns.
struct BotState {
  bool person_joined = false;             // an agent joined: the bot never speaks again here
  bool resolved = false;                  // the visitor said an answer helped, or the chat ended
  bool awaiting_feedback = false;         // the bot's last message asked "Did that answer…?"
  int unhelpful_answers = 0;              // answers the visitor said did not help
  std::string language;                   // the conversation's language once known ("en", "de")
  std::optional<std::string> last_topic;  // the topic of the last answer
};

// What the conversation is, beyond the bot's own state.
struct BotContext {
  bool identified = false;                   // a verified customer (never an unverified claim)
  bool agents_available = true;              // within hours with someone to take it
  std::set<std::string> languages = {"en"};  // the help center's languages
  std::string default_language = "en";       // until the visitor's words say otherwise
  std::set<std::string> human_only_topics;   // topics the bot must never answer
};

// The best help-center match for a question, as the caller's search judged it.
struct BotMatch {
  std::string article_id;
  std::string topic;
  bool confident = false;  // above the answer threshold (docs/design/chatbot.md § Confidence)
};

enum class BotAction {
  kSilent,             // a person is in the conversation, or nothing to say
  kAnswer,             // the match's passage and link, then "Did that answer your question?"
  kNoAnswer,           // not confident: say so and offer a person
  kHandOff,            // to a person now (agents_available)
  kOfflineTicket,      // nobody there: say so, ask for an email, make it a ticket
  kOrderStatus,        // list the identified visitor's latest orders
  kIdentifyForOrders,  // an anonymous visitor asked about orders: nothing is shown to them
  kGreet,
  kWelcome,              // "You're welcome" after thanks or a "yes"
  kUnsupportedLanguage,  // the visitor writes a language the help center does not have
};

// Why a hand-off happens, for the transcript and the reports.
enum class HandOffReason { kNone, kAsked, kUnhelpful, kNegative, kHumanOnlyTopic };

struct BotDecision {
  BotAction action = BotAction::kSilent;
  HandOffReason reason = HandOffReason::kNone;
  std::optional<BotMatch> match;  // for kAnswer
  std::string language;           // the language to answer in
  BotState next;                  // the state to store after this turn
};

// After this many answers the visitor said did not help, the bot hands off.
inline constexpr int kMaxUnhelpfulAnswers = 2;

using SearchFn = std::function<std::optional<BotMatch>(std::string_view language)>;

// `pressed`: the intent of a button the visitor pressed ("Yes", "Talk to a person", "Where is
// my order?"): taken as said, whatever the message's words, and it does not change the
// conversation's language.
BotDecision DecideTurn(const BotState& state, const BotContext& context, std::string_view message,
                       const SearchFn& search, std::optional<Intent> pressed = std::nullopt);

}  // namespace rapport::bot
