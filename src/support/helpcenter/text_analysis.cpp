#include "support/helpcenter/text_analysis.hpp"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include "common/collation.hpp"
#include "common/unicode_text.hpp"

namespace rapport::helpcenter {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// The stemmer of `language` for this thread; nullptr when libstemmer does not know it. Only
// lower-case ISO 639 codes (two or three letters) are looked up, so a caller's text never picks
// an arbitrary algorithm name.
sb_stemmer* StemmerFor(std::string_view language) {
  thread_local std::map<std::string, StemmerPtr, std::less<>> stemmers;
  if (language.size() < 2 || language.size() > 3 ||
      !std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return nullptr;
  }
  auto it = stemmers.find(language);
  if (it == stemmers.end()) {
    const std::string name(language);
    it = stemmers.emplace(name, StemmerPtr(sb_stemmer_new(name.c_str(), "UTF_8"))).first;
  }
  return it->second.get();
}

// Small lists on purpose: only words that occur in almost every question and carry nothing.
// BM25 already weighs common words down; these are dropped so that a question made mostly of
// them ("how do I …") does not match every article a little.
constexpr std::array<std::string_view, 62> kEnglishStopWords{
    "a",     "an",    "and", "are",  "as",    "at",    "be",    "can",   "could", "do",   "does",
    "for",   "from",  "get", "have", "how",   "i",     "if",    "in",    "is",    "it",   "me",
    "my",    "of",    "on",  "or",   "our",   "so",    "that",  "the",   "their", "then", "there",
    "this",  "to",    "was", "we",   "what",  "when",  "where", "which", "who",   "why",  "will",
    "with",  "would", "you", "your", "am",    "been",  "did",   "has",   "its",   "just", "any",
    "about", "into",  "im",  "us",   "these", "those", "he"};
constexpr std::array<std::string_view, 60> kGermanStopWords{
    "der",    "die",   "das",  "den",  "dem",    "des", "ein",  "eine",  "einen", "einem",
    "einer",  "und",   "oder", "ist",  "sind",   "bin", "bist", "wie",   "was",   "wo",
    "wann",   "warum", "ich",  "du",   "sie",    "es",  "wir",  "ihr",   "mein",  "meine",
    "meinen", "mir",   "mich", "kann", "können", "zu",  "zum",  "zur",   "in",    "im",
    "an",     "am",    "auf",  "mit",  "von",    "für", "bei",  "nach",  "noch",  "nicht",
    "auch",   "so",    "da",   "dass", "ob",     "hat", "habe", "haben", "wird",  "werden"};

}  // namespace

std::vector<std::string> Words(std::string_view text) {
  const std::string folded = FoldCase(text);
  std::vector<std::string> words;
  std::string current;
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
  const int32_t length = static_cast<int32_t>(folded.size());
  for (int32_t at = 0; at < length;) {
    const int32_t start = at;
    UChar32 c;
    U8_NEXT(bytes, at, length, c);
    // Letters, digits and combining marks (a decomposed accent stays in its word).
    if (c >= 0 &&
        (u_isalnum(c) || u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK)) {
      current.append(folded, static_cast<size_t>(start), static_cast<size_t>(at - start));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string IndexTerm(std::string_view word, std::string_view language) {
  std::string stemmed(word);
  if (sb_stemmer* stemmer = StemmerFor(language)) {
    const sb_symbol* out = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out != nullptr) {
      stemmed.assign(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer)));
    }
  }
  return SearchFold(stemmed);
}

std::string IndexText(std::string_view text, std::string_view language) {
  std::string out;
  for (const std::string& word : Words(text)) {
    if (!out.empty()) out += ' ';
    out += IndexTerm(word, language);
  }
  return out;
}

std::string FoldedWord(std::string_view word) { return SearchFold(word); }

bool IsStopWord(std::string_view word, std::string_view language) {
  auto in = [&](const auto& list) {
    return std::find(list.begin(), list.end(), word) != list.end();
  };
  if (language == "de") return in(kGermanStopWords);
  if (language == "en") return in(kEnglishStopWords);
  return false;
}

bool HasStemmer(std::string_view language) { return StemmerFor(language) != nullptr; }

}  // namespace rapport::helpcenter
