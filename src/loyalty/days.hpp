// Day numbers: the ledger's unit of time (days since 1970-01-01, UTC), and the calendar
// arithmetic the programme rules need (a lot expires N months after it was earned, caps reset per
// day, month or year). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rapport::loyalty {

inline constexpr int64_t kMillisPerDay = int64_t{24} * 3600 * 1000;

// The day of Unix milliseconds (floor, so instants before 1970 fall on the right day).
int64_t DayOfMillis(int64_t millis);
// The day of an RFC 3339 instant or a YYYY-MM-DD date; nullopt when it is neither.
std::optional<int64_t> DayOf(std::string_view text);
// "YYYY-MM-DD".
std::string DateOfDay(int64_t day);
// The same day of the month `months` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29).
int64_t AddMonths(int64_t day, int64_t months);

enum class Period { kDay, kMonth, kYear };
// The first day of the period holding `day`.
int64_t PeriodStart(int64_t day, Period period);

}  // namespace rapport::loyalty
