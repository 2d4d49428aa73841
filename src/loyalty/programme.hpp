// A loyalty programme's settings and its earn rules (docs/design/loyalty.md § Programmes), pure:
// parsed and validated from the API's JSON with a field path for every error, written back as
// served, and the arithmetic that turns an order into points. Storage and events are elsewhere
// (loyalty_service.hpp, loyalty_earning.hpp). Plain value types; thread-compatible.
//
// Rounding: an order earns `spend.points` for every whole `spend.per` of its eligible total
// (the total less excluded products' lines), rounded down once per order — 1 point per 1.00 on
// 12.99 is 12 — plus `per_order`. Amounts in another currency than the programme's earn nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "loyalty/days.hpp"
#include "loyalty/voucher_rules.hpp"

namespace rapport::loyalty {

enum class ExpiryMode {
  kNone,        // points never expire
  kPerLot,      // each earned lot expires `months` after it was earned
  kInactivity,  // everything left expires `months` after the member's last movement
};

struct PeriodCap {
  int64_t points = 0;
  Period period = Period::kMonth;
};

struct SpendRule {
  int64_t points = 0;  // per `per_cents` spent; 0: spending earns nothing
  int64_t per_cents = 100;
  int64_t min_order_cents = 0;
  std::vector<std::string> excluded_products;  // product ids or SKUs
  std::optional<PeriodCap> cap;                // on order points (spend + per order) per member
};

// The points of each rule; 0 turns a rule off.
struct EarnRules {
  SpendRule spend;
  int64_t per_order = 0;
  int64_t first_order = 0;
  int64_t signup = 0;
  int64_t birthday = 0;  // not earned yet: needs the yearly job (docs § Not yet)
  int64_t review_published = 0;
  int64_t survey_answered = 0;
  int64_t referral = 0;
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

// What one side of a referral gets once it is rewarded (docs/design/loyalty.md § Referrals): the
// programme's `earn.referral` points, or a voucher with `rules` issued to the customer (kind
// `reward`), expiring `expires_in_days` after it is issued (0: never).
struct ReferralReward {
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
  ReferralReward referrer_reward;
  ReferralReward referee_reward;
};

// What an order contributes, read from commerce's order.placed event.
struct OrderLine {
  std::optional<std::string> product_id;
  std::optional<std::string> sku;
  int64_t total_cents = 0;
};
struct OrderFacts {
  std::string currency;
  int64_t placed_day = 0;
  int64_t total_cents = 0;
  std::vector<OrderLine> lines;
};

// Bounds: far above any real programme, small enough that no product overflows.
inline constexpr int64_t kMaxRulePoints = 1'000'000;
inline constexpr int64_t kMaxPendingDays = 365;
inline constexpr int64_t kMaxExpiryMonths = 120;
inline constexpr int64_t kMaxReferralLimit = 1000;
inline constexpr size_t kMaxExcludedProducts = 1000;

// `input` is the whole programme (PUT replaces it); `id` comes from the URL. Errors name the
// field path ("earn.spend.per", "expiry.months").
Result<Programme> ParseProgramme(const std::string& id, const json::object& input);
json::object ProgrammeToJson(const Programme& programme);

// Whether an order placed on `day` falls inside the programme's dates.
bool Runs(const Programme& programme, int64_t day);
// Spend and per-order points of an order, before any cap; 0 when it does not qualify.
int64_t OrderPoints(const Programme& programme, const OrderFacts& order);
// The rest of a cap: how much of `points` fits when `earned_in_period` is already earned.
int64_t Capped(const Programme& programme, int64_t points, int64_t earned_in_period);
// The expiry day of a lot earned on `day` (per-lot and inactivity modes alike count from it).
std::optional<int64_t> ExpiryFor(const Programme& programme, int64_t day);

}  // namespace rapport::loyalty
