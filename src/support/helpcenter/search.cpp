#include "support/helpcenter/search.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "common/search_text.hpp"
#include "support/helpcenter/article.hpp"
#include "support/helpcenter/text_analysis.hpp"

namespace rapport::helpcenter {
namespace {

using storage::Rows;
using storage::Tx;

// Title (with tags and topic) weighs 5×, the body 1×, the unstemmed words (only ever matched by
// the prefix of the last word typed) ½×.
constexpr std::string_view kSearch =
    "SELECT a.id, a.title, a.slug, a.topic, a.language, a.status, a.body_text, "
    "bm25(kb_search, 5.0, 1.0, 0.5) AS rank FROM kb_search JOIN kb_articles a "
    "ON a.seq = kb_search.rowid WHERE kb_search MATCH ?1 AND a.language = ?2 "
    "AND (?3 = 0 OR a.status = 'published') ORDER BY rank LIMIT ?4";

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The stems of a word sequence as one FTS5 phrase.
std::string Phrase(const std::vector<std::string>& words, std::string_view language,
                   std::vector<std::string>& terms) {
  std::string phrase;
  for (const auto& word : words) {
    const std::string term = IndexTerm(word, language);
    if (!phrase.empty()) phrase += ' ';
    phrase += term;
    terms.push_back(term);
  }
  return Quoted(phrase);
}

// Whether `words` from position `at` start with `term_words`.
bool StartsWith(const std::vector<std::string>& words, size_t at,
                const std::vector<std::string>& term_words) {
  if (term_words.empty() || at + term_words.size() > words.size()) return false;
  return std::equal(term_words.begin(), term_words.end(), words.begin() + at);
}

size_t CharacterBoundary(std::string_view text, size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

}  // namespace

CompiledQuery CompileQuery(std::string_view query, std::string_view language,
                           const SynonymGroups& synonyms, bool prefix_last) {
  CompiledQuery out;
  std::vector<std::string> words = Words(query);
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  if (words.empty()) return out;
  // A query still being typed ends inside its last word: its last character is part of a word.
  size_t last = query.size();
  while (last > 0 && (static_cast<unsigned char>(query[last - 1]) & 0xC0) == 0x80) --last;
  if (last > 0) --last;
  const bool typing = prefix_last && !query.empty() && Words(query.substr(last)).size() == 1;
  const bool all_stop = std::all_of(words.begin(), words.end(),
                                    [&](const auto& w) { return IsStopWord(w, language); });
  // Each group's members, split into words once.
  std::vector<std::vector<std::vector<std::string>>> groups;
  for (const auto& group : synonyms) {
    auto& split = groups.emplace_back();
    for (const auto& term : group) split.push_back(Words(term));
  }
  std::vector<std::string> units;
  for (size_t at = 0; at < words.size();) {
    // The longest synonym member starting here, if any.
    const std::vector<std::vector<std::string>>* group = nullptr;
    size_t length = 0;
    for (const auto& members : groups) {
      for (const auto& member : members) {
        if (member.size() > length && StartsWith(words, at, member)) {
          group = &members;
          length = member.size();
        }
      }
    }
    std::vector<std::string> alternatives;
    if (group != nullptr) {
      for (const auto& member : *group) alternatives.push_back(Phrase(member, language, out.terms));
    } else {
      length = 1;
      if (!all_stop && IsStopWord(words[at], language) && !(typing && at + 1 == words.size())) {
        ++at;
        continue;
      }
      alternatives.push_back(Phrase({words[at]}, language, out.terms));
    }
    std::string unit = "{title body} : (";
    for (size_t i = 0; i < alternatives.size(); ++i) unit += (i ? " OR " : "") + alternatives[i];
    unit += ")";
    if (typing && at + length == words.size()) {
      out.prefix = FoldedWord(words.back());
      unit = "(" + unit + " OR {title body} : " + Quoted(IndexTerm(words.back(), language)) +
             "* OR words : " + Quoted(*out.prefix) + "*)";
    }
    units.push_back(std::move(unit));
    at += length;
  }
  for (size_t i = 0; i < units.size(); ++i) out.match += (i ? " OR " : "") + units[i];
  std::sort(out.terms.begin(), out.terms.end());
  out.terms.erase(std::unique(out.terms.begin(), out.terms.end()), out.terms.end());
  return out;
}

std::string BestPassage(std::string_view body_text, const CompiledQuery& query,
                        std::string_view language) {
  std::string_view best;
  int best_score = std::numeric_limits<int>::min();
  for (std::string_view rest = body_text; !rest.empty();) {
    const size_t end = rest.find('\n');
    const std::string_view paragraph = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (paragraph.empty()) continue;
    std::set<std::string> matched;
    for (const std::string& word : Words(paragraph)) {
      const std::string term = IndexTerm(word, language);
      if (std::binary_search(query.terms.begin(), query.terms.end(), term) ||
          (query.prefix && FoldedWord(word).starts_with(*query.prefix))) {
        matched.insert(term);
      }
    }
    // Distinct terms matter most, but a heading-length line ("Broken later, not on arrival?")
    // says little on its own: it gives way to any real paragraph that matches at all.
    const int length_bonus = paragraph.size() > 60 ? 1 : paragraph.size() < 40 ? -5 : 0;
    const int score = static_cast<int>(matched.size()) * 4 + length_bonus;
    if (score > best_score) {
      best_score = score;
      best = paragraph;
    }
  }
  if (best.size() <= kMaxPassageCharacters) return std::string(best);
  size_t cut = CharacterBoundary(best, kMaxPassageCharacters);
  const size_t space = best.rfind(' ', cut);
  if (space != std::string_view::npos && space > kMaxPassageCharacters / 2) cut = space;
  return std::string(best.substr(0, cut)) + "…";
}

Result<std::vector<SearchHit>> SearchArticlesInTx(Tx& tx, const SearchRequest& request) {
  if (CountCharacters(request.query) > kMaxQueryCharacters) {
    return Error::Invalid("q", "is longer than " + std::to_string(kMaxQueryCharacters) +
                                   " characters; ask in fewer words");
  }
  if (!IsValidLanguage(request.language)) {
    return Error::Invalid("language", "must be a language code such as en or de");
  }
  if (request.limit < 1 || request.limit > kMaxSearchLimit) {
    return Error::Invalid("limit", "must be from 1 to " + std::to_string(kMaxSearchLimit));
  }
  RAPPORT_ASSIGN_OR_RETURN(auto synonyms, ReadSynonymsInTx(tx));
  const CompiledQuery compiled =
      CompileQuery(request.query, request.language, synonyms.first, request.prefix_last);
  std::vector<SearchHit> hits;
  if (compiled.match.empty()) return hits;
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSearch, {compiled.match, request.language,
                                                         int64_t{request.published_only ? 1 : 0},
                                                         int64_t{request.limit}}));
  for (const auto& row : rows) {
    hits.push_back(SearchHit{.article_id = row.Text(0),
                             .title = row.Text(1),
                             .slug = row.Text(2),
                             .topic = row.OptText(3),
                             .language = row.Text(4),
                             .status = row.Text(5),
                             .score = -row.Real(7),
                             .passage = BestPassage(row.Text(6), compiled, request.language)});
  }
  return hits;
}

Result<std::vector<SearchHit>> SearchArticles(storage::Database& db, const SearchRequest& request) {
  std::vector<SearchHit> hits;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(hits, SearchArticlesInTx(tx, request));
    return OkStatus();
  }));
  return hits;
}

}  // namespace rapport::helpcenter
