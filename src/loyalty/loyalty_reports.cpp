#include "loyalty/loyalty_reports.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/money.hpp"
#include "loyalty/days.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/referral_report.hpp"
#include "loyalty/tiers.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;
using storage::Value;

// Every query reads the programme's members whose customer the caller may read; the scope
// condition (access.Scope over c.owner_id) is appended after kMembersOf.
constexpr std::string_view kMembersOf =
    "FROM loyalty_members m JOIN customers c ON c.id = m.customer_id "
    "JOIN loyalty_transactions t ON t.member_id = m.id ";
// A member's first movement: members are counted from it (joined_at is when the row was written,
// which a replay puts long after the order).
constexpr std::string_view kFirstDays = "SELECT m.id, m.customer_id, MIN(t.day) ";
constexpr std::string_view kFirstDaysEnd = " AND t.day <= ? GROUP BY m.id";
// Every account's movement per day and kind, up to the report's end.
constexpr std::string_view kMovements = "SELECT t.day, t.kind, p.account, SUM(p.points) ";
constexpr std::string_view kMovementsJoin =
    "JOIN loyalty_postings p ON p.member_id = t.member_id AND p.seq = t.seq ";
constexpr std::string_view kMovementsEnd = " AND t.day <= ? GROUP BY t.day, t.kind, p.account";
// Active: earned, redeemed or adjusted that day (the programme's inactivity expiry counts the
// same movements); releases and expiries are the ledger's own.
constexpr std::string_view kActiveDays = "SELECT DISTINCT t.member_id, t.day ";
constexpr std::string_view kActiveDaysEnd =
    " AND t.kind IN ('earn', 'redeem', 'adjust') AND t.day BETWEEN ? AND ?";
// Net issued points per member and day — the points_earned tier basis (tiers.cpp kEarnedBetween).
constexpr std::string_view kIssuedDays = "SELECT t.member_id, t.day, -SUM(p.points) ";
constexpr std::string_view kIssuedDaysJoin =
    "JOIN loyalty_postings p ON p.member_id = t.member_id AND p.seq = t.seq "
    "AND p.account = 'issued' ";
constexpr std::string_view kIssuedDaysEnd =
    " AND t.day BETWEEN ? AND ? GROUP BY t.member_id, t.day ORDER BY t.member_id, t.day";
// Vouchers belong to batches, not programmes: all of them count. A code issued to a customer the
// caller may not read is left out; a bulk or shared code has no customer.
constexpr std::string_view kVouchersIssued =
    "SELECT substr(v.created_at, 1, 10), COUNT(*) FROM loyalty_vouchers v "
    "LEFT JOIN customers c ON c.id = v.customer_id "
    "WHERE v.created_at >= ? AND v.created_at < ? AND (v.customer_id IS NULL OR ";
constexpr std::string_view kVoucherUses =
    "SELECT substr(u.used_at, 1, 10), COUNT(*) FROM loyalty_voucher_uses u "
    "JOIN customers c ON c.id = u.customer_id "
    "WHERE u.returned_at IS NULL AND u.used_at >= ? AND u.used_at < ? AND (";

struct Flows {
  int64_t issued = 0;
  int64_t reversed = 0;
  int64_t adjusted = 0;
  int64_t redeemed = 0;
  int64_t expired = 0;
  int64_t wallets = 0;  // pending + available + debt: the liability's change
};

int64_t Months(ReportInterval interval) {
  switch (interval) {
    case ReportInterval::kMonth:
      return 1;
    case ReportInterval::kQuarter:
      return 3;
    case ReportInterval::kYear:
      return 12;
  }
  return 1;
}

int64_t AlignedStart(int64_t day, ReportInterval interval) {
  if (interval == ReportInterval::kYear) return PeriodStart(day, Period::kYear);
  const int64_t month = PeriodStart(day, Period::kMonth);
  if (interval == ReportInterval::kMonth) return month;
  const int64_t in_year = std::stoi(DateOfDay(month).substr(5, 2)) - 1;
  return AddMonths(month, -(in_year % 3));
}

// "0.01" → 100 ten-thousandths; up to 4 places, at most 1,000,000.
std::optional<int64_t> ParsePointValue(std::string_view text) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view places = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 7 || places.size() > 4 ||
      (dot != std::string_view::npos && places.empty())) {
    return std::nullopt;
  }
  int64_t value = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  for (size_t i = 0; i < 4; ++i) {
    const char c = i < places.size() ? places[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > int64_t{1'000'000} * 10'000) return std::nullopt;
  return value;
}

std::string FormatPointValue(int64_t value) {
  std::string places = std::to_string(value % 10'000);
  places.insert(0, 4 - places.size(), '0');
  while (places.size() > 2 && places.back() == '0') places.pop_back();
  return std::to_string(value / 10'000) + "." + places;
}

std::optional<int64_t> ParseDay(const std::string& text, bool end_of_month) {
  if (text.size() == 7) {
    auto first = DayOf(text + "-01");
    if (!first) return std::nullopt;
    return end_of_month ? AddMonths(*first, 1) - 1 : *first;
  }
  if (text.size() != 10) return std::nullopt;
  return DayOf(text);
}

// The tier window's first day for a window ending on `day` (tiers.cpp WindowStart).
int64_t WindowStart(const TierSettings& settings, int64_t day) {
  if (settings.calendar_year) return PeriodStart(day, Period::kYear);
  return AddMonths(day, -settings.months) + 1;
}

// Runs `head` + kMembersOf + `join` + "WHERE m.programme_id = ? AND (scope)" + `tail`.
Result<Rows> MemberQuery(Tx& tx, const access::ScopeCondition& scope, std::string_view head,
                         std::string_view join, std::string_view tail,
                         const std::string& programme_id, std::vector<Value> tail_params) {
  std::string sql = std::string(head) + std::string(kMembersOf) + std::string(join) +
                    "WHERE m.programme_id = ? AND (" + scope.sql + ")" + std::string(tail);
  std::vector<Value> params{programme_id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.insert(params.end(), tail_params.begin(), tail_params.end());
  return tx.Query(sql, params);
}

// Counts per day of a voucher query, summed into the periods.
Status VoucherCounts(Tx& tx, std::string_view head, const access::ScopeCondition& scope,
                     const std::vector<ReportPeriod>& periods, std::vector<int64_t>& out) {
  std::vector<Value> params{DateOfDay(periods.front().start), DateOfDay(periods.back().end + 1)};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                           tx.Query(std::string(head) + scope.sql + ") GROUP BY 1", params));
  for (const auto& row : rows) {
    const auto day = DayOf(row.Text(0));
    if (!day) continue;
    for (size_t i = 0; i < periods.size(); ++i) {
      if (*day >= periods[i].start && *day <= periods[i].end) out[i] += row.Int(1);
    }
  }
  return OkStatus();
}

}  // namespace

Result<ReportQuery> ParseReportQuery(const std::optional<std::string>& from,
                                     const std::optional<std::string>& to,
                                     const std::optional<std::string>& interval,
                                     const std::optional<std::string>& point_value, int64_t today) {
  ReportQuery query;
  if (interval && !interval->empty()) {
    if (*interval == "month") {
      query.interval = ReportInterval::kMonth;
    } else if (*interval == "quarter") {
      query.interval = ReportInterval::kQuarter;
    } else if (*interval == "year") {
      query.interval = ReportInterval::kYear;
    } else {
      return Error::Invalid("interval", "must be month, quarter or year");
    }
  }
  query.to_day = today;
  if (to && !to->empty()) {
    auto day = ParseDay(*to, true);
    if (!day) return Error::Invalid("to", "must be a date (YYYY-MM-DD) or a month (YYYY-MM)");
    query.to_day = *day;
  }
  const int64_t step = Months(query.interval);
  query.from_day = AddMonths(AlignedStart(query.to_day, query.interval), -11 * step);
  if (from && !from->empty()) {
    auto day = ParseDay(*from, false);
    if (!day) return Error::Invalid("from", "must be a date (YYYY-MM-DD) or a month (YYYY-MM)");
    if (*day > query.to_day) return Error::Invalid("from", "must not be after to");
    const int64_t earliest = AddMonths(AlignedStart(query.to_day, query.interval),
                                       -static_cast<int64_t>(kMaxReportPeriods - 1) * step);
    if (*day < earliest) {
      return Error::Invalid("from", "covers more than " + std::to_string(kMaxReportPeriods) +
                                        " periods; choose a later date or a longer interval");
    }
    query.from_day = *day;
  }
  if (point_value && !point_value->empty()) {
    auto value = ParsePointValue(*point_value);
    if (!value) {
      return Error::Invalid("point_value",
                            "must be an amount with up to 4 decimal places, at most 1000000");
    }
    query.point_value = *value;
  }
  return query;
}

std::vector<ReportPeriod> ReportPeriods(const ReportQuery& query) {
  std::vector<ReportPeriod> periods;
  const int64_t step = Months(query.interval);
  for (int64_t start = AlignedStart(query.from_day, query.interval);
       start <= query.to_day && periods.size() < kMaxReportPeriods;
       start = AddMonths(start, step)) {
    periods.push_back({start, std::min(AddMonths(start, step) - 1, query.to_day)});
  }
  return periods;
}

Result<json::object> LoyaltyReports::Build(const access::Access& access,
                                           const std::string& programme_id,
                                           const ReportQuery& query) {
  if (!access.Allows(Object::kLoyalty, Action::kRead, std::nullopt)) {
    return access::NotPermitted(Object::kLoyalty, Action::kRead);
  }
  const std::vector<ReportPeriod> periods = ReportPeriods(query);
  if (periods.empty()) return Error::Invalid("from", "must not be after to");
  const size_t n = periods.size();
  const int64_t first = periods.front().start;
  const int64_t last = periods.back().end;
  const access::ScopeCondition scope =
      access.Scope(Object::kCustomers, Action::kRead, "c.owner_id");
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, programme_id));
    if (!stored) return Error::NotFound("No loyalty programme has the id " + programme_id + ".");
    const Programme& programme = stored->programme;
    RAPPORT_ASSIGN_OR_RETURN(auto tier_settings, LoadTierSettings(tx, programme_id));
    if (tier_settings && tier_settings->tiers.empty()) tier_settings.reset();

    // Members by their first movement.
    RAPPORT_ASSIGN_OR_RETURN(
        Rows firsts, MemberQuery(tx, scope, kFirstDays, "", kFirstDaysEnd, programme_id, {last}));
    std::vector<int64_t> members(n), new_members(n);
    for (const auto& row : firsts) {
      const int64_t day = row.Int(2);
      for (size_t i = 0; i < n; ++i) {
        if (day <= periods[i].end) ++members[i];
        if (day >= periods[i].start && day <= periods[i].end) ++new_members[i];
      }
    }

    // Active members: distinct members with an earning, redemption or adjustment in the period.
    RAPPORT_ASSIGN_OR_RETURN(
        Rows active_days,
        MemberQuery(tx, scope, kActiveDays, "", kActiveDaysEnd, programme_id, {first, last}));
    std::vector<std::set<std::string>> active(n);
    for (const auto& row : active_days) {
      const int64_t day = row.Int(1);
      for (size_t i = 0; i < n; ++i) {
        if (day >= periods[i].start && day <= periods[i].end) active[i].insert(row.Text(0));
      }
    }

    // Flows per period; what happened before the first period opens the cumulative figures.
    RAPPORT_ASSIGN_OR_RETURN(Rows moves, MemberQuery(tx, scope, kMovements, kMovementsJoin,
                                                     kMovementsEnd, programme_id, {last}));
    std::vector<Flows> flows(n);
    Flows opening;
    for (const auto& row : moves) {
      const int64_t day = row.Int(0);
      const std::string kind = row.Text(1);
      const std::string account = row.Text(2);
      const int64_t points = row.Int(3);
      Flows* f = &opening;
      for (size_t i = 0; i < n; ++i) {
        if (day >= periods[i].start && day <= periods[i].end) f = &flows[i];
      }
      // Earning takes points out of `issued`; a reversal puts them back.
      if (account == "issued" && kind == "earn") f->issued -= points;
      if (account == "issued" && kind == "reverse") f->reversed += points;
      if (account == "adjusted") f->adjusted -= points;
      if (account == "redeemed") f->redeemed += points;
      if (account == "expired") f->expired += points;
      if (account == "pending" || account == "available" || account == "debt") f->wallets += points;
    }

    // Qualifying tiers as of each period's end: the tier the window ending that day reaches.
    std::vector<std::vector<int64_t>> tiers(n);
    if (tier_settings) {
      const TierSettings& ts = *tier_settings;
      for (auto& counts : tiers) counts.assign(ts.tiers.size() + 1, 0);
      std::vector<std::vector<int64_t>> values(firsts.size(), std::vector<int64_t>(n, 0));
      if (!ts.money_spent) {
        std::map<std::string, size_t> index;
        for (size_t m = 0; m < firsts.size(); ++m) index[firsts[m].Text(0)] = m;
        RAPPORT_ASSIGN_OR_RETURN(
            Rows issued, MemberQuery(tx, scope, kIssuedDays, kIssuedDaysJoin, kIssuedDaysEnd,
                                     programme_id, {WindowStart(ts, periods.front().end), last}));
        for (const auto& row : issued) {
          auto m = index.find(row.Text(0));
          if (m == index.end()) continue;
          const int64_t day = row.Int(1);
          for (size_t i = 0; i < n; ++i) {
            if (day >= WindowStart(ts, periods[i].end) && day <= periods[i].end) {
              values[m->second][i] += row.Int(2);
            }
          }
        }
      } else {
        for (size_t m = 0; m < firsts.size(); ++m) {
          const Member member{.id = firsts[m].Text(0),
                              .programme_id = programme_id,
                              .customer_id = firsts[m].Text(1)};
          for (size_t i = 0; i < n; ++i) {
            if (firsts[m].Int(2) > periods[i].end) continue;
            RAPPORT_ASSIGN_OR_RETURN(values[m][i],
                                     QualifyingValue(tx, programme, ts, member, periods[i].end));
          }
        }
      }
      for (size_t m = 0; m < firsts.size(); ++m) {
        for (size_t i = 0; i < n; ++i) {
          if (firsts[m].Int(2) > periods[i].end) continue;
          const std::optional<size_t> tier = TierFor(ts, values[m][i]);
          ++tiers[i][tier ? *tier + 1 : 0];
        }
      }
    }

    std::vector<int64_t> vouchers_issued(n), vouchers_redeemed(n);
    RAPPORT_RETURN_IF_ERROR(VoucherCounts(tx, kVouchersIssued, scope, periods, vouchers_issued));
    RAPPORT_RETURN_IF_ERROR(VoucherCounts(tx, kVoucherUses, scope, periods, vouchers_redeemed));
    RAPPORT_ASSIGN_OR_RETURN(std::vector<json::object> referrals,
                             ReferralConversions(tx, scope, periods));

    json::array rows;
    Flows total = opening;
    for (size_t i = 0; i < n; ++i) {
      const Flows& f = flows[i];
      total.issued += f.issued;
      total.reversed += f.reversed;
      total.adjusted += f.adjusted;
      total.redeemed += f.redeemed;
      total.expired += f.expired;
      total.wallets += f.wallets;
      const int64_t given = total.issued - total.reversed + total.adjusted;
      json::object row{
          {"start", DateOfDay(periods[i].start)},
          {"end", DateOfDay(periods[i].end)},
          {"members", members[i]},
          {"new_members", new_members[i]},
          {"active_members", static_cast<int64_t>(active[i].size())},
          {"points", json::object{{"issued", f.issued},
                                  {"reversed", f.reversed},
                                  {"adjusted", f.adjusted},
                                  {"redeemed", f.redeemed},
                                  {"expired", f.expired}}},
          {"liability",
           json::object{{"points", total.wallets},
                        {"money", FormatCents(total.wallets * query.point_value / 100)}}},
          {"redemption_rate",
           given > 0 ? json::value(static_cast<double>(total.redeemed * 10'000 / given) / 10'000)
                     : json::value(nullptr)},
          {"vouchers",
           json::object{{"issued", vouchers_issued[i]}, {"redeemed", vouchers_redeemed[i]}}},
          {"referrals", std::move(referrals[i])}};
      if (tier_settings) {
        json::array distribution;
        for (size_t t = 0; t < tiers[i].size(); ++t) {
          distribution.push_back(
              json::object{{"name", t == 0 ? json::value(nullptr)
                                           : json::value(tier_settings->tiers[t - 1].name)},
                           {"members", tiers[i][t]}});
        }
        row["tiers"] = std::move(distribution);
      } else {
        row["tiers"] = nullptr;
      }
      rows.push_back(std::move(row));
    }
    out = json::object{{"programme", json::object{{"id", programme.id},
                                                  {"name", programme.name},
                                                  {"points_name", programme.points_name}}},
                       {"from", DateOfDay(first)},
                       {"to", DateOfDay(last)},
                       {"interval", query.interval == ReportInterval::kMonth     ? "month"
                                    : query.interval == ReportInterval::kQuarter ? "quarter"
                                                                                 : "year"},
                       {"currency", programme.currency},
                       {"point_value", FormatPointValue(query.point_value)},
                       {"tier_basis", !tier_settings               ? json::value(nullptr)
                                      : tier_settings->money_spent ? json::value("money_spent")
                                                                   : json::value("points_earned")},
                       {"periods", std::move(rows)}};
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::loyalty
