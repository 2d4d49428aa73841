#include "support/bot/help_answer.hpp"

#include <string>

#include "common/unicode_text.hpp"

namespace rapport::bot {
namespace {

Result<std::optional<HelpCandidate>> Best(storage::Database& db, std::string_view question,
                                          std::string_view language) {
  // The search refuses a query over its limit; a visitor's long message is cut to it instead,
  // at a character boundary: its first words carry the question.
  const std::string query(Utf8Prefix(question, helpcenter::kMaxQueryCharacters));
  RAPPORT_ASSIGN_OR_RETURN(std::vector<helpcenter::SearchHit> hits,
                           helpcenter::SearchArticles(db, {.query = query,
                                                           .language = std::string(language),
                                                           .limit = 2,
                                                           .published_only = true,
                                                           .prefix_last = false}));
  if (hits.empty()) return std::optional<HelpCandidate>();
  HelpCandidate candidate{.best = hits[0], .score = hits[0].score};
  if (hits.size() > 1 && hits[0].score > 0) {
    candidate.margin = (hits[0].score - hits[1].score) / hits[0].score;
  }
  return std::optional<HelpCandidate>(std::move(candidate));
}

}  // namespace

Result<std::optional<HelpCandidate>> FindHelpCandidate(storage::Database& db,
                                                       std::string_view question,
                                                       std::string_view language) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<HelpCandidate> found, Best(db, question, language));
  if (language == "en") return found;
  // The visitor's language has no confident answer: most of a help center is often only in its
  // first language, and a question's product names, codes and loanwords ("Newsletter", "USB-C")
  // match there too. A confident English answer beats an unsure one in the visitor's language.
  RAPPORT_ASSIGN_OR_RETURN(std::optional<HelpCandidate> english, Best(db, question, "en"));
  if (!found || (english && english->score > found->score)) {
    return english;
  }
  return found;
}

bool IsConfident(const HelpCandidate& candidate, const AnswerThreshold& threshold) {
  return candidate.score >= threshold.min_score && candidate.margin >= threshold.min_margin;
}

}  // namespace rapport::bot
