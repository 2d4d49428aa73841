// The earn rules (docs/design/loyalty.md § Earn rules), pure. The order rules — points per amount
// spent, a bonus per order and a first-order bonus — each have conditions of their own (a minimum
// order, products, SKUs and categories left out) and, for the first two, a cap per period per
// member; the event bonuses (signup, birthday, a published review, an answered survey, a
// referral) a cap where they can recur. Each rule says whether the tier's earn multiplier applies.
// Parsed with a field path for every error and written back as served; storage and the caps'
// running sums are order_earning.cpp's. Plain value types; thread-compatible.
//
// Each rule sees its own eligible total: the order's total less the lines its exclusions name.
// A rule whose eligible total is 0, or under its minimum, earns nothing from that order. Spend
// earns `points` for every whole `per` of the eligible total, rounded down once per order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "loyalty/days.hpp"

namespace rapport::loyalty {

class FieldReader;

struct PeriodCap {
  int64_t points = 0;
  Period period = Period::kMonth;
};

// What an order must be for a rule to earn from it.
struct OrderCondition {
  int64_t min_order_cents = 0;                   // on the rule's eligible total
  std::vector<std::string> excluded_products;    // product ids or SKUs
  std::vector<std::string> excluded_categories;  // the products' categories, exact
};

struct SpendRule {
  int64_t points = 0;  // per `per_cents` spent; 0: spending earns nothing
  int64_t per_cents = 100;
  OrderCondition condition;
  std::optional<PeriodCap> cap;  // on the spend points a member earns per period
  bool tier_multiplier = true;
};

// The per-order and first-order bonuses. A first order is earned once, so it has no cap.
struct OrderBonus {
  int64_t points = 0;
  OrderCondition condition;
  std::optional<PeriodCap> cap;
  bool tier_multiplier = true;  // the first-order bonus's default is false
};

// A bonus for an event. `cap` only where the event recurs for one member (reviews, surveys,
// referrals); signups and birthdays earn once (a year).
struct EventBonus {
  int64_t points = 0;
  std::optional<PeriodCap> cap;
  bool tier_multiplier = false;
};

// What an order contributes, read from commerce's order.placed event (or a past order on replay);
// `category` is looked up from the product by the caller, only when a rule names categories.
struct OrderLine {
  std::optional<std::string> product_id;
  std::optional<std::string> sku;
  std::optional<std::string> category;
  int64_t total_cents = 0;
};
struct OrderFacts {
  std::string currency;
  int64_t placed_day = 0;
  int64_t total_cents = 0;
  std::vector<OrderLine> lines;
};

inline constexpr size_t kMaxExcluded = 1000;  // products or categories per rule
inline constexpr size_t kMaxProductRef = 200;

// Read `key` of the parent's object into the rule, errors under "<parent path><key>.".
// `rule_points_max` bounds `points`. Spend is {points, per, min_order, excluded_products,
// excluded_categories, cap}; a bonus is the same without `per`, or a whole number (its points
// alone, the form before bonuses had conditions); `with_cap` false refuses a cap.
void ReadSpendRule(FieldReader& parent, std::string_view key, int64_t rule_points_max,
                   SpendRule& rule);
void ReadOrderBonus(FieldReader& parent, std::string_view key, int64_t rule_points_max,
                    bool with_cap, OrderBonus& bonus);
// {points, cap?, tier_multiplier} or a whole number (its points alone).
void ReadEventBonus(FieldReader& parent, std::string_view key, int64_t rule_points_max,
                    bool with_cap, EventBonus& bonus);
json::object SpendRuleToJson(const SpendRule& rule);
json::object OrderBonusToJson(const OrderBonus& bonus, bool with_cap);
json::object EventBonusToJson(const EventBonus& bonus, bool with_cap);

// The order's total less the lines `condition` excludes, never below 0.
int64_t EligibleCents(const OrderCondition& condition, const OrderFacts& order);
// Whether the rule earns from the order at all: something eligible, and not under the minimum.
bool Qualifies(const OrderCondition& condition, const OrderFacts& order);
// Spend points before the tier multiplier and the cap.
int64_t SpendPoints(const SpendRule& rule, const OrderFacts& order);
// The bonus's points when the order qualifies, else 0.
int64_t BonusPoints(const OrderBonus& bonus, const OrderFacts& order);
// How much of `points` fits under `cap` when `earned_in_period` is already earned.
int64_t CapRest(const std::optional<PeriodCap>& cap, int64_t points, int64_t earned_in_period);
// Whether a condition names categories (then the caller looks them up for every line).
bool NamesCategories(const OrderCondition& condition);

}  // namespace rapport::loyalty
