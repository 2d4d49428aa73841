// The calendar's JSON form: field-level errors for every rule (table-driven), the round trip,
// and the per-date open intervals holidays and overnight spans produce.
#include "support/sla/business_calendar.hpp"

#include <gtest/gtest.h>

#include "support/sla/calendar_json.hpp"
#include "support/sla/json_fields.hpp"
#include "support/sla/test_calendars.hpp"

namespace rapport::support::sla {
namespace {

using testing::At;
using testing::Calendar;
using testing::CalendarJson;

struct BadCase {
  const char* name;
  std::string json;
  const char* field;  // the field an error must name
};

std::string WithWeek(std::string_view week, std::string_view extra = "") {
  return "{\"time_zone\":\"Europe/Berlin\",\"week\":{" + std::string(week) + "}" +
         std::string(extra) + "}";
}

const std::string kNine = "{\"start\":\"09:00\",\"end\":\"17:00\"}";

// An office open Mondays with `holidays` (a JSON array).
std::string WithHolidays(std::string_view holidays) {
  return WithWeek("\"monday\":[" + kNine + "]", ",\"holidays\":" + std::string(holidays));
}

TEST(CalendarJsonTest, BadInputNamesTheField) {
  const BadCase cases[] = {
      {"not an object", "[]", ""},
      {"no time zone", "{\"week\":{\"monday\":[" + kNine + "]}}", "time_zone"},
      {"unknown zone", "{\"time_zone\":\"Mars/Olympus\",\"week\":{\"monday\":[" + kNine + "]}}",
       "time_zone"},
      {"custom offset is no zone",
       "{\"time_zone\":\"GMT+03:00\",\"week\":{\"monday\":[" + kNine + "]}}", "time_zone"},
      {"no week", "{\"time_zone\":\"Europe/Berlin\"}", "week"},
      {"no hours at all", WithWeek("\"monday\":[]"), "week"},
      {"typo in a weekday", WithWeek("\"mon\":[" + kNine + "]"), "week.mon"},
      {"unknown top-level key", WithWeek("\"monday\":[" + kNine + "]", ",\"holyday\":[]"),
       "holyday"},
      {"hour without a leading zero",
       WithWeek("\"monday\":[{\"start\":\"9:00\",\"end\":\"17:00\"}]"), "week.monday[0].start"},
      {"end past midnight", WithWeek("\"monday\":[{\"start\":\"09:00\",\"end\":\"24:01\"}]"),
       "week.monday[0].end"},
      {"start at 24:00", WithWeek("\"monday\":[{\"start\":\"24:00\",\"end\":\"06:00\"}]"),
       "week.monday[0].start"},
      {"empty span", WithWeek("\"monday\":[{\"start\":\"09:00\",\"end\":\"09:00\"}]"),
       "week.monday[0]"},
      {"overlapping spans",
       WithWeek("\"monday\":[" + kNine + ",{\"start\":\"16:00\",\"end\":\"18:00\"}]"),
       "week.monday[1]"},
      {"overnight spill overlaps the next day",
       WithWeek("\"sunday\":[{\"start\":\"22:00\",\"end\":\"06:00\"}],"
                "\"monday\":[{\"start\":\"05:00\",\"end\":\"09:00\"}]"),
       "week.monday[0]"},
      {"too many spans",
       WithWeek("\"monday\":[" + kNine + "," + kNine + "," + kNine + "," + kNine + "," + kNine +
                "," + kNine + "," + kNine + "," + kNine + "," + kNine + "]"),
       "week.monday"},
      {"spans not an array", WithWeek("\"monday\":{}"), "week.monday"},
      {"impossible holiday date", WithHolidays("[{\"date\":\"2026-02-30\"}]"), "holidays[0].date"},
      {"duplicate holiday", WithHolidays("[{\"date\":\"2026-12-25\"},{\"date\":\"2026-12-25\"}]"),
       "holidays[1].date"},
      {"closure ending before it starts",
       WithHolidays("[{\"date\":\"2026-12-24\",\"closed_from\":\"14:00\","
                    "\"closed_until\":\"12:00\"}]"),
       "holidays[0].closed_until"},
      {"closure without its end",
       WithHolidays("[{\"date\":\"2026-12-24\",\"closed_from\":\"14:00\"}]"),
       "holidays[0].closed_until"},
      {"holiday name too long",
       WithHolidays("[{\"date\":\"2026-12-24\",\"name\":\"" +
                    std::string(kMaxHolidayNameLength + 1, 'x') + "\"}]"),
       "holidays[0].name"},
      {"unknown holiday key", WithHolidays("[{\"date\":\"2026-12-24\",\"half\":true}]"),
       "holidays[0].half"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    testing::ExpectInvalidField(CalendarFromJsonText(c.json), c.field);
  }
}

TEST(CalendarJsonTest, NotJsonIsMalformed) {
  auto calendar = CalendarFromJsonText("{\"time_zone\":");
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.error().code, ErrorCode::kMalformed);
}

TEST(CalendarJsonTest, RoundTrips) {
  for (const char* name : {"office", "split", "holidays", "overnight", "always", "gap"}) {
    SCOPED_TRACE(name);
    const BusinessCalendar calendar = Calendar(name);
    auto again = CalendarFromJson(CalendarToJson(calendar));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->spec(), calendar.spec());
    EXPECT_EQ(CalendarToJson(*again), CalendarToJson(calendar));
  }
}

TEST(CalendarJsonTest, MidnightEndIsWrittenAs2400AndHolidaysSortByDate) {
  auto calendar = CalendarFromJsonText(
      WithWeek("\"friday\":[{\"start\":\"18:00\",\"end\":\"00:00\"}]",
               ",\"holidays\":[{\"date\":\"2027-01-01\"},{\"date\":\"2026-12-25\"}]"));
  ASSERT_TRUE(calendar.ok()) << calendar.error().message;
  const json::object out = CalendarToJson(*calendar);
  EXPECT_EQ(out.at("week").at("friday").at(0).at("end").as_string(), "24:00");
  EXPECT_EQ(out.at("week").at("monday").as_array().size(), 0u);
  EXPECT_EQ(out.at("holidays").at(0).at("date").as_string(), "2026-12-25");
}

TEST(BusinessCalendarTest, WeekOpenTimeCountsOvernightAndSplitSpans) {
  EXPECT_EQ(Calendar("office").week_open_millis(), 40 * 3'600'000LL);
  EXPECT_EQ(Calendar("split").week_open_millis(), 35 * 3'600'000LL);
  EXPECT_EQ(Calendar("overnight").week_open_millis(), 56 * 3'600'000LL);
  EXPECT_EQ(Calendar("always").week_open_millis(), 168 * 3'600'000LL);
}

TEST(BusinessCalendarTest, HolidayCutsTheMorningOfAnOvernightSpan) {
  auto calendar =
      CalendarFromJsonText(WithWeek("\"friday\":[{\"start\":\"22:00\",\"end\":\"06:00\"}]",
                                    ",\"holidays\":[{\"date\":\"2026-12-12\"}]"));
  ASSERT_TRUE(calendar.ok()) << calendar.error().message;
  const int64_t friday = *ParseDay("2026-12-11");
  const auto friday_night = calendar->OpenIntervals(friday);
  ASSERT_EQ(friday_night.size(), 1u);
  EXPECT_EQ(friday_night[0].from, At("2026-12-11T22:00:00+01:00"));
  EXPECT_EQ(friday_night[0].to, At("2026-12-12T00:00:00+01:00"));
  EXPECT_TRUE(calendar->OpenIntervals(friday + 1).empty());
  // The following week the morning is open again.
  EXPECT_EQ(calendar->OpenIntervals(friday + 8).size(), 1u);
}

TEST(BusinessCalendarTest, PlainWeeksExcludeHolidaysAndOffsetChanges) {
  const BusinessCalendar holidays = Calendar("holidays");
  EXPECT_TRUE(holidays.IsPlainWeek(*ParseDay("2026-12-07")));
  EXPECT_FALSE(holidays.IsPlainWeek(*ParseDay("2026-12-21")));
  EXPECT_FALSE(holidays.IsPlainWeek(*ParseDay("2026-03-23")));  // spring forward on the 29th
  EXPECT_FALSE(holidays.IsPlainWeek(*ParseDay("2026-10-19")));  // fall back on the 25th
}

TEST(BusinessCalendarTest, AlwaysOpenHasNoGapAtMidnight) {
  auto calendar = BusinessCalendar::AlwaysOpen("America/New_York");
  ASSERT_TRUE(calendar.ok());
  const int64_t day = *ParseDay("2026-12-07");
  const auto today = calendar->OpenIntervals(day);
  const auto tomorrow = calendar->OpenIntervals(day + 1);
  ASSERT_EQ(today.size(), 1u);
  ASSERT_EQ(tomorrow.size(), 1u);
  EXPECT_EQ(today[0].to, tomorrow[0].from);
  EXPECT_FALSE(BusinessCalendar::AlwaysOpen("Nowhere/Special").ok());
}

}  // namespace
}  // namespace rapport::support::sla
