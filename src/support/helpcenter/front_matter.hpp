// Front matter of a help center article file (the demo shop's articles, src/demo/helpcenter/):
//
//   ---
//   title: How long does delivery take?
//   slug: shipping-times
//   tags: shipping, delivery
//   ---
//   Markdown body…
//
// One `key: value` per line between two `---` lines at the very start (a value may contain
// colons; keys are lower-case letters, digits and `_`; blank lines and `#` comments are skipped).
// Bounded: at most kMaxFrontMatterLines lines. Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace rapport::helpcenter {

inline constexpr size_t kMaxFrontMatterLines = 50;

struct ArticleFile {
  std::map<std::string, std::string, std::less<>> fields;
  std::string body;
};

// kInvalidArgument (field "front_matter") when the text does not start with a complete block.
Result<ArticleFile> ParseArticleFile(std::string_view text);

// "shipping, delivery" -> {"shipping", "delivery"}: trimmed, empty items dropped.
std::vector<std::string> SplitList(std::string_view list);

}  // namespace rapport::helpcenter
