// LoyaltyReports: a programme's figures per month, quarter or year (docs/design/loyalty.md
// § Reports) — members and active members, points issued, reversed, adjusted, redeemed and expired,
// the outstanding liability at each period's end in points and money, the redemption rate, the
// qualifying tier distribution as of each period's end, voucher usage and referral conversions
// (referral_report.hpp).
//
// Everything is computed from the ledger's dated transactions and postings (and the voucher
// tables), never from a counter, so a period in the past reads as it stood then. Only members
// whose customer the caller may read count (the customers read scope, ANDed into every query);
// the reports need `loyalty` read. Thread-safe; calls block on storage (one read transaction).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

enum class ReportInterval { kMonth, kQuarter, kYear };

// The most periods one report covers: 10 years of months.
inline constexpr size_t kMaxReportPeriods = 120;

struct ReportQuery {
  int64_t from_day = 0;  // the first period is the calendar period holding this day
  int64_t to_day = 0;    // the last period ends on this day (an "as of" date)
  ReportInterval interval = ReportInterval::kMonth;
  // The money value of one point, in ten-thousandths of the programme's currency (100: 0.01).
  int64_t point_value = 100;
};

struct ReportPeriod {
  int64_t start = 0;
  int64_t end = 0;  // inclusive
};

// From the URL's `from`, `to` (YYYY-MM-DD, or YYYY-MM meaning the month's first day for `from` and
// its last for `to`), `interval` (month, quarter, year) and `point_value` (a decimal amount with
// up to 4 places, default 0.01). Without `to`: `today`; without `from`: 11 periods before `to`'s.
// Errors name the parameter; more than kMaxReportPeriods periods is an error at `from`.
Result<ReportQuery> ParseReportQuery(const std::optional<std::string>& from,
                                     const std::optional<std::string>& to,
                                     const std::optional<std::string>& interval,
                                     const std::optional<std::string>& point_value, int64_t today);
// The query's calendar periods, oldest first; the last ends on `to_day`.
std::vector<ReportPeriod> ReportPeriods(const ReportQuery& query);

class LoyaltyReports {
 public:
  explicit LoyaltyReports(storage::Database& database) : database_(database) {}

  // {programme, from, to, interval, point_value, currency, tier_basis, periods: [{start, end,
  // members, new_members, active_members, points: {issued, reversed, adjusted, redeemed,
  // expired}, liability: {points, money}, redemption_rate, tiers: [{name, members}] | null,
  // vouchers: {issued, redeemed}, referrals: {made, qualified, rewarded, refused,
  // refused_by_signal, conversion_rate}}]}.
  Result<json::object> Build(const access::Access& access, const std::string& programme_id,
                             const ReportQuery& query);

 private:
  storage::Database& database_;
};

}  // namespace rapport::loyalty
