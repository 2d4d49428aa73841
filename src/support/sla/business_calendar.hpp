// BusinessCalendar: when a support desk is open — an IANA time zone, weekly opening spans per
// weekday, and holidays (whole dates or part of a date) in that zone.
//
// Spans are wall-clock times of the calendar's zone in minutes after midnight. A span whose end
// is not after its start crosses midnight (22:00–06:00 runs into the next day); "24:00" ends a
// span at midnight, so 00:00–24:00 on every day is a 24/7 desk with no gap at midnight. A holiday
// closes the wall-clock interval of its date (or the part `closed` names), cutting any span
// that covers it, including the morning part of an overnight span that began the day before.
// The JSON shape is in calendar_json.hpp; the arithmetic in business_time.hpp; the rules in
// docs/design/sla.md.
//
// Immutable after Create; copies share the zone. Safe for concurrent reads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "support/sla/time_zone_rules.hpp"

namespace rapport::support::sla {

inline constexpr int kMinutesPerDay = 1440;
inline constexpr int kDaysPerWeek = 7;
// Split shifts need two or three spans; eight leaves room and keeps a day's work tiny.
inline constexpr size_t kMaxSpansPerDay = 8;
// Sixty years of a region's public holidays (about fifteen a year): plenty for any desk, and a
// bound on how many closed days the calculator can ever have to step over one by one.
inline constexpr size_t kMaxHolidays = 1000;
inline constexpr size_t kMaxHolidayNameLength = 200;

// Monday first, as ISO 8601 numbers weekdays; index into CalendarSpec::week.
inline constexpr std::array<std::string_view, kDaysPerWeek> kWeekdayNames = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

struct Span {
  int start_minute = 0;  // [0, 1440)
  int end_minute = 0;    // [1, 1440]; not after start_minute: ends on the next day
  bool CrossesMidnight() const { return end_minute <= start_minute; }
  friend bool operator==(const Span&, const Span&) = default;
};

struct Holiday {
  int64_t day = 0;             // local date as days since 1970-01-01
  std::string name;            // free text, may be empty
  std::optional<Span> closed;  // part of the date that is closed (never crossing midnight);
                               // the whole date when absent
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

struct CalendarSpec {
  std::string time_zone;
  std::array<std::vector<Span>, kDaysPerWeek> week;  // kWeekdayNames order
  std::vector<Holiday> holidays;                     // any order; Create sorts by day
  friend bool operator==(const CalendarSpec&, const CalendarSpec&) = default;
};

// An interval of instants, [from, to), in Unix milliseconds.
struct Interval {
  int64_t from = 0;
  int64_t to = 0;
};

class BusinessCalendar {
 public:
  // Validates `spec`: known zone, spans in range, no two spans (after the overnight ones spill
  // into the next day) overlapping, some opening time in the week, at most kMaxHolidays holidays
  // with distinct dates. Errors are kInvalidArgument with one FieldError per problem, named by
  // their JSON path ("week.monday[1]", "holidays[3].date").
  static Result<BusinessCalendar> Create(CalendarSpec spec);
  // Open around the clock in `time_zone` (a zone still matters for holidays).
  static Result<BusinessCalendar> AlwaysOpen(std::string_view time_zone);

  const CalendarSpec& spec() const { return spec_; }
  const TimeZoneRules& zone() const { return zone_; }

  // The local date (days since 1970-01-01) at `instant`, and the instant that date begins.
  int64_t LocalDay(int64_t instant) const;
  int64_t DayStart(int64_t day) const;
  // The open intervals of local date `day` as instants, ascending, none empty. Spans crossing
  // midnight contribute their part on each date; holidays are cut out.
  std::vector<Interval> OpenIntervals(int64_t day) const;
  // True when the seven dates from `day` hold no holiday and no change of the zone's offset, so
  // their open time is exactly week_open_millis() (what lets the calculator skip whole weeks).
  bool IsPlainWeek(int64_t day) const;
  int64_t week_open_millis() const { return week_open_millis_; }

 private:
  // Wall-clock minutes [from, to) within one date.
  struct MinuteRange {
    int from = 0;
    int to = 0;
  };

  BusinessCalendar(CalendarSpec spec, TimeZoneRules zone)
      : spec_(std::move(spec)), zone_(std::move(zone)) {}
  std::vector<Holiday>::const_iterator FirstHolidayFrom(int64_t day) const;
  const Holiday* HolidayOn(int64_t day) const;

  CalendarSpec spec_;
  TimeZoneRules zone_;
  // Per weekday, the merged wall-clock ranges open on that date, spill from the day before
  // included.
  std::array<std::vector<MinuteRange>, kDaysPerWeek> day_ranges_;
  int64_t week_open_millis_ = 0;
};

// Weekday index (0 = Monday) of a date given as days since 1970-01-01 (a Thursday).
int WeekdayOf(int64_t day);

}  // namespace rapport::support::sla
