// Where the chatbot's answers come from: the best published help-center article for a visitor's
// question (helpcenter::SearchArticles), and whether it is good enough to answer with
// (docs/design/chatbot.md § Confidence). Thread-safe; blocks on storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "support/helpcenter/search.hpp"

namespace rapport::bot {

// The best article for a question and how far ahead of the next it is.
struct HelpCandidate {
  helpcenter::SearchHit best;
  double score = 0;   // the search's score (minus BM25, title 5×): higher is better
  double margin = 1;  // (best - second) / best; 1 when there is no second
};

// An answer needs both a score of at least `min_score` (enough of the question's words, and rare
// ones, in the article) and a lead of at least `min_margin` over the second article (not a
// coin toss between two topics).
struct AnswerThreshold {
  double min_score = 0;
  double min_margin = 0;
};

// Tuned on bench/bot_eval/questions.tsv (bench/RESULTS.md, the bot section).
inline constexpr AnswerThreshold kAnswerThreshold{.min_score = 8.0, .min_margin = 0.2};

// The best published article for `question` in `language`; when that language has no confident
// one, the English one (the help center's first language) if it is confident or scores higher,
// so a German visitor still gets the answer that exists. Empty when nothing matches.
Result<std::optional<HelpCandidate>> FindHelpCandidate(storage::Database& db,
                                                       std::string_view question,
                                                       std::string_view language);

bool IsConfident(const HelpCandidate& candidate,
                 const AnswerThreshold& threshold = kAnswerThreshold);

}  // namespace rapport::bot
