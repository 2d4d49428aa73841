// A lexicon-based sentiment score for short texts people write to a business (chat messages,
// survey comments, review text), in English and German, computed locally with no network call
// (docs/design/sentiment.md). The chatbot hands a conversation to a person on a clearly negative
// message; feedback areas label comments with it.
//
// How it scores: each word found in the lexicon (weights -3..+3, folded: case and accents
// removed) adds its weight; a negation up to three words before flips and dampens it ("not
// good", "nicht zufrieden"); an intensifier right before multiplies it by 1.5 ("very bad",
// "sehr schlecht"); each "!" (at most three) adds 10 % to a negative or positive sum; a word
// written in capitals while the text is not all capitals counts 1.3 times. The sum is squashed
// to [-1, 1] by x / sqrt(x^2 + 15), so one mild word gives about ±0.25 and several strong ones
// approach ±1.
//
// Pure functions over immutable tables; thread-safe.
#pragma once

#include <string_view>

namespace rapport {

struct Sentiment {
  double score = 0;  // [-1, 1]; 0 when no lexicon word was found
  int matched = 0;   // lexicon words found
};

// Scores `text` (valid UTF-8; only the first 4,096 bytes are read, so the cost is bounded).
Sentiment ScoreSentiment(std::string_view text);

// At or below this score a text is clearly negative: an angry or upset customer. Chosen so that
// one strong word ("terrible", "furious") or two mild ones cross it, one mild one ("slow") alone
// does not, nor does a negated positive ("not great").
inline constexpr double kClearlyNegative = -0.5;

}  // namespace rapport
