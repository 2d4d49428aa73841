#include "loyalty/referral_report.hpp"

#include <map>
#include <string>

#include "loyalty/days.hpp"

namespace rapport::loyalty {
namespace {

// Per day made, state and signal; `order_id` set means the referee placed a first order (a lapsed
// referral qualified once, then its order went back).
constexpr std::string_view kReferrals =
    "SELECT substr(r.created_at, 1, 10), r.state, COALESCE(r.signal, ''), "
    "r.order_id IS NOT NULL, COUNT(*) FROM loyalty_referrals r "
    "JOIN customers c ON c.id = r.referrer_id "
    "WHERE r.created_at >= ? AND r.created_at < ? AND ";
constexpr std::string_view kReferralsEnd = " GROUP BY 1, 2, 3, 4";

struct Counts {
  int64_t made = 0, qualified = 0, rewarded = 0, refused = 0;
  std::map<std::string, int64_t> signals;
};

}  // namespace

Result<std::vector<json::object>> ReferralConversions(storage::Tx& tx,
                                                      const access::ScopeCondition& scope,
                                                      const std::vector<ReportPeriod>& periods) {
  std::vector<Counts> counts(periods.size());
  if (!periods.empty()) {
    std::vector<storage::Value> params{DateOfDay(periods.front().start),
                                       DateOfDay(periods.back().end + 1)};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    RAPPORT_ASSIGN_OR_RETURN(
        storage::Rows rows,
        tx.Query(std::string(kReferrals) + scope.sql + std::string(kReferralsEnd), params));
    for (const auto& row : rows) {
      const auto day = DayOf(row.Text(0));
      if (!day) continue;
      for (size_t i = 0; i < periods.size(); ++i) {
        if (*day < periods[i].start || *day > periods[i].end) continue;
        Counts& c = counts[i];
        const std::string state = row.Text(1);
        const int64_t n = row.Int(4);
        c.made += n;
        if (state == "refused") {
          c.refused += n;
          c.signals[row.Text(2)] += n;
          continue;
        }
        if (row.Int(3) != 0) c.qualified += n;
        if (state == "rewarded") c.rewarded += n;
      }
    }
  }
  std::vector<json::object> out;
  out.reserve(counts.size());
  for (const Counts& c : counts) {
    json::object signals;
    for (const auto& [signal, n] : c.signals) signals[signal] = n;
    const int64_t genuine = c.made - c.refused;
    out.push_back(json::object{
        {"made", c.made},
        {"qualified", c.qualified},
        {"rewarded", c.rewarded},
        {"refused", c.refused},
        {"refused_by_signal", std::move(signals)},
        {"conversion_rate",
         genuine > 0 ? json::value(static_cast<double>(c.rewarded * 10'000 / genuine) / 10'000)
                     : json::value(nullptr)}});
  }
  return out;
}

}  // namespace rapport::loyalty
