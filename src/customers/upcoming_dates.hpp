// Upcoming dates of a member of staff's customers, for the home screen (docs/design/tasks.md §
// Upcoming dates): birthdays and renewals in the next N days, soonest first, each naming the
// customer it links to.
//
// - A birthday matches by month and day; a 29 February birthday falls on 28 February in years
//   without one.
// - A renewal is the customer custom field `renewal_date` of type date (kRenewalField), when an
//   administrator defined it: the CRM's smallest honest renewal, no new column (issue 15).
//
// Only the caller's own customers (owner_id), within record access; a birthday or custom field
// hidden from the caller's role is left out. Bounded: at most kMaxUpcomingDates entries and
// kMaxUpcomingDays days. Holds a Database reference; thread-safe.
#pragma once

#include <cstdint>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::customers {

inline constexpr std::string_view kRenewalField = "renewal_date";
inline constexpr int kDefaultUpcomingDays = 14;
inline constexpr int kMaxUpcomingDays = 60;
inline constexpr size_t kMaxUpcomingDates = 100;

class UpcomingDates {
 public:
  explicit UpcomingDates(storage::Database& database) : database_(database) {}

  // {data: [{customer_id, display_name, kind: birthday | renewal, date, in_days}], days} from
  // `today` (a day number since 1970-01-01, UTC) for `days` days (1..kMaxUpcomingDays, else
  // kInvalidArgument naming "days"). A caller without a user has no customers of their own.
  Result<json::object> Mine(const access::Access& access, int64_t today, int days);

 private:
  storage::Database& database_;
};

}  // namespace rapport::customers
