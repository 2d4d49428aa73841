// Table-driven tests of the business-time calculator: split shifts, overnight spans, holidays
// (whole and partial), DST forward and back in Berlin and New York, 24/7 across midnight, and
// long horizons.
#include "support/sla/business_time.hpp"

#include <gtest/gtest.h>

#include "support/sla/test_calendars.hpp"

namespace rapport::support::sla {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using testing::At;
using testing::Calendar;

struct AddCase {
  const char* name;
  const char* calendar;
  const char* start;
  minutes duration;
  const char* due;
};

const AddCase kAddCases[] = {
    {"within a day", "office", "2026-12-07T10:00:00+01:00", hours(1), "2026-12-07T11:00:00+01:00"},
    {"into the next morning", "office", "2026-12-07T16:00:00+01:00", hours(2),
     "2026-12-08T10:00:00+01:00"},
    {"over the weekend", "office", "2026-12-11T16:00:00+01:00", hours(2),
     "2026-12-14T10:00:00+01:00"},
    {"started on a Saturday", "office", "2026-12-12T10:00:00+01:00", hours(1),
     "2026-12-14T10:00:00+01:00"},
    {"due at closing, not at the next opening", "office", "2026-12-07T16:00:00+01:00", hours(1),
     "2026-12-07T17:00:00+01:00"},
    {"zero duration outside hours", "office", "2026-12-07T18:00:00+01:00", minutes(0),
     "2026-12-07T18:00:00+01:00"},
    {"split shift skips lunch", "split", "2026-12-07T11:30:00+01:00", hours(1),
     "2026-12-07T13:30:00+01:00"},
    {"split shift ends at lunch", "split", "2026-12-07T11:00:00+01:00", hours(1),
     "2026-12-07T12:00:00+01:00"},
    {"started during lunch", "split", "2026-12-07T12:15:00+01:00", minutes(30),
     "2026-12-07T13:30:00+01:00"},
    {"half-day holiday", "holidays", "2026-12-23T16:00:00+01:00", hours(4),
     "2026-12-24T12:00:00+01:00"},
    {"holidays add days", "holidays", "2026-12-23T16:00:00+01:00", hours(5),
     "2026-12-28T10:00:00+01:00"},
    {"New Year's Day on a Friday", "holidays", "2026-12-31T16:00:00+01:00", hours(2),
     "2027-01-04T10:00:00+01:00"},
    {"overnight span", "overnight", "2026-12-07T23:00:00+01:00", hours(2),
     "2026-12-08T01:00:00+01:00"},
    {"overnight span carries over", "overnight", "2026-12-08T05:00:00+01:00", hours(2),
     "2026-12-08T23:00:00+01:00"},
    {"overnight on the spring-forward night is 7 real hours", "overnight",
     "2026-03-28T22:00:00+01:00", hours(7), "2026-03-29T06:00:00+02:00"},
    {"overnight on the fall-back night is 9 real hours", "overnight", "2026-10-24T22:00:00+02:00",
     hours(9), "2026-10-25T06:00:00+01:00"},
    {"24/7 runs through midnight", "always", "2026-12-07T23:59:00+01:00", minutes(2),
     "2026-12-08T00:01:00+01:00"},
    {"24/7 through the skipped hour", "always", "2026-03-29T01:30:00+01:00", hours(1),
     "2026-03-29T03:30:00+02:00"},
    {"24/7 through the repeated hour", "always", "2026-10-25T02:30:00+02:00", hours(1),
     "2026-10-25T02:30:00+01:00"},
    {"New York over the spring-forward weekend", "new_york", "2026-03-06T16:00:00-05:00", hours(2),
     "2026-03-09T10:00:00-04:00"},
    {"New York over the fall-back weekend", "new_york", "2026-10-30T16:00:00-04:00", hours(2),
     "2026-11-02T10:00:00-05:00"},
    {"fifty working weeks", "office", "2026-01-05T09:00:00+01:00", hours(2000),
     "2026-12-18T17:00:00+01:00"},
    {"spans in the spring gap count no instant twice", "gap", "2026-03-29T00:00:00+01:00",
     minutes(119), "2026-03-29T03:59:00+02:00"},
};

TEST(AddBusinessTimeTest, Table) {
  for (const AddCase& c : kAddCases) {
    SCOPED_TRACE(c.name);
    auto due = AddBusinessTime(Calendar(c.calendar), At(c.start), c.duration);
    ASSERT_TRUE(due.ok()) << due.error().message;
    EXPECT_EQ(FormatInstant(*due), FormatInstant(At(c.due)));
  }
}

struct BetweenCase {
  const char* name;
  const char* calendar;
  const char* from;
  const char* to;
  minutes expected;
};

const BetweenCase kBetweenCases[] = {
    {"a working day", "office", "2026-12-07T00:00:00+01:00", "2026-12-08T00:00:00+01:00", hours(8)},
    {"a week", "office", "2026-12-07T00:00:00+01:00", "2026-12-14T00:00:00+01:00", hours(40)},
    {"backwards is zero", "office", "2026-12-08T00:00:00+01:00", "2026-12-07T00:00:00+01:00",
     minutes(0)},
    {"split shift day", "split", "2026-12-07T08:00:00+01:00", "2026-12-07T18:00:00+01:00",
     hours(7)},
    {"Christmas week", "holidays", "2026-12-21T00:00:00+01:00", "2026-12-28T00:00:00+01:00",
     hours(27)},
    {"spring-forward night", "overnight", "2026-03-28T21:00:00+01:00", "2026-03-29T12:00:00+02:00",
     hours(7)},
    {"fall-back night", "overnight", "2026-10-24T21:00:00+02:00", "2026-10-25T12:00:00+01:00",
     hours(9)},
    {"24/7 spring-forward day has 23 hours", "always", "2026-03-29T00:00:00+01:00",
     "2026-03-30T00:00:00+02:00", hours(23)},
    {"24/7 fall-back day has 25 hours", "always", "2026-10-25T00:00:00+02:00",
     "2026-10-26T00:00:00+01:00", hours(25)},
    {"24/7 across midnight", "always", "2026-12-07T23:00:00+01:00", "2026-12-08T01:00:00+01:00",
     hours(2)},
    {"New York DST weekend", "new_york", "2026-03-06T09:00:00-05:00", "2026-03-09T17:00:00-04:00",
     hours(16)},
    {"a year of an office", "office", "2026-01-05T00:00:00+01:00", "2027-01-04T00:00:00+01:00",
     hours(52 * 40)},
    {"spans in the spring gap", "gap", "2026-03-29T00:00:00+01:00", "2026-03-29T12:00:00+02:00",
     hours(2)},
};

TEST(BusinessTimeBetweenTest, Table) {
  for (const BetweenCase& c : kBetweenCases) {
    SCOPED_TRACE(c.name);
    auto between = BusinessTimeBetween(Calendar(c.calendar), At(c.from), At(c.to));
    ASSERT_TRUE(between.ok()) << between.error().message;
    EXPECT_EQ(between->count(), milliseconds(c.expected).count());
  }
}

TEST(BusinessTimeTest, ANeverOpenHorizonIsAnErrorNotALoop) {
  // Thirty years of round-the-clock hours need far more than kMaxHorizonDays of office days.
  auto due =
      AddBusinessTime(Calendar("office"), At("2026-12-07T09:00:00+01:00"), hours(24 * 366 * 30));
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace rapport::support::sla
