// A loyalty programme's settings and its earn rules (docs/design/loyalty.md § Programmes), pure:
// parsed and validated from the API's JSON with a field path for every error, written back as
// served, and the arithmetic that turns an order into points. Storage and events are elsewhere
// (loyalty_service.hpp, loyalty_earning.hpp). Plain value types; thread-compatible.
//
// The order rules (spend, per order, first order) and their rounding are order_rules.hpp's:
// 1 point per 1.00 on 12.99 is 12. Amounts in another currency than the programme's earn nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "loyalty/days.hpp"
#include "loyalty/order_rules.hpp"
#include "loyalty/voucher_rules.hpp"

namespace rapport::loyalty {

enum class ExpiryMode {
  kNone,        // points never expire
  kPerLot,      // each earned lot expires `months` after it was earned
  kInactivity,  // everything left expires `months` after the member's last movement
};

// The points of each rule; 0 turns a rule off.
struct EarnRules {
  SpendRule spend;
  OrderBonus per_order;
  OrderBonus first_order{.tier_multiplier = false};  // once per member: their first order
  EventBonus signup;
  EventBonus birthday;  // once a year, by the birthday job (birthday.hpp)
  EventBonus review_published;
  EventBonus survey_answered;
  EventBonus referral;            // points per side, unless that side's reward is a voucher
  int64_t goodwill_max = 10'000;  // the most points one staff grant may carry
};

// Limits on referrals (docs/design/loyalty.md § Referrals): arrivals from one network
// neighbourhood in 7 days, and referrals one referrer brings in `referrer_cap_days`; the arrival
// past a limit is refused. Referrals belong to no programme, so every programme's limits apply.
struct ReferralLimits {
  int64_t network_per_week = 3;
  int64_t referrer_cap = 10;
  int64_t referrer_cap_days = 30;
};

// What a rewarded event gives — each side of a referral once it is rewarded (docs/design/loyalty.md
// § Referrals), a published review (§ Review rewards): the programme's bonus points for it, or a
// voucher with `rules` issued to the customer (kind `reward`), expiring `expires_in_days` after it
// is issued (0: never).
struct PointsOrVoucher {
  bool voucher = false;
  VoucherRules rules;
  int64_t expires_in_days = 0;
};
inline constexpr int64_t kMaxRewardVoucherDays = 3650;

struct Programme {
  std::string id;  // slug: a-z, 0-9, _ and -, 1 to 40
  std::string name;
  std::string points_name = "points";
  std::string currency;
  std::optional<int64_t> starts_on;  // days; orders placed outside [starts_on, ends_on] earn
  std::optional<int64_t> ends_on;    // nothing
  int64_t pending_days = 14;         // the return window
  ExpiryMode expiry = ExpiryMode::kNone;
  int64_t expiry_months = 0;
  int64_t warning_days = 30;  // loyalty.expiry_warning this many days before a lot expires
  EarnRules earn;
  ReferralLimits referral_limits;
  PointsOrVoucher referrer_reward;
  PointsOrVoucher referee_reward;
  PointsOrVoucher review_reward;  // points: earn.review_published
};

// Bounds: far above any real programme, small enough that no product overflows.
inline constexpr int64_t kMaxRulePoints = 1'000'000;
inline constexpr int64_t kMaxPendingDays = 365;
inline constexpr int64_t kMaxExpiryMonths = 120;
inline constexpr int64_t kMaxReferralLimit = 1000;

// `input` is the whole programme (PUT replaces it); `id` comes from the URL. Errors name the
// field path ("earn.spend.per", "expiry.months").
Result<Programme> ParseProgramme(const std::string& id, const json::object& input);
json::object ProgrammeToJson(const Programme& programme);

// Whether an order placed on `day` falls inside the programme's dates.
bool Runs(const Programme& programme, int64_t day);
// Spend and per-order points of an order, before the tier multiplier and the caps; nothing in
// another currency than the programme's or outside its dates.
struct OrderPoints {
  int64_t spend = 0;
  int64_t per_order = 0;
};
OrderPoints PointsOf(const Programme& programme, const OrderFacts& order);
// Whether any order rule names categories: then earning looks up each line's product category.
bool NeedsCategories(const Programme& programme);
// The expiry day of a lot earned on `day` (per-lot and inactivity modes alike count from it).
std::optional<int64_t> ExpiryFor(const Programme& programme, int64_t day);

}  // namespace rapport::loyalty
