// What a chat visitor's message asks of the bot before any help-center search: a person, a
// yes/no answer to "Did that answer your question?", their orders, a greeting or thanks — or a
// question for the help center. English and German, by word lists over the folded text
// (docs/design/chatbot.md § Intents); deliberately conservative: when unsure it is a question.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace rapport::bot {

enum class Intent {
  kQuestion,     // search the help center
  kHandOff,      // "agent", "human", "talk to a person", "Mitarbeiter"
  kYes,          // "yes", "thanks that helped", "ja"
  kNo,           // "no", "not really", "nein", "hilft nicht"
  kOrderStatus,  // "where is my order", "order status", "wo ist meine Bestellung"
  kGreeting,     // "hi", "hello", "hallo" and nothing else
  kThanks,       // "thanks", "danke" and nothing else
};

// The visitor's intent in `text` (only the first 1,000 bytes are read). `awaiting_feedback` is
// true right after the bot asked whether its answer helped: only then do "yes"/"no" and short
// replies count as feedback.
Intent ClassifyIntent(std::string_view text, bool awaiting_feedback);

}  // namespace rapport::bot
