#include "common/sentiment.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/collation.hpp"
#include "common/unicode_text.hpp"

namespace rapport {
namespace {

constexpr size_t kMaxBytes = 4096;
constexpr int kNegationReach = 3;
constexpr double kNegationFactor = -0.5;
constexpr double kIntensifier = 1.5;
constexpr double kShouting = 1.3;
constexpr double kExclamationStep = 0.1;
constexpr int kMaxExclamations = 3;
constexpr double kSquash = 15;

struct Weighted {
  std::string_view word;
  int weight;
};

// Words of customer messages and reviews, folded (lower case, no accents). English first, then
// German; inflected forms are listed where they are common, since no stemmer runs here.
constexpr Weighted kLexicon[] = {
    // English, negative
    {"angry", -3},
    {"furious", -3},
    {"terrible", -3},
    {"horrible", -3},
    {"awful", -3},
    {"worst", -3},
    {"disgusting", -3},
    {"useless", -3},
    {"scam", -3},
    {"fraud", -3},
    {"hate", -3},
    {"hated", -3},
    {"outrageous", -3},
    {"unacceptable", -3},
    {"pathetic", -3},
    {"ridiculous", -2},
    {"disappointed", -2},
    {"disappointing", -2},
    {"annoyed", -2},
    {"annoying", -2},
    {"frustrated", -2},
    {"frustrating", -2},
    {"upset", -2},
    {"bad", -2},
    {"poor", -2},
    {"broken", -2},
    {"damaged", -2},
    {"rude", -2},
    {"waste", -2},
    {"wasted", -2},
    {"fail", -2},
    {"failed", -2},
    {"fails", -2},
    {"failure", -2},
    {"worse", -2},
    {"lousy", -2},
    {"sucks", -2},
    {"crap", -2},
    {"complaint", -2},
    {"complain", -2},
    {"refuse", -1},
    {"unhappy", -2},
    {"sad", -2},
    {"nightmare", -3},
    {"joke", -1},
    {"never", -1},
    {"slow", -1},
    {"late", -1},
    {"delay", -1},
    {"delayed", -1},
    {"missing", -1},
    {"wrong", -1},
    {"problem", -1},
    {"problems", -1},
    {"issue", -1},
    {"error", -1},
    {"stuck", -1},
    {"confusing", -1},
    {"confused", -1},
    {"expensive", -1},
    {"overpriced", -2},
    {"lost", -1},
    {"cancel", -1},
    {"worried", -1},
    {"unfortunately", -1},
    {"ignored", -2},
    {"lied", -3},
    {"liar", -3},
    {"incompetent", -3},
    {"wtf", -3},
    {"stupid", -2},
    {"garbage", -3},
    {"trash", -2},
    {"defective", -2},
    {"faulty", -2},
    {"mess", -2},
    {"fed", -1},
    // English, positive
    {"thanks", 2},
    {"thank", 2},
    {"great", 3},
    {"excellent", 3},
    {"amazing", 3},
    {"awesome", 3},
    {"fantastic", 3},
    {"perfect", 3},
    {"love", 3},
    {"loved", 3},
    {"best", 3},
    {"wonderful", 3},
    {"brilliant", 3},
    {"good", 2},
    {"nice", 2},
    {"happy", 2},
    {"glad", 2},
    {"helpful", 2},
    {"easy", 1},
    {"fast", 1},
    {"quick", 1},
    {"quickly", 1},
    {"works", 1},
    {"working", 1},
    {"solved", 2},
    {"fixed", 2},
    {"pleased", 2},
    {"satisfied", 2},
    {"recommend", 2},
    {"friendly", 2},
    {"kind", 2},
    {"appreciate", 2},
    {"cool", 1},
    {"fine", 1},
    {"ok", 1},
    {"okay", 1},
    {"smooth", 1},
    {"reliable", 2},
    {"impressed", 3},
    // German, negative
    {"wutend", -3},
    {"sauer", -2},
    {"schrecklich", -3},
    {"furchtbar", -3},
    {"katastrophe", -3},
    {"katastrophal", -3},
    {"unverschamt", -3},
    {"frechheit", -3},
    {"betrug", -3},
    {"schlechteste", -3},
    {"mist", -2},
    {"scheisse", -3},
    {"enttauscht", -2},
    {"enttauschend", -2},
    {"enttauschung", -2},
    {"argerlich", -2},
    {"verargert", -2},
    {"schlecht", -2},
    {"schlechter", -2},
    {"kaputt", -2},
    {"defekt", -2},
    {"beschadigt", -2},
    {"unfreundlich", -2},
    {"unzufrieden", -2},
    {"nervig", -2},
    {"genervt", -2},
    {"beschwerde", -2},
    {"reklamation", -1},
    {"zumutung", -3},
    {"lacherlich", -2},
    {"langsam", -1},
    {"spat", -1},
    {"verspatet", -1},
    {"verspatung", -1},
    {"fehlt", -1},
    {"falsch", -1},
    {"falsche", -1},
    {"problem", -1},
    {"probleme", -1},
    {"fehler", -1},
    {"leider", -1},
    {"teuer", -1},
    {"nie", -1},
    {"niemand", -1},
    {"ignoriert", -2},
    {"traurig", -2},
    {"unbrauchbar", -3},
    {"nutzlos", -3},
    // German, positive
    {"danke", 2},
    {"vielen", 1},
    {"super", 3},
    {"toll", 3},
    {"klasse", 3},
    {"prima", 2},
    {"perfekt", 3},
    {"hervorragend", 3},
    {"ausgezeichnet", 3},
    {"gut", 2},
    {"gute", 2},
    {"zufrieden", 2},
    {"freundlich", 2},
    {"hilfreich", 2},
    {"schnell", 1},
    {"einfach", 1},
    {"gelost", 2},
    {"funktioniert", 1},
    {"empfehlen", 2},
    {"liebe", 3},
    {"froh", 2},
};

constexpr std::string_view kNegations[] = {
    "not",    "no",     "never",   "dont",    "don't",  "doesnt", "doesn't", "didnt",
    "didn't", "isnt",   "isn't",   "wasnt",   "wasn't", "cant",   "can't",   "cannot",
    "wont",   "won't",  "nothing", "without", "nicht",  "kein",   "keine",   "keinen",
    "keiner", "nichts", "ohne",    "nie",     "niemals"};

constexpr std::string_view kIntensifiers[] = {
    "very", "so",    "really", "extremely", "totally", "completely", "absolutely", "super",
    "sehr", "total", "extrem", "absolut",   "echt",    "wirklich",   "voll",       "ganz"};

const std::unordered_map<std::string_view, int>& Lexicon() {
  static const auto* lexicon = [] {
    auto* map = new std::unordered_map<std::string_view, int>();
    for (const auto& [word, weight] : kLexicon) map->emplace(word, weight);
    return map;
  }();
  return *lexicon;
}

template <size_t N>
bool Contains(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

struct Word {
  std::string folded;
  bool capitals = false;  // written in capitals, at least two letters
};

// Words are runs of letters (any non-ASCII byte counts as part of a letter), digits and
// apostrophes; everything else separates them.
std::vector<Word> SplitWords(std::string_view text, int& exclamations) {
  std::vector<Word> words;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    int upper = 0;
    int lower = 0;
    for (const char c : current) {
      if (c >= 'A' && c <= 'Z') ++upper;
      if (c >= 'a' && c <= 'z') ++lower;
    }
    words.push_back({SearchFold(current), upper >= 2 && lower == 0});
    current.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || byte >= 0x80 || c == '\'') {
      current.push_back(c);
    } else {
      if (c == '!') ++exclamations;
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace

Sentiment ScoreSentiment(std::string_view text) {
  text = Utf8Prefix(text, kMaxBytes);
  // A typographic apostrophe (U+2019, what phones type) is the ASCII one: "don’t" is "don't".
  std::string plain(text);
  for (size_t at = plain.find("\xE2\x80\x99"); at != std::string::npos;
       at = plain.find("\xE2\x80\x99", at)) {
    plain.replace(at, 3, "'");
  }
  int exclamations = 0;
  const std::vector<Word> words = SplitWords(plain, exclamations);
  const bool all_capitals =
      std::all_of(words.begin(), words.end(), [](const Word& w) { return w.capitals; });
  Sentiment result;
  double sum = 0;
  int since_negation = kNegationReach + 1;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i].folded;
    if (Contains(kNegations, word)) {
      since_negation = 0;
      continue;
    }
    ++since_negation;
    const auto found = Lexicon().find(word);
    if (found == Lexicon().end()) continue;
    double weight = found->second;
    if (i > 0 && Contains(kIntensifiers, words[i - 1].folded)) weight *= kIntensifier;
    if (since_negation <= kNegationReach) weight *= kNegationFactor;
    if (words[i].capitals && !all_capitals) weight *= kShouting;
    sum += weight;
    ++result.matched;
  }
  if (sum != 0) sum *= 1 + kExclamationStep * std::min(exclamations, kMaxExclamations);
  result.score = sum / std::sqrt(sum * sum + kSquash);
  return result;
}

}  // namespace rapport
