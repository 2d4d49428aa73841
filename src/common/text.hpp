// Small text helpers shared by the validation code of every area. Pure; thread-safe.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace rapport {

// `text` without leading and trailing ASCII white space.
inline std::string_view TrimWhitespace(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// `text` with ASCII letters lower-cased: the case-insensitive key for emails and the like.
inline std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace rapport
