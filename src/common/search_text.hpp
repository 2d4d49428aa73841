// Limits on the free text a caller searches with (`q` on every list), shared by every area so a
// search box means the same thing everywhere. A search term is matched against every row the
// caller can see, so its size multiplies the work; these bounds keep one request's cost small
// whatever is sent (a 1 MB `q` once ran for minutes and took gigabytes). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport {

// Longest search text, in characters: far beyond a name, an email and a city together.
inline constexpr size_t kMaxSearchCharacters = 200;
// Most words in one full-text search; each word is a prefix lookup in the index.
inline constexpr size_t kMaxSearchWords = 12;

// Characters (UTF-8 code points) in `text`; invalid bytes count one each.
inline size_t CountCharacters(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// kInvalidArgument naming `field` when `q` is longer than kMaxSearchCharacters.
inline Status CheckSearchText(const std::optional<std::string>& q, std::string_view field = "q") {
  if (q && CountCharacters(*q) > kMaxSearchCharacters) {
    return Error::Invalid(std::string(field), "is longer than " +
                                                  std::to_string(kMaxSearchCharacters) +
                                                  " characters; search for fewer words");
  }
  return OkStatus();
}

}  // namespace rapport
