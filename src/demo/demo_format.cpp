#include "demo/demo_format.hpp"

#include <cstdio>

namespace rapport::demo {
namespace {

// Folded letters of U+00C0..U+00FF by offset from U+00C0 (upper) or U+00E0 (lower); the
// digraph letters (æ, ß, þ, and the umlauts when expanded) are handled before this table.
// '_' marks × and ÷, which fold to nothing.
constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo_ouuuuyts";
// Folded letters of U+0100..U+017F; '*' marks the ligatures ĳ and œ handled separately.
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "ii**jjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo**rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";

// Decodes the code point at `pos` and advances past it. Invalid bytes come back as U+FFFD.
char32_t NextCodePoint(std::string_view text, size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos++]);
  if (lead < 0x80) return lead;
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (extra == 0) return 0xFFFD;
  char32_t code = lead & (0x3F >> extra);
  for (; extra > 0 && pos < text.size(); --extra) {
    code = (code << 6) | (static_cast<unsigned char>(text[pos++]) & 0x3F);
  }
  return code;
}

void AppendFolded(char32_t code, bool expand_umlauts, std::string& out) {
  if (code < 0x80) {
    const char c = static_cast<char>(code);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else {
      out += ' ';  // a word break for DomainLabel; EmailToken drops it
    }
    return;
  }
  switch (code) {
    case U'Ä':
    case U'ä':
      out += expand_umlauts ? "ae" : "a";
      return;
    case U'Ö':
    case U'ö':
      out += expand_umlauts ? "oe" : "o";
      return;
    case U'Ü':
    case U'ü':
      out += expand_umlauts ? "ue" : "u";
      return;
    case U'Æ':
    case U'æ':
      out += "ae";
      return;
    case U'Þ':
    case U'þ':
      out += "th";
      return;
    case U'ß':
      out += "ss";
      return;
    case U'ÿ':
      out += 'y';
      return;
    case U'Ĳ':
    case U'ĳ':
      out += "ij";
      return;
    case U'Œ':
    case U'œ':
      out += "oe";
      return;
    default:
      break;
  }
  char folded = '_';
  if (code >= 0xC0 && code <= 0xDF) folded = kLatin1[code - 0xC0];
  if (code >= 0xE0 && code <= 0xFF) folded = kLatin1[code - 0xE0];
  if (code >= 0x100 && code <= 0x17F) folded = kLatinExtendedA[code - 0x100];
  if (folded != '_' && folded != '*') out += folded;
}

std::string Fold(std::string_view utf8, bool expand_umlauts) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t pos = 0; pos < utf8.size();) {
    AppendFolded(NextCodePoint(utf8, pos), expand_umlauts, out);
  }
  return out;
}

// Letters allowed in UK inward codes (which never use C, I, K, M, O, V), minus S so that no
// Dutch postcode gets the unissued SA, SD or SS, and minus D, F and Q which both use rarely.
constexpr std::string_view kPostcodeLetters = "ABEGHJLNPRTUWXYZ";

}  // namespace

std::string EmailToken(std::string_view utf8, bool expand_umlauts) {
  std::string folded = Fold(utf8, expand_umlauts);
  std::erase(folded, ' ');
  return folded;
}

std::string DomainLabel(std::string_view utf8) {
  const std::string folded = Fold(utf8, /*expand_umlauts=*/true);
  std::string label;
  label.reserve(folded.size());
  for (const char c : folded) {
    if (c != ' ') {
      label += c;
    } else if (!label.empty() && label.back() != '-') {
      label += '-';
    }
  }
  while (!label.empty() && label.back() == '-') label.pop_back();
  return label;
}

std::string ExpandPattern(std::string_view pattern, DemoRandom& random) {
  const std::string_view chosen = PickAlternative(pattern, random);
  std::string out;
  out.reserve(chosen.size());
  for (const char c : chosen) {
    switch (c) {
      case '#':
        out += static_cast<char>('0' + random.Below(10));
        break;
      case '%':
        out += static_cast<char>('2' + random.Below(8));
        break;
      case '@':
        out += kPostcodeLetters[random.Below(kPostcodeLetters.size())];
        break;
      default:
        out += c;
    }
  }
  return out;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::string FormatDate(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

int Weekday(int64_t days) {
  // 1970-01-01 was a Thursday.
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

}  // namespace rapport::demo
