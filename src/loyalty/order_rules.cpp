#include "loyalty/order_rules.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "loyalty/field_reader.hpp"
#include "loyalty/ledger.hpp"

namespace rapport::loyalty {
namespace {

constexpr std::array<std::string_view, 3> kPeriods = {"day", "month", "year"};

// A list of 1-to-200-character names, each error under "key[i]".
void ReadNames(FieldReader& r, std::string_view key, std::string_view what,
               std::vector<std::string>& out) {
  const json::value* list = r.Get(key);
  if (list == nullptr) return;
  if (!list->is_array() || list->as_array().size() > kMaxExcluded) {
    r.Fail(key, "must be a list of at most 1000 " + std::string(what));
    return;
  }
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const json::value& name = list->as_array()[i];
    if (!name.is_string() || name.as_string().empty() || name.as_string().size() > kMaxProductRef) {
      r.Fail(std::string(key) + "[" + std::to_string(i) + "]",
             "must be one of the " + std::string(what) + ", 1 to 200 characters");
    } else if (std::find(out.begin(), out.end(), name.as_string()) == out.end()) {
      out.emplace_back(name.as_string());
    }
  }
}

void ReadCondition(FieldReader& r, OrderCondition& condition) {
  if (auto min = r.Cents("min_order", 0, false)) condition.min_order_cents = *min;
  ReadNames(r, "excluded_products", "product ids or SKUs", condition.excluded_products);
  ReadNames(r, "excluded_categories", "product categories", condition.excluded_categories);
}

void ReadCap(FieldReader& r, std::vector<FieldError>& errors, std::optional<PeriodCap>& out) {
  const json::value* cap = r.Get("cap");
  if (cap == nullptr) return;
  if (!cap->is_object()) {
    r.Fail("cap", "must be an object {points, period} or null");
    return;
  }
  FieldReader c(cap->as_object(), r.Path("cap") + ".", errors);
  c.RefuseUnknown({"points", "period"});
  PeriodCap parsed;
  parsed.points = c.Whole("points", 1, kMaxPoints, 1);
  if (!c.Get("points")) c.Fail("points", "is required");
  const json::value* period = c.Get("period");
  auto it = period != nullptr && period->is_string()
                ? std::find(kPeriods.begin(), kPeriods.end(), std::string_view(period->as_string()))
                : kPeriods.end();
  if (it == kPeriods.end()) {
    c.Fail("period", "must be one of day, month, year");
  } else {
    parsed.period = static_cast<Period>(it - kPeriods.begin());
  }
  out = parsed;
}

json::array ToArray(const std::vector<std::string>& names) {
  json::array out;
  for (const auto& name : names) out.emplace_back(name);
  return out;
}

void ConditionToJson(const OrderCondition& condition, json::object& out) {
  out["min_order"] = FormatCents(condition.min_order_cents);
  out["excluded_products"] = ToArray(condition.excluded_products);
  out["excluded_categories"] = ToArray(condition.excluded_categories);
}

json::value CapToJson(const std::optional<PeriodCap>& cap) {
  if (!cap) return nullptr;
  return json::object{{"points", cap->points},
                      {"period", kPeriods[static_cast<size_t>(cap->period)]}};
}

bool Listed(const std::vector<std::string>& names, const std::optional<std::string>& name) {
  return name && std::find(names.begin(), names.end(), *name) != names.end();
}

// The parts one rule has; a null part is one the rule lacks, and its field is refused as unknown.
struct RuleParts {
  int64_t* points = nullptr;
  int64_t* per_cents = nullptr;
  OrderCondition* condition = nullptr;
  std::optional<PeriodCap>* cap = nullptr;
  bool* tier_multiplier = nullptr;
};

// Every rule's reader, so the rules cannot drift apart: errors in one order (unknown fields,
// points, per, the condition, cap, tier_multiplier). `number_allowed`: a whole number is the
// rule's points alone (the bonuses' form before they had conditions).
void ReadRule(FieldReader& parent, std::string_view key, int64_t rule_points_max,
              bool number_allowed, const RuleParts& parts) {
  const json::value* value = parent.Get(key);
  if (value == nullptr) return;
  if (number_allowed && !value->is_object()) {
    *parts.points = parent.Whole(key, 0, rule_points_max, 0);
    return;
  }
  const json::object* object = parent.Object(key);
  if (object == nullptr) return;
  FieldReader r(*object, parent.Path(key) + ".", parent.Errors());
  std::vector<std::string_view> known = {"points", "tier_multiplier"};
  if (parts.per_cents != nullptr) known.push_back("per");
  if (parts.condition != nullptr) {
    known.insert(known.end(), {"min_order", "excluded_products", "excluded_categories"});
  }
  if (parts.cap != nullptr) known.push_back("cap");
  r.RefuseUnknown(known);
  *parts.points = r.Whole("points", 0, rule_points_max, 0);
  if (parts.per_cents != nullptr) {
    if (auto per = r.Cents("per", 100, true)) *parts.per_cents = *per;
  }
  if (parts.condition != nullptr) ReadCondition(r, *parts.condition);
  if (parts.cap != nullptr) ReadCap(r, parent.Errors(), *parts.cap);
  *parts.tier_multiplier = r.Bool("tier_multiplier", *parts.tier_multiplier);
}

}  // namespace

void ReadSpendRule(FieldReader& parent, std::string_view key, int64_t rule_points_max,
                   SpendRule& rule) {
  ReadRule(parent, key, rule_points_max, /*number_allowed=*/false,
           {.points = &rule.points,
            .per_cents = &rule.per_cents,
            .condition = &rule.condition,
            .cap = &rule.cap,
            .tier_multiplier = &rule.tier_multiplier});
}

void ReadOrderBonus(FieldReader& parent, std::string_view key, int64_t rule_points_max,
                    bool with_cap, OrderBonus& bonus) {
  ReadRule(parent, key, rule_points_max, /*number_allowed=*/true,
           {.points = &bonus.points,
            .condition = &bonus.condition,
            .cap = with_cap ? &bonus.cap : nullptr,
            .tier_multiplier = &bonus.tier_multiplier});
}

void ReadEventBonus(FieldReader& parent, std::string_view key, int64_t rule_points_max,
                    bool with_cap, EventBonus& bonus) {
  ReadRule(parent, key, rule_points_max, /*number_allowed=*/true,
           {.points = &bonus.points,
            .cap = with_cap ? &bonus.cap : nullptr,
            .tier_multiplier = &bonus.tier_multiplier});
}

json::object SpendRuleToJson(const SpendRule& rule) {
  json::object out{{"points", rule.points}, {"per", FormatCents(rule.per_cents)}};
  ConditionToJson(rule.condition, out);
  out["cap"] = CapToJson(rule.cap);
  out["tier_multiplier"] = rule.tier_multiplier;
  return out;
}

json::object OrderBonusToJson(const OrderBonus& bonus, bool with_cap) {
  json::object out{{"points", bonus.points}};
  ConditionToJson(bonus.condition, out);
  if (with_cap) out["cap"] = CapToJson(bonus.cap);
  out["tier_multiplier"] = bonus.tier_multiplier;
  return out;
}

json::object EventBonusToJson(const EventBonus& bonus, bool with_cap) {
  json::object out{{"points", bonus.points}};
  if (with_cap) out["cap"] = CapToJson(bonus.cap);
  out["tier_multiplier"] = bonus.tier_multiplier;
  return out;
}

int64_t EligibleCents(const OrderCondition& condition, const OrderFacts& order) {
  int64_t eligible = order.total_cents;
  for (const OrderLine& line : order.lines) {
    if (Listed(condition.excluded_products, line.product_id) ||
        Listed(condition.excluded_products, line.sku) ||
        Listed(condition.excluded_categories, line.category)) {
      eligible -= line.total_cents;
    }
  }
  return std::max<int64_t>(eligible, 0);
}

bool Qualifies(const OrderCondition& condition, const OrderFacts& order) {
  const int64_t eligible = EligibleCents(condition, order);
  return eligible > 0 && eligible >= condition.min_order_cents;
}

int64_t SpendPoints(const SpendRule& rule, const OrderFacts& order) {
  if (rule.points == 0 || !Qualifies(rule.condition, order)) return 0;
  // Whole units of `per` only, once per order: the documented rounding (down).
  const int64_t eligible = EligibleCents(rule.condition, order);
  // 128-bit: an amount in cents (≤ 10¹³) times a rule's points (≤ 10⁶) overflows 64 bits.
  const __int128 points = static_cast<__int128>(eligible / rule.per_cents) * rule.points;
  return static_cast<int64_t>(std::min<__int128>(points, kMaxPoints));
}

int64_t BonusPoints(const OrderBonus& bonus, const OrderFacts& order) {
  return bonus.points > 0 && Qualifies(bonus.condition, order) ? bonus.points : 0;
}

int64_t CapRest(const std::optional<PeriodCap>& cap, int64_t points, int64_t earned_in_period) {
  if (!cap) return points;
  return std::clamp<int64_t>(cap->points - earned_in_period, 0, points);
}

bool NamesCategories(const OrderCondition& condition) {
  return !condition.excluded_categories.empty();
}

}  // namespace rapport::loyalty
