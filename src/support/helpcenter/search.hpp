// Help center search (docs/design/helpcenter.md § Search): the one entry point the staff API, the
// public pages and the chatbot call.
//
//   auto hits = SearchArticles(db, {.query = "where is my parcel", .language = "en"});
//   hits->front().score    // higher is better: minus FTS5's bm25 (title weighed 5×)
//   hits->front().passage  // the paragraph of the body that best matches, plain text
//
// The query is cut into words, function words dropped ("how do I"), each word stemmed the way
// articles are (text_analysis.hpp) and widened by the synonym list (a word or phrase of a group
// also matches the others); the last word also matches as a prefix when `prefix_last` (search as
// you type). Words are OR-ed, so BM25 ranks articles matching more and rarer words first.
// Callers check access themselves: the staff API needs knowledge-base read; the public pages and
// the bot search `published_only`, which is public content. Thread-safe; blocks on storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "support/helpcenter/kb_config.hpp"

namespace rapport::helpcenter {

inline constexpr size_t kMaxQueryCharacters = 200;
inline constexpr size_t kMaxQueryWords = 16;
inline constexpr int kMaxSearchLimit = 50;
inline constexpr size_t kMaxPassageCharacters = 320;

struct SearchRequest {
  std::string query;
  std::string language = "en";  // the articles searched, and how the query is stemmed
  int limit = 10;               // 1..kMaxSearchLimit
  bool published_only = true;
  bool prefix_last = true;
};

struct SearchHit {
  std::string article_id;
  std::string title;
  std::string slug;
  std::optional<std::string> topic;
  std::string language;
  std::string status;
  double score = 0;
  std::string passage;
};

// kInvalidArgument naming "q" for a query over kMaxQueryCharacters, "language" or "limit" for
// bad ones. A query without words gives no hits.
Result<std::vector<SearchHit>> SearchArticles(storage::Database& db, const SearchRequest& request);
Result<std::vector<SearchHit>> SearchArticlesInTx(storage::Tx& tx, const SearchRequest& request);

// The FTS5 MATCH expression for `query` (empty when it has no words), and the index terms a
// passage is scored by. Exposed for tests.
struct CompiledQuery {
  std::string match;
  std::vector<std::string> terms;     // index terms (stems) of every word and synonym
  std::optional<std::string> prefix;  // the folded last word, when matched as a prefix
};
CompiledQuery CompileQuery(std::string_view query, std::string_view language,
                           const SynonymGroups& synonyms, bool prefix_last);

// The paragraph of `body_text` (one a line) richest in `query`'s terms, cut to
// kMaxPassageCharacters at a word boundary.
std::string BestPassage(std::string_view body_text, const CompiledQuery& query,
                        std::string_view language);

}  // namespace rapport::helpcenter
