#include "customers/contact_points.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "common/unicode_text.hpp"

namespace rapport::customers {
namespace {

constexpr size_t kMaxEmailLength = 254;  // RFC 5321 path limit
constexpr size_t kMaxLocalPartLength = 64;

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

std::string DropTrunkPrefix(std::string_view number) {
  std::string text(TrimWhitespace(number));
  const bool international = text.rfind('+', 0) == 0 || text.rfind("00", 0) == 0;
  if (!international) return text;
  for (size_t found = text.find("(0)"); found != std::string::npos; found = text.find("(0)")) {
    text.erase(found, 3);
  }
  return text;
}

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Region code libphonenumber uses for "no region": only "+…" input parses.
constexpr std::string_view kUnknownRegion = "ZZ";
// Letters people write as phone-number decoration that libphonenumber would otherwise read as
// vanity letters or extensions; we refuse them instead of guessing.
constexpr std::string_view kAllowedPunctuation = " -.()/+";

std::string& DefaultRegionSetting() {
  static std::string region;
  return region;
}

bool HasOnlyPhoneCharacters(std::string_view number) {
  return std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= '0' && c <= '9') || kAllowedPunctuation.find(c) != std::string_view::npos;
  });
}

// "DE" for +49; "+800" for a code that is no region's (non-geographic numbers: "001").
std::string RegionOf(const PhoneNumberUtil& util, const PhoneNumber& number) {
  std::string region;
  util.GetRegionCodeForCountryCode(number.country_code(), &region);
  const bool geographic = !region.empty() && region != kUnknownRegion && region != "001";
  return geographic ? region : "+" + std::to_string(number.country_code());
}

}  // namespace

bool SetDefaultPhoneRegion(std::string_view region) {
  const std::string code(region);
  // A region libphonenumber has no country calling code for (or no metadata) is unknown to it.
  if (!code.empty() && PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(code) == 0) {
    return false;
  }
  DefaultRegionSetting() = code;
  return true;
}

const std::string& DefaultPhoneRegion() { return DefaultRegionSetting(); }

PhoneResult NormalizePhone(std::string_view input, std::string_view default_region) {
  std::string text = DropTrunkPrefix(input);
  if (!HasOnlyPhoneCharacters(text)) {
    return {std::nullopt, {}, "may contain only digits, spaces and - . ( ) /, after an optional +"};
  }
  // "00" is the international call prefix across Europe and elsewhere; read it as "+" even
  // without a region (libphonenumber only knows a region's own prefix).
  if (text.rfind("00", 0) == 0) text = "+" + text.substr(2);
  std::string region(default_region.empty() ? DefaultPhoneRegion() : default_region);
  if (region.empty()) region = kUnknownRegion;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  const auto error = util.Parse(text, region, &parsed);
  if (error == PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR) {
    return {std::nullopt,
            {},
            region == kUnknownRegion ? "must include the country code, e.g. +49 151 2345678"
                                     : "has a country code that does not exist"};
  }
  if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
    return {std::nullopt, {}, "is not a phone number"};
  }
  // Possible, not "valid": the region's allowed lengths are checked, not its currently assigned
  // number ranges, which change faster than Debian's copy of the metadata (design note).
  switch (util.IsPossibleNumberWithReason(parsed)) {
    case PhoneNumberUtil::IS_POSSIBLE:
      break;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
      return {std::nullopt, {}, "needs its area code"};
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
      return {std::nullopt, {}, "has a country code that does not exist"};
    case PhoneNumberUtil::INVALID_LENGTH:
      return {std::nullopt, {}, "has a length no number in " + RegionOf(util, parsed) + " has"};
    case PhoneNumberUtil::TOO_SHORT:
      return {std::nullopt, {}, "is too short for a number in " + RegionOf(util, parsed)};
    case PhoneNumberUtil::TOO_LONG:
      return {std::nullopt, {}, "is too long for a number in " + RegionOf(util, parsed)};
    default:
      return {std::nullopt, {}, "is not a phone number"};
  }
  std::string e164;
  util.Format(parsed, PhoneNumberUtil::E164, &e164);
  std::string display;
  util.Format(parsed, PhoneNumberUtil::INTERNATIONAL, &display);
  return {std::move(e164), std::move(display), {}};
}

std::string DisplayPhone(std::string_view e164) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util.Parse(std::string(e164), std::string(kUnknownRegion), &parsed) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::string(e164);
  }
  std::string display;
  util.Format(parsed, PhoneNumberUtil::INTERNATIONAL, &display);
  return display;
}

}  // namespace rapport::customers
