// JSON helpers over Boost.JSON: parsing with errors as values, and small accessors that report
// the field at fault. Pure functions; thread-safe.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport {

namespace json = boost::json;

// Parses a complete JSON document (nesting limited to 32 levels so hostile input cannot exhaust
// the stack). kMalformed on any syntax error.
Result<json::value> ParseJson(std::string_view text);
// As ParseJson, but the document must be an object.
Result<json::object> ParseJsonObject(std::string_view text);

std::string ToJsonString(const json::value& value);

// The string at `key`, nullopt when absent or null; an error naming `field` when another type.
Result<std::optional<std::string>> OptionalString(const json::object& object, std::string_view key,
                                                  std::string_view field);

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace rapport
