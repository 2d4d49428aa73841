#include "support/sla/business_time.hpp"

#include <algorithm>
#include <string>

namespace rapport::support::sla {
namespace {

Error HorizonError() {
  return Error::Invalid("duration", "the calendar has no room for this within " +
                                        std::to_string(kMaxHorizonDays / 366) + " years");
}

}  // namespace

Result<int64_t> AddBusinessTime(const BusinessCalendar& calendar, int64_t start,
                                std::chrono::milliseconds duration) {
  int64_t remaining = duration.count();
  if (remaining <= 0) return start;
  const int64_t week = calendar.week_open_millis();
  // From the date before: an overnight span, or a repeated hour, can reach into `start`'s date.
  const int64_t first_day = calendar.LocalDay(start) - 1;
  int64_t floor = start;  // nothing before `start`, and no instant counted twice
  for (int64_t day = first_day; day <= first_day + kMaxHorizonDays;) {
    const int64_t day_start = calendar.DayStart(day);
    // Strictly more than a week left: the due time is not inside this week, so skip it whole.
    if (day_start >= floor && remaining > week && calendar.IsPlainWeek(day)) {
      remaining -= week;
      floor = calendar.DayStart(day + kDaysPerWeek);
      day += kDaysPerWeek;
      continue;
    }
    for (const Interval& interval : calendar.OpenIntervals(day)) {
      const int64_t from = std::max(interval.from, floor);
      if (from >= interval.to) continue;
      if (remaining <= interval.to - from) return from + remaining;
      remaining -= interval.to - from;
      floor = interval.to;
    }
    ++day;
  }
  return HorizonError();
}

Result<std::chrono::milliseconds> BusinessTimeBetween(const BusinessCalendar& calendar,
                                                      int64_t from, int64_t to) {
  int64_t total = 0;
  if (to <= from) return std::chrono::milliseconds(0);
  const int64_t week = calendar.week_open_millis();
  const int64_t first_day = calendar.LocalDay(from) - 1;
  int64_t floor = from;
  for (int64_t day = first_day; day <= first_day + kMaxHorizonDays;) {
    const int64_t day_start = calendar.DayStart(day);
    if (day_start >= to) return std::chrono::milliseconds(total);
    if (day_start >= floor && calendar.DayStart(day + kDaysPerWeek) <= to &&
        calendar.IsPlainWeek(day)) {
      total += week;
      floor = calendar.DayStart(day + kDaysPerWeek);
      day += kDaysPerWeek;
      continue;
    }
    for (const Interval& interval : calendar.OpenIntervals(day)) {
      const int64_t start = std::max(interval.from, floor);
      const int64_t end = std::min(interval.to, to);
      if (end > start) {
        total += end - start;
        floor = end;
      }
    }
    ++day;
  }
  return HorizonError();
}

}  // namespace rapport::support::sla
