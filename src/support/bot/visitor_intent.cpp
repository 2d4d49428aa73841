#include "support/bot/visitor_intent.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "support/bot/text_words.hpp"

namespace rapport::bot {
namespace {

// Asking for a person. Phrases, folded; one match anywhere is enough, since a visitor who types
// "agent" means it whatever else the message says.
constexpr std::string_view kHandOffPhrases[] = {
    "agent",        "human",          "real person",    "a person",
    "someone",      "somebody",       "representative", "operator",
    "live chat",    "speak to",       "talk to",        "customer service",
    "staff",        "support team",   "mitarbeiter",    "mitarbeiterin",
    "mensch",       "menschen",       "berater",        "beraterin",
    "jemanden",     "jemand",         "kundenservice",  "kundendienst",
    "echte person", "person sprechen"};

constexpr std::string_view kYesWords[] = {
    "yes",   "yeah",    "yep",   "yup",      "y",      "sure",  "ok",  "okay", "thanks",
    "thank", "perfect", "great", "helped",   "solved", "ja",    "jep", "jo",   "danke",
    "super", "perfekt", "passt", "geholfen", "gelost", "prima", "top"};

constexpr std::string_view kNoWords[] = {"no",    "nope",    "nah",    "n",     "not",     "didn't",
                                         "didnt", "doesn't", "doesnt", "wrong", "useless", "nein",
                                         "nee",   "nicht",   "falsch", "leider"};

constexpr std::string_view kOrderStatusPhrases[] = {"where is my order",
                                                    "where's my order",
                                                    "wheres my order",
                                                    "my order status",
                                                    "order status",
                                                    "status of my order",
                                                    "where is my package",
                                                    "where is my parcel",
                                                    "where's my package",
                                                    "my orders",
                                                    "has my order shipped",
                                                    "did my order ship",
                                                    "wo ist meine bestellung",
                                                    "status meiner bestellung",
                                                    "bestellstatus",
                                                    "meine bestellung",
                                                    "wo bleibt meine bestellung",
                                                    "wo ist mein paket"};

constexpr std::string_view kGreetings[] = {
    "hi",        "hello",   "hey",   "hallo", "moin",   "servus", "hiya",  "good",  "morning",
    "afternoon", "evening", "guten", "tag",   "morgen", "abend",  "there", "gruss", "gott"};

constexpr std::string_view kThanksWords[] = {"thanks", "thank", "you",  "thx", "ty",    "cheers",
                                             "much",   "so",    "a",    "lot", "danke", "vielen",
                                             "dank",   "schon", "sehr", "many"};

template <size_t N>
bool IsOneOf(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

template <size_t N>
bool AnyPhrase(const std::vector<std::string>& words, const std::string_view (&phrases)[N]) {
  return std::any_of(std::begin(phrases), std::end(phrases),
                     [&](std::string_view phrase) { return HasPhrase(words, phrase); });
}

template <size_t N>
bool AllWordsIn(const std::vector<std::string>& words, const std::string_view (&list)[N]) {
  return !words.empty() && std::all_of(words.begin(), words.end(),
                                       [&](const std::string& w) { return IsOneOf(list, w); });
}

// Feedback is short: a yes or no with a few words around it ("no, that's not it"). A long
// message after the question is a new question, whatever its first word.
constexpr size_t kMaxFeedbackWords = 6;

}  // namespace

Intent ClassifyIntent(std::string_view text, bool awaiting_feedback) {
  const std::vector<std::string> words = FoldedWords(text);
  if (AnyPhrase(words, kHandOffPhrases)) return Intent::kHandOff;
  if (awaiting_feedback && !words.empty() && words.size() <= kMaxFeedbackWords) {
    // "No" wins over "thanks": "no thanks" did not help.
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) { return IsOneOf(kNoWords, w); })) {
      return Intent::kNo;
    }
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) { return IsOneOf(kYesWords, w); })) {
      return Intent::kYes;
    }
  }
  if (AnyPhrase(words, kOrderStatusPhrases)) return Intent::kOrderStatus;
  if (AllWordsIn(words, kThanksWords)) return Intent::kThanks;
  if (AllWordsIn(words, kGreetings)) return Intent::kGreeting;
  return Intent::kQuestion;
}

}  // namespace rapport::bot
