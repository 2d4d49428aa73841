#include "common/json.hpp"

#include <sodium.h>

#include <cmath>

namespace rapport {
namespace {

// Whether every number in `value` is finite. Recursion is bounded by the parser's depth limit.
// Checked before NonFinitePath, which builds a path string for every element it visits: every
// stored record read (a page parses 150 JSON columns) passes, and needs no path.
bool AllFinite(const json::value& value) {
  if (value.is_double()) return std::isfinite(value.as_double());
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (!AllFinite(item)) return false;
    }
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (!AllFinite(item)) return false;
    }
  }
  return true;
}

// The path of the first number in `value` that is not finite ("custom_fields.score",
// "lines[2].discount"); nullopt when every number is finite. Recursion is bounded by the parser's
// depth limit.
std::optional<std::string> NonFinitePath(const json::value& value, const std::string& path) {
  if (value.is_double()) {
    return std::isfinite(value.as_double()) ? std::nullopt : std::optional<std::string>(path);
  }
  if (value.is_array()) {
    const json::array& array = value.as_array();
    for (size_t i = 0; i < array.size(); ++i) {
      auto found = NonFinitePath(array[i], path + "[" + std::to_string(i) + "]");
      if (found) return found;
    }
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      auto found =
          NonFinitePath(item, path.empty() ? std::string(key) : path + "." + std::string(key));
      if (found) return found;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<json::value> ParseJson(std::string_view text) {
  json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec, {}, options);
  if (ec) return Error::Malformed("The body is not valid JSON: " + ec.message() + ".");
  // Boost.JSON reads 1e400 as infinity, and would write it back as "Infinity", which no JSON
  // reader (SQLite's json functions included) accepts: such a number must never get further.
  if (AllFinite(value)) return value;
  if (auto path = NonFinitePath(value, {})) {
    return Error::Invalid(path->empty() ? "body" : *path,
                          "is out of range: a number must be finite (at most about 1.8e308)");
  }
  return value;
}

Result<json::object> ParseJsonObject(std::string_view text) {
  RAPPORT_ASSIGN_OR_RETURN(json::value value, ParseJson(text));
  if (!value.is_object()) return Error::Malformed("The body must be a JSON object.");
  return std::move(value.as_object());
}

std::string ToJsonString(const json::value& value) { return json::serialize(value); }

Result<std::optional<std::string>> OptionalString(const json::object& object, std::string_view key,
                                                  std::string_view field) {
  const json::value* v = object.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return Error::Invalid(std::string(field), "must be a string");
  return std::optional<std::string>(std::string(v->as_string()));
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace rapport
