// Test-only helpers shared by the SLA tests: instants from RFC 3339 text, field-error checks and
// the calendars the tables refer to by name. Not part of rapport_support_sla.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/time.hpp"
#include "support/sla/calendar_json.hpp"

namespace rapport::support::sla::testing {

// Expects kInvalidArgument with a field error naming `field` ("" for the document itself).
template <class T>
void ExpectInvalidField(const Result<T>& result, std::string_view field) {
  ASSERT_FALSE(result.ok()) << field;
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  bool named = false;
  for (const FieldError& item : result.error().field_errors) named |= item.field == field;
  EXPECT_TRUE(named) << "wanted " << field << ", got: " << result.error().message
                     << (result.error().field_errors.empty()
                             ? ""
                             : " at " + result.error().field_errors.front().field);
}

inline int64_t At(std::string_view rfc3339) {
  auto instant = ParseInstant(rfc3339);
  EXPECT_TRUE(instant.has_value()) << rfc3339;
  return instant.value_or(0);
}

inline std::string Weekdays(std::string_view spans) {
  std::string week;
  for (std::string_view day : {"monday", "tuesday", "wednesday", "thursday", "friday"}) {
    if (!week.empty()) week += ",";
    week += "\"" + std::string(day) + "\":" + std::string(spans);
  }
  return week;
}

inline std::string EveryDay(std::string_view spans) {
  return Weekdays(spans) + ",\"saturday\":" + std::string(spans) +
         ",\"sunday\":" + std::string(spans);
}

// Named calendars: "office" (Berlin, Mon-Fri 09-17), "split" (Berlin, 09-12 and 13-17),
// "holidays" (office with Christmas: the 24th closes at noon, the 25th and New Year's Day are
// shut), "overnight" (Berlin, 22-06 every night), "always" (Berlin 24/7), "new_york" (New York,
// Mon-Fri 09-17), "gap" (Berlin, Sundays 01:00-02:30 and 03:00-04:00, across the spring gap).
inline std::string CalendarJson(std::string_view name) {
  const std::string office = "[{\"start\":\"09:00\",\"end\":\"17:00\"}]";
  auto calendar = [](std::string_view zone, const std::string& week,
                     std::string_view holidays = "[]") {
    return "{\"time_zone\":\"" + std::string(zone) + "\",\"week\":{" + week +
           "},\"holidays\":" + std::string(holidays) + "}";
  };
  if (name == "office") return calendar("Europe/Berlin", Weekdays(office));
  if (name == "split") {
    return calendar("Europe/Berlin", Weekdays("[{\"start\":\"09:00\",\"end\":\"12:00\"},"
                                              "{\"start\":\"13:00\",\"end\":\"17:00\"}]"));
  }
  if (name == "holidays") {
    return calendar(
        "Europe/Berlin", Weekdays(office),
        "[{\"date\":\"2026-12-25\",\"name\":\"Christmas Day\"},"
        "{\"date\":\"2026-12-24\",\"closed_from\":\"12:00\",\"closed_until\":\"24:00\"},"
        "{\"date\":\"2027-01-01\"}]");
  }
  if (name == "overnight") {
    return calendar("Europe/Berlin", EveryDay("[{\"start\":\"22:00\",\"end\":\"06:00\"}]"));
  }
  if (name == "always") {
    return calendar("Europe/Berlin", EveryDay("[{\"start\":\"00:00\",\"end\":\"24:00\"}]"));
  }
  if (name == "new_york") return calendar("America/New_York", Weekdays(office));
  if (name == "gap") {
    return calendar("Europe/Berlin",
                    "\"sunday\":[{\"start\":\"01:00\",\"end\":\"02:30\"},"
                    "{\"start\":\"03:00\",\"end\":\"04:00\"}]");
  }
  ADD_FAILURE() << "no calendar " << name;
  return {};
}

inline BusinessCalendar Calendar(std::string_view name) {
  auto calendar = CalendarFromJsonText(CalendarJson(name));
  EXPECT_TRUE(calendar.ok()) << name << ": " << (calendar.ok() ? "" : calendar.error().message);
  return std::move(calendar).value();
}

}  // namespace rapport::support::sla::testing
