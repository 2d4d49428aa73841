#include "common/json.hpp"

#include <sodium.h>

namespace rapport {

Result<json::value> ParseJson(std::string_view text) {
  json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec, {}, options);
  if (ec) return Error::Malformed("The body is not valid JSON: " + ec.message() + ".");
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
