// Business-time arithmetic over a BusinessCalendar: the one calculator every SLA clock uses.
//
// Business time is real elapsed time while the calendar is open. Opening spans are read on the
// local wall clock, so on the night clocks go forward an overnight span 22:00–06:00 is 7 real
// hours and on the night they go back 9 (docs/design/sla.md § DST). Both functions walk the
// calendar one local date at a time but skip whole weeks that hold no holiday and no offset
// change, so a horizon of years costs a few thousand steps, not minutes; they give up with
// kInvalidArgument past kMaxHorizonDays.
//
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/result.hpp"
#include "support/sla/business_calendar.hpp"

namespace rapport::support::sla {

// How far past its start either function looks: twenty years leaves room for the longest
// target on a calendar closed for every holiday it can hold (kMaxHolidays days), and for reports
// over a long-lived ticket.
inline constexpr int64_t kMaxHorizonDays = int64_t{20} * 366;

// The earliest instant `due` with BusinessTimeBetween(start, due) == duration. A clock started
// outside opening hours starts at the next opening; a due time that falls at a closing is that
// closing, not the next opening. A zero or negative duration returns `start`.
Result<int64_t> AddBusinessTime(const BusinessCalendar& calendar, int64_t start,
                                std::chrono::milliseconds duration);

// The open time in [from, to); zero when `to` is not after `from`. Additive:
// Between(a, b) + Between(b, c) == Between(a, c) for a <= b <= c.
Result<std::chrono::milliseconds> BusinessTimeBetween(const BusinessCalendar& calendar,
                                                      int64_t from, int64_t to);

}  // namespace rapport::support::sla
