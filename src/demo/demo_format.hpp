// Text and calendar helpers for the demo data: folding accented names into e-mail addresses and
// domains, expanding the phone and postcode patterns of demo_vocabulary.hpp, and civil dates
// from day numbers. Private to src/demo. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "demo/demo_random.hpp"

namespace rapport::demo {

// Lower-case ASCII letters and digits of `utf8`, accents folded ("Zoë" -> "zoe",
// "Søren" -> "soren", "O'Brien" -> "obrien"). With expand_umlauts the German transliteration
// is used (ä -> ae, ö -> oe, ü -> ue); ß is always "ss". Characters outside Latin-1 and
// Latin Extended-A that are not ASCII are dropped. REQUIRES: valid UTF-8.
std::string EmailToken(std::string_view utf8, bool expand_umlauts);

// A DNS label made of EmailToken's letters with '-' between words:
// "Müller & Fischer Consulting" -> "mueller-fischer-consulting".
std::string DomainLabel(std::string_view utf8);

// Patterns and templates list alternatives separated by '|': "a|b|c".
constexpr size_t CountAlternatives(std::string_view choices) {
  size_t count = 1;
  for (const char c : choices) count += c == '|' ? 1 : 0;
  return count;
}
// The alternative at `index`. REQUIRES: index < CountAlternatives(choices).
constexpr std::string_view NthAlternative(std::string_view choices, size_t index) {
  size_t start = 0;
  for (; index > 0; --index) start = choices.find('|', start) + 1;
  const size_t end = choices.find('|', start);
  return choices.substr(start, end == std::string_view::npos ? end : end - start);
}
// One alternative, uniformly.
inline std::string_view PickAlternative(std::string_view choices, DemoRandom& random) {
  return NthAlternative(choices, random.Below(CountAlternatives(choices)));
}

// Expands '#' (digit), '%' (digit 2-9) and '@' (postcode letter), keeping other characters;
// picks one alternative first when `pattern` has several.
std::string ExpandPattern(std::string_view pattern, DemoRandom& random);

struct CivilDate {
  int year;
  int month;  // 1-12
  int day;    // 1-31
};

// The proleptic Gregorian date of a day number counted from 1970-01-01 (H. Hinnant's
// algorithm; exact for every day in range, so every date produced is a real date).
CivilDate CivilFromDays(int64_t days);
// "YYYY-MM-DD".
std::string FormatDate(int64_t days);
// 0 = Sunday ... 6 = Saturday.
int Weekday(int64_t days);

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

}  // namespace rapport::demo
