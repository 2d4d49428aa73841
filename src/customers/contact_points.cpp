#include "customers/contact_points.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace rapport::customers {
namespace {

constexpr size_t kMaxEmailLength = 254;  // RFC 5321 path limit
constexpr size_t kMaxLocalPartLength = 64;
constexpr size_t kMinE164Digits = 8;   // shortest real subscriber numbers with country code
constexpr size_t kMaxE164Digits = 15;  // ITU-T E.164

}  // namespace

std::optional<std::string> NormalizeEmail(std::string_view address) {
  address = TrimWhitespace(address);
  if (address.empty() || address.size() > kMaxEmailLength) return std::nullopt;
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at > kMaxLocalPartLength ||
      address.find('@', at + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') {
      return std::nullopt;
    }
  }
  const std::string_view domain = address.substr(at + 1);
  const size_t dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(address);
}

std::string EmailKey(std::string_view normalized_address) {
  return ToLowerAscii(normalized_address);
}

PhoneResult NormalizePhone(std::string_view number) {
  number = TrimWhitespace(number);
  std::string digits;
  bool international = false;
  size_t i = 0;
  if (!number.empty() && number[0] == '+') {
    international = true;
    i = 1;
  }
  for (; i < number.size(); ++i) {
    const char c = number[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
      continue;  // common visual separators
    } else {
      return {std::nullopt, "may contain only digits, spaces and - . ( ) /, after an optional +"};
    }
  }
  if (!international && digits.size() > 2 && digits.compare(0, 2, "00") == 0) {
    international = true;  // the international call prefix used across Europe and elsewhere
    digits.erase(0, 2);
  }
  if (!international) {
    return {std::nullopt, "must include the country code, e.g. +49 151 2345678"};
  }
  if (digits.empty() || digits[0] == '0') {
    return {std::nullopt, "country codes never start with 0"};
  }
  if (digits.size() < kMinE164Digits || digits.size() > kMaxE164Digits) {
    return {std::nullopt, "must have between 8 and 15 digits including the country code"};
  }
  return {"+" + digits, {}};
}

}  // namespace rapport::customers
