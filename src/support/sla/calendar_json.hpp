// The JSON form of a business calendar, as the API accepts it and storage keeps it:
//
//   {
//     "time_zone": "Europe/Berlin",
//     "week": {
//       "monday": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
//       "friday": [{"start": "22:00", "end": "06:00"}],       // overnight, into Saturday
//       "sunday": []                                          // closed (or leave it out)
//     },
//     "holidays": [
//       {"date": "2026-12-25", "name": "Christmas Day"},      // the whole date
//       {"date": "2026-12-24", "closed_from": "12:00", "closed_until": "24:00"}
//     ]
//   }
//
// Times are "HH:MM" on the calendar's wall clock; an end of "24:00" (or "00:00") is midnight at
// the end of the day. Unknown keys are refused. Errors are kInvalidArgument with one FieldError
// per problem, named by JSON path ("week.monday[1].end"), the shape checked here and the rules
// (overlaps, unknown zone) by BusinessCalendar::Create. CalendarToJson writes every weekday and
// the holidays by date, so CalendarFromJson(CalendarToJson(c)) equals c. docs/design/sla.md has
// the full description. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"
#include "support/sla/business_calendar.hpp"

namespace rapport::support::sla {

Result<BusinessCalendar> CalendarFromJson(const json::value& value);
// Parses the text first (kMalformed when it is not JSON).
Result<BusinessCalendar> CalendarFromJsonText(std::string_view text);

json::object CalendarToJson(const BusinessCalendar& calendar);

}  // namespace rapport::support::sla
