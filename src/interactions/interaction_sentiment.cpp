#include "interactions/interaction_sentiment.hpp"

#include <string>

#include "common/sentiment.hpp"
#include "common/unicode_text.hpp"

namespace rapport::interactions {

std::string_view SentimentLabel(std::string_view text) {
  const Sentiment sentiment = ScoreSentiment(Utf8Prefix(text, kMaxScoredTextBytes));
  if (sentiment.matched == 0) return "unknown";
  if (sentiment.score <= kClearlyNegative) return "negative";
  if (sentiment.score >= kClearlyPositiveLabel) return "positive";
  return "neutral";
}

std::string_view SentimentLabel(std::string_view subject, std::string_view body) {
  std::string words(Utf8Prefix(subject, kMaxScoredTextBytes));
  if (!body.empty() && words.size() < kMaxScoredTextBytes) {
    if (!words.empty()) words += '\n';
    words += Utf8Prefix(body, kMaxScoredTextBytes - words.size());
  }
  return SentimentLabel(words);
}

}  // namespace rapport::interactions
