#include "customers/contact_points.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "common/unicode_text.hpp"

namespace rapport::customers {
namespace {

constexpr size_t kMaxEmailLength = 254;  // RFC 5321 path limit
constexpr size_t kMaxLocalPartLength = 64;
constexpr size_t kMinE164Digits = 8;   // shortest real subscriber numbers with country code
constexpr size_t kMaxE164Digits = 15;  // ITU-T E.164

// RFC 5322 atext: letters, digits and !#$%&'*+-/=?^_`{|}~, plus any non-ASCII character
// (RFC 6531); dots only between atoms.
bool IsDotAtom(std::string_view local) {
  if (local.empty() || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~.";
  return std::all_of(local.begin(), local.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || kSpecials.find(c) != std::string_view::npos;
  });
}

}  // namespace

std::optional<std::string> NormalizeEmail(std::string_view input) {
  const std::optional<std::string> nfc = ToNfc(TrimUnicodeWhitespace(input));
  // Invisible characters (zero-width space, joiners, BOM) and inner white space (NBSP) would make
  // a second key for the same mailbox; they are refused, not silently removed.
  if (!nfc || nfc->empty() || nfc->size() > kMaxEmailLength * 4 || HasInvisibleOrSpace(*nfc)) {
    return std::nullopt;
  }
  const std::string_view address = *nfc;
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') {
    // "anna"@example.com is anna@example.com (RFC 5321 §4.1.2): the quotes are dropped when what
    // they hold is a plain local part; anything needing them ("a b", "a@b") is refused.
    local = local.substr(1, local.size() - 2);
  }
  if (!IsDotAtom(local) || local.size() > kMaxLocalPartLength) return std::nullopt;
  const size_t dot = domain.find('.');
  if (domain.empty() || dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  const std::optional<std::string> ascii = DomainToAscii(domain);
  if (!ascii || local.size() + 1 + ascii->size() > kMaxEmailLength) return std::nullopt;
  // Stored as written (in NFC, unquoted): people see the spelling they typed; the key compares.
  return std::string(local) + "@" + std::string(domain);
}

std::string EmailKey(std::string_view normalized_address) {
  const size_t at = normalized_address.rfind('@');
  if (at == std::string_view::npos) return FoldCase(normalized_address);
  const std::string_view domain = normalized_address.substr(at + 1);
  return FoldCase(normalized_address.substr(0, at)) + "@" +
         DomainToAscii(domain).value_or(FoldCase(domain));
}

std::string DropTrunkPrefix(std::string_view number) {
  std::string text(TrimWhitespace(number));
  const bool international = text.rfind('+', 0) == 0 || text.rfind("00", 0) == 0;
  if (!international) return text;
  for (size_t found = text.find("(0)"); found != std::string::npos; found = text.find("(0)")) {
    text.erase(found, 3);
  }
  return text;
}

PhoneResult NormalizePhone(std::string_view input) {
  const std::string text = DropTrunkPrefix(input);
  const std::string_view number = text;
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
