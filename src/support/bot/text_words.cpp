#include "support/bot/text_words.hpp"

#include <cctype>

#include "common/collation.hpp"
#include "common/unicode_text.hpp"

namespace rapport::bot {

std::vector<std::string> FoldedWords(std::string_view text, size_t max_bytes) {
  text = Utf8Prefix(text, max_bytes);
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(SearchFold(current));
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (text.substr(i, 3) == "\xE2\x80\x99") {  // ’
      current.push_back('\'');
      i += 2;
    } else if (std::isalnum(byte) || byte >= 0x80 || byte == '\'') {
      current.push_back(text[i]);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

bool HasPhrase(const std::vector<std::string>& words, std::string_view phrase) {
  std::vector<std::string_view> parts;
  for (size_t start = 0; start <= phrase.size();) {
    const size_t space = phrase.find(' ', start);
    const size_t end = space == std::string_view::npos ? phrase.size() : space;
    if (end > start) parts.push_back(phrase.substr(start, end - start));
    start = end + 1;
  }
  if (parts.empty() || parts.size() > words.size()) return false;
  for (size_t i = 0; i + parts.size() <= words.size(); ++i) {
    bool all = true;
    for (size_t j = 0; j < parts.size() && all; ++j) all = words[i + j] == parts[j];
    if (all) return true;
  }
  return false;
}

}  // namespace rapport::bot
