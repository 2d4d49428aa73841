#include "common/page.hpp"

#include <charconv>

namespace rapport {

json::object PageToJson(Page page) {
  return json::object{
      {"data", std::move(page.data)},
      {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}};
}

std::string EncodeCursor(const CursorPosition& position) {
  return Base64UrlEncode(ToJsonString(json::array{position.sort, position.value, position.id}));
}

Result<CursorPosition> DecodeCursor(std::string_view cursor, std::string_view sort) {
  const Error bad = Error::Malformed(
      "The cursor is not valid for this query; start from the "
      "first page.");
  auto raw = Base64UrlDecode(cursor);
  if (!raw) return bad;
  auto parsed = ParseJson(*raw);
  if (!parsed.ok() || !parsed->is_array()) return bad;
  const json::array& array = parsed->as_array();
  if (array.size() != 3 || !array[0].is_string() || !array[2].is_string() ||
      array[0].as_string() != sort) {
    return bad;
  }
  return CursorPosition{std::string(array[0].as_string()), array[1],
                        std::string(array[2].as_string())};
}

Result<int> ParseLimit(const std::optional<std::string>& text) {
  if (!text || text->empty()) return kDefaultPageSize;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 ||
      value > kMaxPageSize) {
    return Error::Invalid("limit", "must be a whole number from 1 to 200");
  }
  return value;
}

Result<int> ParseLimit(const json::value* value) {
  if (value == nullptr || value->is_null()) return kDefaultPageSize;
  if (!value->is_int64() || value->as_int64() < 1 || value->as_int64() > kMaxPageSize) {
    return Error::Invalid("limit", "must be a whole number from 1 to 200");
  }
  return static_cast<int>(value->as_int64());
}

}  // namespace rapport
