// Keyset paging shared by every collection: a page of JSON records plus an opaque cursor.
//
// A cursor is base64url(JSON [sort, value, id]): the sort it was made for and the last row's key.
// Keyset (never OFFSET) keeps every page equally fast on large tables and stable under inserts.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

struct Page {
  json::array data;
  std::optional<std::string> next_cursor;
};

json::object PageToJson(Page page);

struct CursorPosition {
  std::string sort;
  json::value value;
  std::string id;
};

std::string EncodeCursor(const CursorPosition& position);
// kMalformed for anything that is not a cursor made for `sort`.
Result<CursorPosition> DecodeCursor(std::string_view cursor, std::string_view sort);

// Parses a limit given as text ("?limit=25"), defaulting when empty; field "limit" on error.
Result<int> ParseLimit(const std::optional<std::string>& text);
Result<int> ParseLimit(const json::value* value);

}  // namespace rapport
