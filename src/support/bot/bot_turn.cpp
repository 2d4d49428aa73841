#include "support/bot/bot_turn.hpp"

#include "common/sentiment.hpp"
#include "support/bot/language_guess.hpp"
#include "support/bot/visitor_intent.hpp"

namespace rapport::bot {
namespace {

BotDecision HandOff(BotDecision decision, const BotContext& context, HandOffReason reason) {
  decision.action = context.agents_available ? BotAction::kHandOff : BotAction::kOfflineTicket;
  decision.reason = reason;
  decision.next.awaiting_feedback = false;
  return decision;
}

}  // namespace

BotDecision DecideTurn(const BotState& state, const BotContext& context, std::string_view message,
                       const SearchFn& search, std::optional<Intent> pressed) {
  BotDecision decision;
  decision.next = state;
  // Never beside a person, and never back into a hand-off once resolved: the conversation is
  // theirs from here on.
  if (state.person_joined) return decision;

  const std::string guessed = pressed ? std::string() : GuessLanguage(message);
  if (!guessed.empty()) decision.next.language = guessed;
  const std::string& language =
      decision.next.language.empty() ? context.default_language : decision.next.language;
  decision.language = language;

  const Intent intent = pressed.value_or(ClassifyIntent(message, state.awaiting_feedback));
  // An explicit ask for a person is always honoured, resolved or not.
  if (intent == Intent::kHandOff) return HandOff(decision, context, HandOffReason::kAsked);
  // Thanks, a "yes" and greetings end in a friendly word, never a hand-off: a resolved
  // conversation does not loop back to a person because the visitor said goodbye.
  if (intent == Intent::kYes || intent == Intent::kThanks) {
    decision.next.awaiting_feedback = false;
    if (intent == Intent::kYes || state.resolved) decision.next.resolved = true;
    decision.action = BotAction::kWelcome;
    return decision;
  }
  if (intent == Intent::kGreeting) {
    decision.action = BotAction::kGreet;
    return decision;
  }
  if (!pressed && ScoreSentiment(message).score <= kClearlyNegative) {
    return HandOff(decision, context, HandOffReason::kNegative);
  }
  if (intent == Intent::kNo) {
    decision.next.awaiting_feedback = false;
    if (++decision.next.unhelpful_answers >= kMaxUnhelpfulAnswers) {
      return HandOff(decision, context, HandOffReason::kUnhelpful);
    }
    decision.action = BotAction::kNoAnswer;  // "Sorry — could you say it another way?"
    return decision;
  }
  if (intent == Intent::kOrderStatus) {
    decision.next.awaiting_feedback = false;
    decision.action = context.identified ? BotAction::kOrderStatus : BotAction::kIdentifyForOrders;
    return decision;
  }
  decision.next.awaiting_feedback = false;
  if (!context.languages.contains(language)) {
    decision.action = BotAction::kUnsupportedLanguage;
    return decision;
  }
  const std::optional<BotMatch> match = search(language);
  if (match && match->confident && context.human_only_topics.contains(match->topic)) {
    return HandOff(decision, context, HandOffReason::kHumanOnlyTopic);
  }
  if (!match || !match->confident) {
    decision.action = BotAction::kNoAnswer;
    return decision;
  }
  decision.action = BotAction::kAnswer;
  decision.match = match;
  decision.next.awaiting_feedback = true;
  decision.next.last_topic = match->topic;
  decision.next.resolved = false;
  return decision;
}

}  // namespace rapport::bot
