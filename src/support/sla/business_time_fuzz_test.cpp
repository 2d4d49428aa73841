// Bounded generative test of the business-time calculator (docs/testing.md says how to run it
// longer): random calendars in zones with unusual rules (half-hour DST on Lord Howe, midnight
// transitions in Santiago, 45-minute offsets in Chatham), random spans, overnight spans and
// holidays, random instants and durations. Invariants: Add and Between are inverse, Add is
// monotonic in the duration and returns the earliest such instant, Between is additive and
// never exceeds real time, and the week-skipping sum equals a plain day-by-day sum.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "support/sla/business_time.hpp"
#include "testing/fuzz.hpp"

namespace rapport::support::sla {
namespace {

using rapport::testing::FuzzRun;
using std::chrono::milliseconds;

constexpr const char* kZones[] = {"Europe/Berlin",
                                  "America/New_York",
                                  "Australia/Lord_Howe",
                                  "America/Santiago",
                                  "Pacific/Chatham",
                                  "Asia/Kolkata",
                                  "UTC"};
// 2026-01-01 and two years on: a range with every zone's transitions in it.
constexpr int64_t kFirstDay = 20454;
constexpr int64_t kRangeDays = 730;
constexpr int64_t kMillisPerHour = 3'600'000;
constexpr int64_t kMaxDurationMillis = 2000 * kMillisPerHour;

BusinessCalendar RandomCalendar(FuzzRun& run, std::string& described) {
  for (;;) {
    CalendarSpec spec;
    spec.time_zone = run.Pick(kZones);
    described = spec.time_zone;
    for (auto& spans : spec.week) {
      const auto count = run.Below(3);
      for (size_t i = 0; i < count; ++i) {
        const int start = static_cast<int>(run.Between(0, kMinutesPerDay - 1));
        const int end = static_cast<int>(run.Between(1, kMinutesPerDay));
        if (start != end) spans.push_back({start, end});
        described += " " + std::to_string(start) + "-" + std::to_string(end);
      }
      described += ";";
    }
    if (run.Chance(0.1)) {
      for (auto& spans : spec.week) spans = {{0, kMinutesPerDay}};
    }
    const auto holidays = run.Below(20);
    for (size_t i = 0; i < holidays; ++i) {
      Holiday holiday;
      holiday.day = kFirstDay + run.Between(0, kRangeDays);
      if (run.Chance(0.3)) {
        const int from = static_cast<int>(run.Between(0, kMinutesPerDay - 1));
        holiday.closed = Span{from, static_cast<int>(run.Between(from + 1, kMinutesPerDay))};
      }
      spec.holidays.push_back(holiday);
    }
    auto calendar = BusinessCalendar::Create(spec);
    if (calendar.ok()) return std::move(calendar).value();  // overlapping draws are redrawn
  }
}

// The reference: the same span measured one local date at a time, where no week can be skipped,
// and summed (Between is additive, so the sums must agree).
int64_t DayByDayBetween(const BusinessCalendar& calendar, int64_t from, int64_t to) {
  int64_t total = 0;
  for (int64_t day = calendar.LocalDay(from) - 1; day <= calendar.LocalDay(to) + 1; ++day) {
    const int64_t start = std::max(from, calendar.DayStart(day));
    const int64_t end = std::min(to, calendar.DayStart(day + 1));
    if (end > start) total += BusinessTimeBetween(calendar, start, end).value().count();
  }
  return total;
}

int64_t RandomInstant(FuzzRun& run) {
  return (kFirstDay + run.Between(0, kRangeDays)) * kMillisPerDay +
         run.Between(0, kMillisPerDay - 1);
}

TEST(BusinessTimeFuzzTest, AddAndBetweenAgree) {
  FuzzRun run(/*iterations=*/150, /*seconds=*/3.0);
  while (run.Next()) {
    std::string described;
    const BusinessCalendar calendar = RandomCalendar(run, described);
    const int64_t start = RandomInstant(run);
    // Ten years of the calendar's weeks at most, so a calendar open four minutes a week stays
    // inside the calculator's horizon (kMaxHorizonDays).
    const int64_t limit = std::min(kMaxDurationMillis, calendar.week_open_millis() * 52 * 10);
    const int64_t d1 = std::min(
        limit, run.Chance(0.5) ? run.Between(0, limit) : run.Between(0, 40) * kMillisPerHour);
    const int64_t d2 = std::min(limit, d1 + run.Between(0, 100'000'000));
    const std::string input = described + " start=" + std::to_string(start) +
                              " d1=" + std::to_string(d1) + " d2=" + std::to_string(d2);
    auto due1 = AddBusinessTime(calendar, start, milliseconds(d1));
    auto due2 = AddBusinessTime(calendar, start, milliseconds(d2));
    ASSERT_TRUE(due1.ok() && due2.ok()) << run.Reproduce(input);
    ASSERT_LE(*due1, *due2) << run.Reproduce(input);
    auto between = BusinessTimeBetween(calendar, start, *due1);
    ASSERT_TRUE(between.ok()) << run.Reproduce(input);
    ASSERT_EQ(between->count(), d1) << run.Reproduce(input);
    if (d1 > 0) {
      auto just_before = BusinessTimeBetween(calendar, start, *due1 - 1);
      ASSERT_TRUE(just_before.ok());
      ASSERT_LT(just_before->count(), d1) << run.Reproduce(input);
    }
    ASSERT_EQ(between->count(), DayByDayBetween(calendar, start, *due1)) << run.Reproduce(input);
  }
}

TEST(BusinessTimeFuzzTest, BetweenIsAdditiveAndBoundedByRealTime) {
  FuzzRun run(/*iterations=*/150, /*seconds=*/3.0);
  while (run.Next()) {
    std::string described;
    const BusinessCalendar calendar = RandomCalendar(run, described);
    int64_t points[] = {RandomInstant(run), RandomInstant(run), RandomInstant(run)};
    std::sort(std::begin(points), std::end(points));
    const std::string input = described + " a=" + std::to_string(points[0]) +
                              " b=" + std::to_string(points[1]) + " c=" + std::to_string(points[2]);
    auto ab = BusinessTimeBetween(calendar, points[0], points[1]);
    auto bc = BusinessTimeBetween(calendar, points[1], points[2]);
    auto ac = BusinessTimeBetween(calendar, points[0], points[2]);
    ASSERT_TRUE(ab.ok() && bc.ok() && ac.ok()) << run.Reproduce(input);
    ASSERT_EQ(ab->count() + bc->count(), ac->count()) << run.Reproduce(input);
    ASSERT_LE(ac->count(), points[2] - points[0]) << run.Reproduce(input);
    ASSERT_EQ(ac->count(), DayByDayBetween(calendar, points[0], points[2])) << run.Reproduce(input);
  }
}

}  // namespace
}  // namespace rapport::support::sla
