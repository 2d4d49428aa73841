// The sentiment label of a timeline entry: what LogInTx (interaction_service.hpp) stores when an
// inbound entry's writer states none, and what areas that hold the customer's words outside the
// entry (a ticket message, a chat's visitor lines) state themselves.
//
// The rule (docs/design/sentiment.md § Interactions): an inbound entry logged without
// `sentiment` is labelled from its own words — its subject and the start of its body — by the
// lexicon score of common/sentiment.hpp, so the health rule "an interaction with negative
// sentiment" acts on real traffic, not only on what a caller typed in. A stated sentiment,
// `unknown` included, always wins; outbound and internal entries keep what they are given (staff's
// words are not the customer's mood). An area whose entry text is its own summary ("Order #12
// cancelled") or whose record has its own feedback rule (reviews, survey answers) states
// `unknown`.
//
// Pure functions over the lexicon's immutable tables; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace rapport::interactions {

// How much of an entry's words are read: a long e-mail thread costs no more than its start,
// where the customer says what the mail is about (ScoreSentiment itself stops at 4 KB too).
inline constexpr size_t kMaxScoredTextBytes = 4096;

// The mirror of kClearlyNegative (common/sentiment.hpp): one strong word ("excellent") or two
// mild ones make a customer's words positive.
inline constexpr double kClearlyPositiveLabel = 0.5;

// The label of a customer's words: "negative" at or under kClearlyNegative — the line the
// feedback rules use, so an interaction is a bad experience exactly when a comment would be —,
// "positive" at or over kClearlyPositiveLabel, "neutral" between, and "unknown" when no lexicon
// word was found (empty text, a plain question, a language the lexicon does not know: nothing
// was read, so nothing is claimed). Reads at most kMaxScoredTextBytes of `text`.
std::string_view SentimentLabel(std::string_view text);

// The label of an entry's own words: `subject`, a line break, then the start of `body`, together
// at most kMaxScoredTextBytes (a 100 KB body is never copied).
std::string_view SentimentLabel(std::string_view subject, std::string_view body);

}  // namespace rapport::interactions
