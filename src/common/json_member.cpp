#include "common/json_member.hpp"

namespace rapport {
namespace {

constexpr std::string_view kSpace = " \t\r\n";

std::string_view TrimEnd(std::string_view text) {
  const size_t end = text.find_last_not_of(kSpace);
  return text.substr(0, end == std::string_view::npos ? 0 : end + 1);
}

// The index of the quote closing the string that opens at `open`, or npos when the text ends
// first. An escape's second character never closes it.
size_t StringEnd(std::string_view text, size_t open) {
  size_t i = open + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return i < text.size() ? i : std::string_view::npos;
}

}  // namespace

std::optional<std::string_view> TopLevelMember(std::string_view object, std::string_view key) {
  const size_t first = object.find_first_not_of(kSpace);
  if (first == std::string_view::npos || object[first] != '{') return std::nullopt;
  int depth = 0;
  // The last character outside strings and whitespace: a string at depth 1 right after `{` or
  // `,` is a member's key; after `:` it is a value.
  char last = 0;
  size_t value_start = std::string_view::npos;
  for (size_t i = first; i < object.size(); ++i) {
    const char c = object[i];
    if (c == '"') {
      const size_t end = StringEnd(object, i);
      if (end == std::string_view::npos) return std::nullopt;
      const bool is_key = depth == 1 && (last == '{' || last == ',');
      if (is_key && value_start == std::string_view::npos &&
          object.substr(i + 1, end - i - 1) == key) {
        const size_t colon = object.find_first_not_of(kSpace, end + 1);
        if (colon == std::string_view::npos || object[colon] != ':') return std::nullopt;
        value_start = object.find_first_not_of(kSpace, colon + 1);
        if (value_start == std::string_view::npos) return std::nullopt;
        i = value_start - 1;
        last = ':';
        continue;
      }
      i = end;
      last = '"';
      continue;
    }
    if (kSpace.find(c) != std::string_view::npos) continue;
    const bool value_ends =
        value_start != std::string_view::npos && depth == 1 && (c == ',' || c == '}');
    if (value_ends) {
      // `"key": ,` holds no value: not JSON, so no answer.
      const std::string_view value = TrimEnd(object.substr(value_start, i - value_start));
      if (value.empty()) return std::nullopt;
      return value;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      // The object closed (depth 0) without the member, or more closes than opens.
      if (--depth <= 0) return std::nullopt;
    }
    last = c;
  }
  return std::nullopt;
}

}  // namespace rapport
