// vCard lines and properties, for VcardReader (vcard.hpp): the limits, unfolded-line parsing
// into properties, decoding (quoted-printable, charsets, escapes) and the TYPE words that become
// customer labels. Internal to the engine; pure functions, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace rapport::transfer::vcard_detail {

// A hostile file (one endless line, a card of endless lines) fails at these sizes instead of
// exhausting memory; a real card, photo included, is far smaller.
constexpr size_t kMaxLineBytes = size_t{1} << 20;
constexpr size_t kMaxCardBytes = size_t{1} << 20;
// How much of an offending line an error message shows.
constexpr size_t kExcerptBytes = 40;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// vCard TYPE words that name a customer label, in the order they decide: a "work,cell" phone is
// the mobile one. Other words (voice, internet, pref, dom, postal…) say nothing a label would.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypeLabels = {{
    {"cell", "mobile"},
    {"mobile", "mobile"},
    {"iphone", "mobile"},
    {"fax", "fax"},
    {"pager", "pager"},
    {"work", "work"},
    {"home", "home"},
    {"other", "other"},
}};

// ADR components copied as they are: customer key, index in the ADR value.
constexpr std::array<std::pair<std::string_view, size_t>, 3> kAddressFields = {
    {{"city", 3}, {"region", 4}, {"postal_code", 5}}};

std::string Upper(std::string_view text);
std::string Trim(std::string_view text);
Error LineError(int64_t line, const std::string& message);
// The start of an offending line, for error messages.
std::string Excerpt(std::string_view line);
// Splits on `separator`; with `quotes`, not inside double quotes (parameter lists).
std::vector<std::string_view> Split(std::string_view text, char separator, bool quotes = false);
// Splits on unescaped `separator` (N and ADR components).
std::vector<std::string_view> SplitUnescaped(std::string_view text, char separator);
// Undoes 3.0/4.0 backslash escapes.
std::string Unescape(std::string_view text);
bool StartsWithNoCase(std::string_view text, std::string_view prefix);
bool IsQuotedPrintable(std::string_view line);

struct Property {
  int64_t line = 0;
  std::string group;                                        // lower-case; empty without one
  std::string name;                                         // upper-case
  std::vector<std::pair<std::string, std::string>> params;  // upper-case name, lower-case value
  std::string value;                                        // as written: still encoded and escaped

  bool Has(std::string_view param, std::string_view value) const;
  std::string First(std::string_view param) const;
};

// "group.NAME;PARAM=a,b;WORD:value"; nullopt when the line has no ':' or no name.
std::optional<Property> ParseProperty(std::string_view line, int64_t number);
bool IsVcardMarker(const Property& property, std::string_view name);
// The value as UTF-8 text, still escaped: quoted-printable and the charset undone.
Result<std::string> DecodeText(const Property& property);
// RFC 6350 PREF=1 is the most preferred (1 to 100); 2.1 and 3.0 say TYPE=pref instead.
std::optional<int> PreferenceOf(const Property& property);
// The customer label for Apple's X-ABLabel.
std::string LabelFromApple(std::string_view text);
// Two spellings of one number ("+49 30 123", "0049-30-123") compare equal.
std::string PhoneKey(std::string_view number);

}  // namespace rapport::transfer::vcard_detail
