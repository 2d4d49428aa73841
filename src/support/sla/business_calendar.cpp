#include "support/sla/business_calendar.hpp"

#include <algorithm>
#include <utility>

namespace rapport::support::sla {
namespace {

constexpr int kMinutesPerWeek = kMinutesPerDay * kDaysPerWeek;

// A span placed on the week's minute line [0, kMinutesPerWeek), with the field it came from.
struct WeekPiece {
  int from = 0;
  int to = 0;
  std::string field;
};

std::string SpanField(size_t weekday, size_t index) {
  return "week." + std::string(kWeekdayNames[weekday]) + "[" + std::to_string(index) + "]";
}

bool SpanInRange(const Span& span) {
  return span.start_minute >= 0 && span.start_minute < kMinutesPerDay && span.end_minute > 0 &&
         span.end_minute <= kMinutesPerDay && span.start_minute != span.end_minute;
}

// Checks the spans and lays them on the week's minute line, split where they wrap from Sunday
// night into Monday. Problems go to `errors`.
std::vector<WeekPiece> PlaceSpans(const CalendarSpec& spec, std::vector<FieldError>& errors) {
  std::vector<WeekPiece> pieces;
  for (size_t day = 0; day < kDaysPerWeek; ++day) {
    const auto& spans = spec.week[day];
    if (spans.size() > kMaxSpansPerDay) {
      errors.push_back({"week." + std::string(kWeekdayNames[day]),
                        "at most " + std::to_string(kMaxSpansPerDay) + " spans per day"});
      continue;
    }
    for (size_t i = 0; i < spans.size(); ++i) {
      const Span& span = spans[i];
      if (!SpanInRange(span)) {
        errors.push_back({SpanField(day, i), "start and end must be different times of day"});
        continue;
      }
      const int base = static_cast<int>(day) * kMinutesPerDay;
      const int from = base + span.start_minute;
      int to = base + span.end_minute;
      if (span.CrossesMidnight()) to += kMinutesPerDay;
      if (to <= kMinutesPerWeek) {
        pieces.push_back({from, to, SpanField(day, i)});
      } else {
        pieces.push_back({from, kMinutesPerWeek, SpanField(day, i)});
        pieces.push_back({0, to - kMinutesPerWeek, SpanField(day, i)});
      }
    }
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const WeekPiece& a, const WeekPiece& b) { return a.from < b.from; });
  for (size_t i = 1; i < pieces.size(); ++i) {
    if (pieces[i].from < pieces[i - 1].to) {
      errors.push_back({pieces[i].field, "overlaps " + pieces[i - 1].field});
    }
  }
  return pieces;
}

void CheckHolidays(std::vector<Holiday>& holidays, std::vector<FieldError>& errors) {
  if (holidays.size() > kMaxHolidays) {
    errors.push_back({"holidays", "at most " + std::to_string(kMaxHolidays) + " holidays"});
    return;
  }
  for (size_t i = 0; i < holidays.size(); ++i) {
    const std::string field = "holidays[" + std::to_string(i) + "]";
    const Holiday& holiday = holidays[i];
    if (holiday.name.size() > kMaxHolidayNameLength) {
      errors.push_back(
          {field + ".name", "at most " + std::to_string(kMaxHolidayNameLength) + " characters"});
    }
    if (holiday.closed &&
        (holiday.closed->start_minute < 0 || holiday.closed->end_minute > kMinutesPerDay ||
         holiday.closed->start_minute >= holiday.closed->end_minute)) {
      errors.push_back({field + ".closed_until", "must be after closed_from, on the same date"});
    }
    for (size_t j = 0; j < i; ++j) {
      if (holidays[j].day == holiday.day) {
        errors.push_back({field + ".date", "another holiday has the same date"});
        break;
      }
    }
  }
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& a, const Holiday& b) { return a.day < b.day; });
}

}  // namespace

int WeekdayOf(int64_t day) {
  return static_cast<int>(((day + 3) % kDaysPerWeek + kDaysPerWeek) % kDaysPerWeek);
}

Result<BusinessCalendar> BusinessCalendar::Create(CalendarSpec spec) {
  std::vector<FieldError> errors;
  auto zone = TimeZoneRules::Create(spec.time_zone, "time_zone");
  if (!zone.ok()) errors = zone.error().field_errors;
  const std::vector<WeekPiece> pieces = PlaceSpans(spec, errors);
  if (pieces.empty() && errors.empty()) {
    errors.push_back({"week", "needs opening hours on at least one day"});
  }
  CheckHolidays(spec.holidays, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  BusinessCalendar calendar(std::move(spec), std::move(zone).value());
  // Pieces are sorted and disjoint; split each at midnights into per-weekday ranges, joining a
  // range that starts where the previous one on the same date ended.
  for (const WeekPiece& piece : pieces) {
    calendar.week_open_millis_ += static_cast<int64_t>(piece.to - piece.from) * kMillisPerMinute;
    for (int from = piece.from; from < piece.to;) {
      const int day = from / kMinutesPerDay;
      const int to = std::min(piece.to, (day + 1) * kMinutesPerDay);
      auto& ranges = calendar.day_ranges_[static_cast<size_t>(day)];
      const MinuteRange range{from - day * kMinutesPerDay, to - day * kMinutesPerDay};
      if (!ranges.empty() && ranges.back().to == range.from) {
        ranges.back().to = range.to;
      } else {
        ranges.push_back(range);
      }
      from = to;
    }
  }
  // The Sunday-night pieces wrapped to Monday morning sort first; keep each date ascending.
  for (auto& ranges : calendar.day_ranges_) {
    std::sort(ranges.begin(), ranges.end(),
              [](const MinuteRange& a, const MinuteRange& b) { return a.from < b.from; });
  }
  return calendar;
}

Result<BusinessCalendar> BusinessCalendar::AlwaysOpen(std::string_view time_zone) {
  CalendarSpec spec;
  spec.time_zone = std::string(time_zone);
  for (auto& spans : spec.week) spans.push_back({0, kMinutesPerDay});
  return Create(std::move(spec));
}

int64_t BusinessCalendar::LocalDay(int64_t instant) const {
  const int64_t local = zone_.InstantToLocal(instant);
  return local >= 0 ? local / kMillisPerDay : -((-local + kMillisPerDay - 1) / kMillisPerDay);
}

int64_t BusinessCalendar::DayStart(int64_t day) const {
  return zone_.LocalToInstant(day * kMillisPerDay);
}

std::vector<Holiday>::const_iterator BusinessCalendar::FirstHolidayFrom(int64_t day) const {
  return std::lower_bound(spec_.holidays.begin(), spec_.holidays.end(), day,
                          [](const Holiday& h, int64_t d) { return h.day < d; });
}

const Holiday* BusinessCalendar::HolidayOn(int64_t day) const {
  auto it = FirstHolidayFrom(day);
  return it != spec_.holidays.end() && it->day == day ? &*it : nullptr;
}

std::vector<Interval> BusinessCalendar::OpenIntervals(int64_t day) const {
  std::vector<Interval> intervals;
  const Holiday* holiday = HolidayOn(day);
  if (holiday != nullptr && !holiday->closed) return intervals;
  const int64_t midnight = day * kMillisPerDay;
  auto add = [&](int from, int to) {
    if (from >= to) return;
    int64_t start = zone_.LocalToInstant(midnight + from * kMillisPerMinute);
    const int64_t end = zone_.LocalToInstant(midnight + to * kMillisPerMinute);
    // A wall time inside a skipped hour lands after the gap (time_zone_rules.hpp), so it can map
    // later than a time just after the gap: never count an instant twice.
    if (!intervals.empty()) start = std::max(start, intervals.back().to);
    if (end > start) intervals.push_back({start, end});
  };
  for (const MinuteRange& range : day_ranges_[static_cast<size_t>(WeekdayOf(day))]) {
    if (holiday == nullptr) {
      add(range.from, range.to);
      continue;
    }
    add(range.from, std::min(range.to, holiday->closed->start_minute));
    add(std::max(range.from, holiday->closed->end_minute), range.to);
  }
  return intervals;
}

bool BusinessCalendar::IsPlainWeek(int64_t day) const {
  auto it = FirstHolidayFrom(day);
  if (it != spec_.holidays.end() && it->day < day + kDaysPerWeek) return false;
  return !zone_.HasTransitionIn(DayStart(day) - 1, DayStart(day + kDaysPerWeek));
}

}  // namespace rapport::support::sla
