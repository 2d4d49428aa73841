#include "loyalty/referral_service.hpp"

#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/referral_store.hpp"
#include "loyalty/voucher_code.hpp"

namespace rapport::loyalty {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;

constexpr int kCustomerLimit = 100;
constexpr std::array<std::string_view, 5> kStates = {"linked", "qualifying", "rewarded", "lapsed",
                                                     "refused"};
constexpr std::string_view kByState =
    "SELECT state, COUNT(*) FROM loyalty_referrals GROUP BY state";
constexpr std::string_view kBySignal =
    "SELECT signal, COUNT(*) FROM loyalty_referrals WHERE state = 'refused' GROUP BY signal "
    "ORDER BY 2 DESC";
// Per month of arrival: referred (not refused) and rewarded since.
constexpr std::string_view kMonths =
    "SELECT substr(created_at, 1, 7), SUM(state <> 'refused'), SUM(state = 'rewarded') "
    "FROM loyalty_referrals WHERE created_at >= ? GROUP BY 1 ORDER BY 1";
constexpr std::string_view kDisplayName = "SELECT display_name FROM customers WHERE id = ?";

Status NeedLoyaltyRead(const access::Access& access) {
  if (access.Allows(Object::kLoyalty, Action::kRead, std::nullopt)) return OkStatus();
  return access::NotPermitted(Object::kLoyalty, Action::kRead);
}

// The referral with the other customer's name when the caller may read them.
Result<json::object> WithName(Tx& tx, const access::Access& access, const Referral& r,
                              const std::string& other) {
  json::object out = ReferralToJson(r);
  std::string key = other == r.referee_id ? "referee_name" : "referrer_name";
  out[key] = nullptr;
  if (customers::ReadableCustomerOwner(tx, access, other).ok()) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kDisplayName, {other}));
    if (!rows.empty()) out[key] = rows[0].Text(0);
  }
  return out;
}

}  // namespace

Result<json::object> ReferralService::ForCustomer(const Access& access,
                                                  const std::string& customer_id) {
  RAPPORT_RETURN_IF_ERROR(NeedLoyaltyRead(access));
  std::optional<std::string> code;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    auto owner = customers::ReadableCustomerOwner(tx, access, customer_id);
    if (!owner.ok()) return std::move(owner).error();
    RAPPORT_ASSIGN_OR_RETURN(code, FindReferralCode(tx, customer_id));
    return OkStatus();
  }));
  if (!code) {
    // Every customer has a code; it is made the first time anyone asks for it (idempotent: a
    // concurrent first read finds the other's code).
    RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(std::string made,
                               EnsureReferralCode(tx, customer_id, FormatInstant(clock_())));
      code = made;
      return OkStatus();
    }));
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    const std::string printed = FormatVoucherCode(*code);
    out["code"] = printed;
    out["link"] = link_base_ + "/?ref=" + printed;
    RAPPORT_ASSIGN_OR_RETURN(auto referred_by, StandingReferralOf(tx, customer_id));
    if (referred_by) {
      RAPPORT_ASSIGN_OR_RETURN(json::object by,
                               WithName(tx, access, *referred_by, referred_by->referrer_id));
      out["referred_by"] = std::move(by);
    } else {
      out["referred_by"] = nullptr;
    }
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Referral> referrals,
                             ReferralsBy(tx, customer_id, kCustomerLimit));
    json::array list;
    json::object counts;
    for (std::string_view state : kStates) counts[state] = 0;
    for (const Referral& r : referrals) {
      counts[r.state] = counts[r.state].as_int64() + 1;
      RAPPORT_ASSIGN_OR_RETURN(json::object item, WithName(tx, access, r, r.referee_id));
      list.push_back(std::move(item));
    }
    out["referrals"] = std::move(list);
    out["counts"] = std::move(counts);
    return OkStatus();
  }));
  return out;
}

Result<json::array> ReferralService::List(const Access& access,
                                          const std::optional<std::string>& state, int limit) {
  RAPPORT_RETURN_IF_ERROR(NeedLoyaltyRead(access));
  if (state && std::find(kStates.begin(), kStates.end(), *state) == kStates.end()) {
    return Error::Invalid("state", "must be linked, qualifying, rewarded, lapsed or refused");
  }
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::vector<Referral> referrals, ListReferrals(tx, state, limit));
    for (const Referral& r : referrals) {
      // Only referrals whose referrer the caller may read: the list names both customers.
      if (!customers::ReadableCustomerOwner(tx, access, r.referrer_id).ok()) continue;
      RAPPORT_ASSIGN_OR_RETURN(json::object item, WithName(tx, access, r, r.referee_id));
      RAPPORT_ASSIGN_OR_RETURN(Rows name, tx.Query(kDisplayName, {r.referrer_id}));
      item["referrer_name"] = name.empty() ? json::value(nullptr) : json::value(name[0].Text(0));
      out.push_back(std::move(item));
    }
    return OkStatus();
  }));
  return out;
}

Result<json::object> ReferralService::Stats(const Access& access) {
  RAPPORT_RETURN_IF_ERROR(NeedLoyaltyRead(access));
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    json::object by_state;
    for (std::string_view state : kStates) by_state[state] = 0;
    RAPPORT_ASSIGN_OR_RETURN(Rows states, tx.Query(kByState));
    int64_t accepted = 0;
    for (const auto& row : states) {
      by_state[row.Text(0)] = row.Int(1);
      if (row.Text(0) != "refused") accepted += row.Int(1);
    }
    json::array signals;
    RAPPORT_ASSIGN_OR_RETURN(Rows by_signal, tx.Query(kBySignal));
    for (const auto& row : by_signal) {
      signals.push_back(json::object{{"signal", row.Text(0)}, {"count", row.Int(1)}});
    }
    json::array months;
    RAPPORT_ASSIGN_OR_RETURN(
        Rows month_rows, tx.Query(kMonths, {FormatInstant(clock_() - int64_t{366} * 86'400'000)}));
    for (const auto& row : month_rows) {
      months.push_back(
          json::object{{"month", row.Text(0)}, {"referred", row.Int(1)}, {"rewarded", row.Int(2)}});
    }
    const int64_t rewarded = by_state["rewarded"].as_int64();
    out["by_state"] = std::move(by_state);
    out["refused_by_signal"] = std::move(signals);
    out["months"] = std::move(months);
    // Of the referrals accepted, the share rewarded so far.
    out["conversion"] = accepted == 0 ? 0.0 : static_cast<double>(rewarded) / accepted;
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::loyalty
