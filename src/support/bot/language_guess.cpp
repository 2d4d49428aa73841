#include "support/bot/language_guess.hpp"

#include <algorithm>
#include <vector>

#include "support/bot/text_words.hpp"

namespace rapport::bot {
namespace {

// Function words that are common in one language and rare in the other (folded). Words both
// share in spelling ("in", "so", "was") are left out.
constexpr std::string_view kEnglish[] = {
    "the",   "is",   "are",  "my",     "i",     "you", "your",  "to",  "of",   "and", "how", "what",
    "where", "when", "can",  "do",     "does",  "it",  "with",  "for", "have", "has", "not", "this",
    "that",  "why",  "will", "please", "order", "get", "there", "a",   "an",   "on",  "me",  "we"};
constexpr std::string_view kGerman[] = {
    "der",        "die",  "das",  "ist",  "sind", "mein", "meine", "meinen", "ich",
    "sie",        "ihr",  "und",  "wie",  "wo",   "wann", "kann",  "konnen", "nicht",
    "mit",        "fur",  "habe", "hat",  "ein",  "eine", "einen", "warum",  "bitte",
    "bestellung", "auf",  "mir",  "mich", "wir",  "zu",   "noch",  "auch",   "schon",
    "lange",      "geht", "gibt", "es",   "dem",  "den"};

template <size_t N>
int Count(const std::vector<std::string>& words, const std::string_view (&list)[N]) {
  return static_cast<int>(std::count_if(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
  }));
}

}  // namespace

std::string GuessLanguage(std::string_view text) {
  const std::vector<std::string> words = FoldedWords(text);
  int english = Count(words, kEnglish);
  int german = Count(words, kGerman);
  // Letters only German writes. Folding removed the umlauts from `words`, so look at the text.
  for (const std::string_view letter : {"ä", "ö", "ü", "ß", "Ä", "Ö", "Ü"}) {
    if (text.find(letter) != std::string_view::npos) german += 2;
  }
  if (english == german) return "";
  return english > german ? "en" : "de";
}

}  // namespace rapport::bot
