// Birthday bonuses (docs/design/loyalty.md § Birthday bonus): each programme's `birthday` points,
// once per member per year, on the customer's birthday — the core field `birthday` (YYYY-MM-DD)
// of the customer record. Not a daily scan of every customer: one durable scheduler job per
// customer with a birthday (`loyalty.birthday`, key the customer id, payload the year it pays
// for), due at 00:00 UTC of their next birthday and moved whenever the birthday changes
// (customer.created / customer.updated through LoyaltyEarning). A programme that starts paying
// birthdays schedules everyone already on file through a sweep job (`loyalty.birthday_sweep`) that
// works through the customers 500 at a time, each page its own transaction, resuming where it
// stopped after a restart. The ledger's cause `bonus:birthday <year>` earns once per member, so
// however often a job runs or a birthday moves, a year never pays twice. 29 February is
// celebrated on 28 February in other years. Stateless; thread-compatible.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "storage/scheduler.hpp"

namespace rapport::loyalty {

struct BirthdayOccurrence {
  int64_t day = 0;   // days since the epoch (UTC)
  int64_t year = 0;  // the year it falls in
};
// The first occurrence of `birthday` (YYYY-MM-DD) on or after `from_day`; nullopt when malformed.
std::optional<BirthdayOccurrence> NextBirthday(std::string_view birthday, int64_t from_day);

inline constexpr std::string_view kBirthdayJobKind = "loyalty.birthday";
inline constexpr std::string_view kBirthdaySweepKind = "loyalty.birthday_sweep";

// Moves the customer's birthday job to their next birthday (or cancels it: no birthday, or no
// programme pays birthdays). REQUIRES: inside Database::Write.
Status ScheduleBirthday(storage::Tx& tx, const std::string& customer_id, int64_t today);
// Starts (or restarts from the beginning) the sweep that schedules every customer on file.
Status StartBirthdaySweep(storage::Tx& tx, int64_t now_millis);

// The scheduler's handlers; `clock` gives Unix milliseconds.
storage::Scheduler::Handler BirthdayJobHandler(std::function<int64_t()> clock);
storage::Scheduler::Handler BirthdaySweepHandler(std::function<int64_t()> clock);

}  // namespace rapport::loyalty
