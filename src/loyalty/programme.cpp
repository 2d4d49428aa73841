#include "loyalty/programme.hpp"

#include <algorithm>
#include <array>

#include "common/money.hpp"
#include "common/unicode_text.hpp"
#include "loyalty/ledger.hpp"

namespace rapport::loyalty {
namespace {

constexpr size_t kMaxId = 40;
constexpr size_t kMaxName = 200;
constexpr size_t kMaxPointsName = 40;
constexpr size_t kMaxProductRef = 200;

bool ValidId(const std::string& id) {
  return !id.empty() && id.size() <= kMaxId && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Collects errors under a path prefix so nested objects report "earn.spend.per".
class Reader {
 public:
  Reader(const json::object& object, std::string prefix, std::vector<FieldError>& errors)
      : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

  std::string Path(std::string_view key) const { return prefix_ + std::string(key); }
  void Fail(std::string_view key, std::string message) {
    errors_.push_back({Path(key), std::move(message)});
  }

  void RefuseUnknown(std::initializer_list<std::string_view> known) {
    for (const auto& [key, unused] : object_) {
      if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
        Fail(key, "is not a known field");
    }
  }

  const json::value* Get(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  // A whole number from `min` to `max`; `fallback` when absent or null.
  int64_t Whole(std::string_view key, int64_t min, int64_t max, int64_t fallback) {
    const json::value* v = Get(key);
    if (v == nullptr) return fallback;
    std::optional<int64_t> n;
    if (v->is_int64()) n = v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(max)) {
      n = static_cast<int64_t>(v->as_uint64());
    }
    if (!n || *n < min || *n > max) {
      Fail(key,
           "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return fallback;
    }
    return *n;
  }

  std::optional<std::string> Text(std::string_view key, size_t max, bool required) {
    const json::value* v = Get(key);
    if (v == nullptr) {
      if (required) Fail(key, "is required");
      return std::nullopt;
    }
    if (!v->is_string()) {
      Fail(key, "must be a string of 1 to " + std::to_string(max) + " characters");
      return std::nullopt;
    }
    CleanedText cleaned = CleanText(v->as_string(), max, TextKind::kSingleLine);
    if (!cleaned.problem.empty()) {
      Fail(key, std::move(cleaned.problem));
      return std::nullopt;
    }
    if (cleaned.text.empty()) {
      Fail(key, required ? "is required" : "must not be empty");
      return std::nullopt;
    }
    return std::move(cleaned.text);
  }

  std::optional<int64_t> Date(std::string_view key) {
    const json::value* v = Get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string() || v->as_string().size() != 10 || !DayOf(v->as_string())) {
      Fail(key, "must be a date written YYYY-MM-DD");
      return std::nullopt;
    }
    return DayOf(v->as_string());
  }

  std::optional<int64_t> Cents(std::string_view key, int64_t fallback, bool positive) {
    const json::value* v = Get(key);
    if (v == nullptr) return fallback;
    auto cents = CentsFromJson(*v);
    if (!cents || (positive && *cents == 0)) {
      Fail(key, positive ? "must be a positive amount like 1.00" : "must be an amount like 20.00");
      return std::nullopt;
    }
    return cents;
  }

  // The nested object at `key` (an empty one when absent); nullptr and an error when not one.
  const json::object* Object(std::string_view key) {
    const json::value* v = Get(key);
    if (v == nullptr) return &kEmpty;
    if (!v->is_object()) {
      Fail(key, "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }

 private:
  static inline const json::object kEmpty{};
  const json::object& object_;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

constexpr std::array<std::string_view, 3> kPeriods = {"day", "month", "year"};
constexpr std::array<std::string_view, 3> kModes = {"none", "per_lot", "inactivity"};

void ReadSpend(const json::object& object, SpendRule& spend, std::vector<FieldError>& errors) {
  Reader r(object, "earn.spend.", errors);
  r.RefuseUnknown({"points", "per", "min_order", "excluded_products", "cap"});
  spend.points = r.Whole("points", 0, kMaxRulePoints, 0);
  if (auto per = r.Cents("per", 100, true)) spend.per_cents = *per;
  if (auto min = r.Cents("min_order", 0, false)) spend.min_order_cents = *min;
  if (const json::value* excluded = r.Get("excluded_products")) {
    if (!excluded->is_array() || excluded->as_array().size() > kMaxExcludedProducts) {
      r.Fail("excluded_products", "must be a list of at most 1000 product ids or SKUs");
    } else {
      for (size_t i = 0; i < excluded->as_array().size(); ++i) {
        const json::value& ref = excluded->as_array()[i];
        if (!ref.is_string() || ref.as_string().empty() ||
            ref.as_string().size() > kMaxProductRef) {
          r.Fail("excluded_products[" + std::to_string(i) + "]",
                 "must be a product id or SKU of 1 to 200 characters");
        } else {
          spend.excluded_products.emplace_back(ref.as_string());
        }
      }
    }
  }
  if (const json::value* cap = r.Get("cap")) {
    if (!cap->is_object()) {
      r.Fail("cap", "must be an object {points, period} or null");
      return;
    }
    Reader c(cap->as_object(), "earn.spend.cap.", errors);
    c.RefuseUnknown({"points", "period"});
    PeriodCap parsed;
    parsed.points = c.Whole("points", 1, kMaxPoints, 1);
    if (!c.Get("points")) c.Fail("points", "is required");
    const json::value* period = c.Get("period");
    auto it =
        period != nullptr && period->is_string()
            ? std::find(kPeriods.begin(), kPeriods.end(), std::string_view(period->as_string()))
            : kPeriods.end();
    if (it == kPeriods.end()) {
      c.Fail("period", "must be one of day, month, year");
    } else {
      parsed.period = static_cast<Period>(it - kPeriods.begin());
    }
    spend.cap = parsed;
  }
}

void ReadEarn(const json::object& object, EarnRules& earn, std::vector<FieldError>& errors) {
  Reader r(object, "earn.", errors);
  r.RefuseUnknown({"spend", "per_order", "first_order", "signup", "birthday", "review_published",
                   "survey_answered", "referral", "goodwill_max"});
  if (const json::object* spend = r.Object("spend")) ReadSpend(*spend, earn.spend, errors);
  earn.per_order = r.Whole("per_order", 0, kMaxRulePoints, 0);
  earn.first_order = r.Whole("first_order", 0, kMaxRulePoints, 0);
  earn.signup = r.Whole("signup", 0, kMaxRulePoints, 0);
  earn.birthday = r.Whole("birthday", 0, kMaxRulePoints, 0);
  earn.review_published = r.Whole("review_published", 0, kMaxRulePoints, 0);
  earn.survey_answered = r.Whole("survey_answered", 0, kMaxRulePoints, 0);
  earn.referral = r.Whole("referral", 0, kMaxRulePoints, 0);
  earn.goodwill_max = r.Whole("goodwill_max", 1, kMaxPoints, earn.goodwill_max);
}

// {kind: points | voucher, voucher?: {value, currency?, min_order?, scope?, per_customer_limit?,
// combinable?, return_on_cancel?, expires_in_days?}}: the voucher's rules as a batch's, but its
// expiry counted from the day it is issued.
void ReadReferralReward(const json::object& object, const std::string& prefix, ReferralReward& out,
                        std::vector<FieldError>& errors) {
  Reader r(object, prefix, errors);
  r.RefuseUnknown({"kind", "voucher"});
  const json::value* kind = r.Get("kind");
  if (kind == nullptr && !r.Get("voucher")) return;  // the default: points
  const std::string_view name =
      kind != nullptr && kind->is_string() ? std::string_view(kind->as_string()) : "";
  if (name == "points") {
    if (r.Get("voucher")) r.Fail("voucher", "is for a reward of kind voucher");
    return;
  }
  if (name != "voucher") {
    r.Fail("kind", "must be points (the programme's earn.referral) or voucher");
    return;
  }
  out.voucher = true;
  if (!r.Get("voucher")) {
    r.Fail("voucher", "is required: the voucher's value rules");
    return;
  }
  const json::object* voucher = r.Object("voucher");
  if (voucher == nullptr) return;
  auto rules = ParseVoucherRules(*voucher, {"expires_in_days"});
  if (!rules.ok()) {
    for (const FieldError& e : rules.error().field_errors) {
      errors.push_back({prefix + "voucher." + e.field, e.message});
    }
  } else if (rules->expires_at) {
    r.Fail("voucher.expires_at", "use expires_in_days: the voucher expires after it is issued");
  } else {
    out.rules = std::move(*rules);
  }
  Reader v(*voucher, prefix + "voucher.", errors);
  out.expires_in_days = v.Whole("expires_in_days", 1, kMaxRewardVoucherDays, 0);
}

json::object ReferralRewardToJson(const ReferralReward& reward) {
  if (!reward.voucher) return json::object{{"kind", "points"}};
  json::object voucher = VoucherRulesToJson(reward.rules);
  voucher.erase("expires_at");
  if (reward.expires_in_days > 0) voucher["expires_in_days"] = reward.expires_in_days;
  return json::object{{"kind", "voucher"}, {"voucher", std::move(voucher)}};
}

json::value OptionalDate(const std::optional<int64_t>& day) {
  return day ? json::value(DateOfDay(*day)) : json::value(nullptr);
}

}  // namespace

Result<Programme> ParseProgramme(const std::string& id, const json::object& input) {
  std::vector<FieldError> errors;
  Programme p;
  if (!ValidId(id)) errors.push_back({"id", "must be 1 to 40 of a-z, 0-9, _ and -"});
  p.id = id;
  Reader r(input, "", errors);
  r.RefuseUnknown({"id", "name", "points_name", "currency", "starts_on", "ends_on", "pending_days",
                   "expiry", "earn", "referral_limits", "referral_rewards", "version", "created_at",
                   "updated_at"});
  if (auto name = r.Text("name", kMaxName, true)) p.name = *name;
  if (auto points_name = r.Text("points_name", kMaxPointsName, false)) p.points_name = *points_name;
  const json::value* currency = r.Get("currency");
  if (currency == nullptr || !currency->is_string() || !IsCurrencyCode(currency->as_string())) {
    r.Fail("currency", "is required: an ISO 4217 code such as EUR or USD");
  } else {
    p.currency = currency->as_string();
  }
  p.starts_on = r.Date("starts_on");
  p.ends_on = r.Date("ends_on");
  if (p.starts_on && p.ends_on && *p.ends_on < *p.starts_on) {
    r.Fail("ends_on", "must not be before starts_on");
  }
  p.pending_days = r.Whole("pending_days", 0, kMaxPendingDays, p.pending_days);
  if (const json::object* expiry = r.Object("expiry")) {
    Reader e(*expiry, "expiry.", errors);
    e.RefuseUnknown({"mode", "months", "warning_days"});
    const json::value* mode = e.Get("mode");
    auto it = mode != nullptr && mode->is_string()
                  ? std::find(kModes.begin(), kModes.end(), std::string_view(mode->as_string()))
                  : kModes.begin();
    if (it == kModes.end()) {
      e.Fail("mode", "must be one of none, per_lot, inactivity");
    } else {
      p.expiry = static_cast<ExpiryMode>(it - kModes.begin());
    }
    p.expiry_months = e.Whole("months", 1, kMaxExpiryMonths, 0);
    if (p.expiry != ExpiryMode::kNone && p.expiry_months == 0 && !e.Get("months")) {
      e.Fail("months", "is required when points expire");
    }
    p.warning_days = e.Whole("warning_days", 0, kMaxPendingDays, p.warning_days);
  }
  if (const json::object* earn = r.Object("earn")) ReadEarn(*earn, p.earn, errors);
  if (const json::object* limits = r.Object("referral_limits")) {
    Reader l(*limits, "referral_limits.", errors);
    l.RefuseUnknown({"network_per_week", "referrer_cap", "referrer_cap_days"});
    ReferralLimits& out = p.referral_limits;
    out.network_per_week = l.Whole("network_per_week", 1, kMaxReferralLimit, out.network_per_week);
    out.referrer_cap = l.Whole("referrer_cap", 1, kMaxReferralLimit, out.referrer_cap);
    out.referrer_cap_days = l.Whole("referrer_cap_days", 1, 365, out.referrer_cap_days);
  }
  if (const json::object* rewards = r.Object("referral_rewards")) {
    Reader w(*rewards, "referral_rewards.", errors);
    w.RefuseUnknown({"referrer", "referee"});
    if (const json::object* side = w.Object("referrer")) {
      ReadReferralReward(*side, "referral_rewards.referrer.", p.referrer_reward, errors);
    }
    if (const json::object* side = w.Object("referee")) {
      ReadReferralReward(*side, "referral_rewards.referee.", p.referee_reward, errors);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return p;
}

json::object ProgrammeToJson(const Programme& p) {
  json::array excluded;
  for (const auto& ref : p.earn.spend.excluded_products) excluded.emplace_back(ref);
  json::value cap = nullptr;
  if (p.earn.spend.cap) {
    cap = json::object{{"points", p.earn.spend.cap->points},
                       {"period", kPeriods[static_cast<size_t>(p.earn.spend.cap->period)]}};
  }
  return json::object{
      {"id", p.id},
      {"name", p.name},
      {"points_name", p.points_name},
      {"currency", p.currency},
      {"starts_on", OptionalDate(p.starts_on)},
      {"ends_on", OptionalDate(p.ends_on)},
      {"pending_days", p.pending_days},
      {"expiry",
       json::object{{"mode", kModes[static_cast<size_t>(p.expiry)]},
                    {"months", p.expiry == ExpiryMode::kNone ? json::value(nullptr)
                                                             : json::value(p.expiry_months)},
                    {"warning_days", p.warning_days}}},
      {"earn",
       json::object{{"spend", json::object{{"points", p.earn.spend.points},
                                           {"per", FormatCents(p.earn.spend.per_cents)},
                                           {"min_order", FormatCents(p.earn.spend.min_order_cents)},
                                           {"excluded_products", std::move(excluded)},
                                           {"cap", std::move(cap)}}},
                    {"per_order", p.earn.per_order},
                    {"first_order", p.earn.first_order},
                    {"signup", p.earn.signup},
                    {"birthday", p.earn.birthday},
                    {"review_published", p.earn.review_published},
                    {"survey_answered", p.earn.survey_answered},
                    {"referral", p.earn.referral},
                    {"goodwill_max", p.earn.goodwill_max}}},
      {"referral_limits", json::object{{"network_per_week", p.referral_limits.network_per_week},
                                       {"referrer_cap", p.referral_limits.referrer_cap},
                                       {"referrer_cap_days", p.referral_limits.referrer_cap_days}}},
      {"referral_rewards", json::object{{"referrer", ReferralRewardToJson(p.referrer_reward)},
                                        {"referee", ReferralRewardToJson(p.referee_reward)}}}};
}

bool Runs(const Programme& p, int64_t day) {
  return (!p.starts_on || day >= *p.starts_on) && (!p.ends_on || day <= *p.ends_on);
}

int64_t OrderPoints(const Programme& p, const OrderFacts& order) {
  if (order.currency != p.currency || !Runs(p, order.placed_day)) return 0;
  if (order.total_cents < p.earn.spend.min_order_cents || order.total_cents <= 0) return 0;
  int64_t eligible = order.total_cents;
  const auto& excluded = p.earn.spend.excluded_products;
  for (const OrderLine& line : order.lines) {
    auto listed = [&](const std::optional<std::string>& ref) {
      return ref && std::find(excluded.begin(), excluded.end(), *ref) != excluded.end();
    };
    if (listed(line.product_id) || listed(line.sku)) eligible -= line.total_cents;
  }
  eligible = std::max<int64_t>(eligible, 0);
  // Whole units of `per` only, once per order: the documented rounding (down).
  const int64_t spend = eligible / p.earn.spend.per_cents * p.earn.spend.points;
  return std::min(spend + p.earn.per_order, kMaxPoints);
}

int64_t Capped(const Programme& p, int64_t points, int64_t earned_in_period) {
  if (!p.earn.spend.cap) return points;
  return std::clamp<int64_t>(p.earn.spend.cap->points - earned_in_period, 0, points);
}

std::optional<int64_t> ExpiryFor(const Programme& p, int64_t day) {
  if (p.expiry == ExpiryMode::kNone) return std::nullopt;
  return AddMonths(day, p.expiry_months);
}

}  // namespace rapport::loyalty
