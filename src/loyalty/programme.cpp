#include "loyalty/programme.hpp"

#include <algorithm>
#include <array>

#include "common/money.hpp"
#include "common/unicode_text.hpp"
#include "loyalty/field_reader.hpp"
#include "loyalty/ledger.hpp"

namespace rapport::loyalty {
namespace {

constexpr size_t kMaxId = 40;
constexpr size_t kMaxName = 200;
constexpr size_t kMaxPointsName = 40;

bool ValidId(const std::string& id) {
  return !id.empty() && id.size() <= kMaxId && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

constexpr std::array<std::string_view, 3> kModes = {"none", "per_lot", "inactivity"};

void ReadEarn(const json::object& object, EarnRules& earn, std::vector<FieldError>& errors) {
  FieldReader r(object, "earn.", errors);
  r.RefuseUnknown({"spend", "per_order", "first_order", "signup", "birthday", "review_published",
                   "survey_answered", "referral", "goodwill_max"});
  ReadSpendRule(r, "spend", kMaxRulePoints, earn.spend);
  ReadOrderBonus(r, "per_order", kMaxRulePoints, /*with_cap=*/true, earn.per_order);
  ReadOrderBonus(r, "first_order", kMaxRulePoints, /*with_cap=*/false, earn.first_order);
  ReadEventBonus(r, "signup", kMaxRulePoints, /*with_cap=*/false, earn.signup);
  ReadEventBonus(r, "birthday", kMaxRulePoints, /*with_cap=*/false, earn.birthday);
  ReadEventBonus(r, "review_published", kMaxRulePoints, /*with_cap=*/true, earn.review_published);
  ReadEventBonus(r, "survey_answered", kMaxRulePoints, /*with_cap=*/true, earn.survey_answered);
  ReadEventBonus(r, "referral", kMaxRulePoints, /*with_cap=*/true, earn.referral);
  earn.goodwill_max = r.Whole("goodwill_max", 1, kMaxPoints, earn.goodwill_max);
}

// {kind: points | voucher, voucher?: {value, currency?, min_order?, scope?, per_customer_limit?,
// combinable?, return_on_cancel?, expires_in_days?}}: the voucher's rules as a batch's, but its
// expiry counted from the day it is issued.
void ReadPointsOrVoucher(const json::object& object, const std::string& prefix,
                         PointsOrVoucher& out, std::vector<FieldError>& errors) {
  FieldReader r(object, prefix, errors);
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
    r.Fail("kind", "must be points (the programme's bonus points) or voucher");
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
  FieldReader v(*voucher, prefix + "voucher.", errors);
  out.expires_in_days = v.Whole("expires_in_days", 1, kMaxRewardVoucherDays, 0);
}

json::object PointsOrVoucherToJson(const PointsOrVoucher& reward) {
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
  FieldReader r(input, "", errors);
  r.RefuseUnknown({"id", "name", "points_name", "currency", "starts_on", "ends_on", "pending_days",
                   "expiry", "earn", "referral_limits", "referral_rewards", "review_reward",
                   "version", "created_at", "updated_at"});
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
    FieldReader e(*expiry, "expiry.", errors);
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
    FieldReader l(*limits, "referral_limits.", errors);
    l.RefuseUnknown({"network_per_week", "referrer_cap", "referrer_cap_days"});
    ReferralLimits& out = p.referral_limits;
    out.network_per_week = l.Whole("network_per_week", 1, kMaxReferralLimit, out.network_per_week);
    out.referrer_cap = l.Whole("referrer_cap", 1, kMaxReferralLimit, out.referrer_cap);
    out.referrer_cap_days = l.Whole("referrer_cap_days", 1, 365, out.referrer_cap_days);
  }
  if (const json::object* rewards = r.Object("referral_rewards")) {
    FieldReader w(*rewards, "referral_rewards.", errors);
    w.RefuseUnknown({"referrer", "referee"});
    if (const json::object* side = w.Object("referrer")) {
      ReadPointsOrVoucher(*side, "referral_rewards.referrer.", p.referrer_reward, errors);
    }
    if (const json::object* side = w.Object("referee")) {
      ReadPointsOrVoucher(*side, "referral_rewards.referee.", p.referee_reward, errors);
    }
  }
  if (const json::object* review = r.Object("review_reward")) {
    ReadPointsOrVoucher(*review, "review_reward.", p.review_reward, errors);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return p;
}

json::object ProgrammeToJson(const Programme& p) {
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
       json::object{{"spend", SpendRuleToJson(p.earn.spend)},
                    {"per_order", OrderBonusToJson(p.earn.per_order, /*with_cap=*/true)},
                    {"first_order", OrderBonusToJson(p.earn.first_order, /*with_cap=*/false)},
                    {"signup", EventBonusToJson(p.earn.signup, false)},
                    {"birthday", EventBonusToJson(p.earn.birthday, false)},
                    {"review_published", EventBonusToJson(p.earn.review_published, true)},
                    {"survey_answered", EventBonusToJson(p.earn.survey_answered, true)},
                    {"referral", EventBonusToJson(p.earn.referral, true)},
                    {"goodwill_max", p.earn.goodwill_max}}},
      {"referral_limits", json::object{{"network_per_week", p.referral_limits.network_per_week},
                                       {"referrer_cap", p.referral_limits.referrer_cap},
                                       {"referrer_cap_days", p.referral_limits.referrer_cap_days}}},
      {"referral_rewards", json::object{{"referrer", PointsOrVoucherToJson(p.referrer_reward)},
                                        {"referee", PointsOrVoucherToJson(p.referee_reward)}}},
      {"review_reward", PointsOrVoucherToJson(p.review_reward)}};
}

bool Runs(const Programme& p, int64_t day) {
  return (!p.starts_on || day >= *p.starts_on) && (!p.ends_on || day <= *p.ends_on);
}

OrderPoints PointsOf(const Programme& p, const OrderFacts& order) {
  if (order.currency != p.currency || !Runs(p, order.placed_day)) return {};
  return {.spend = SpendPoints(p.earn.spend, order),
          .per_order = BonusPoints(p.earn.per_order, order)};
}

bool NeedsCategories(const Programme& p) {
  return NamesCategories(p.earn.spend.condition) || NamesCategories(p.earn.per_order.condition) ||
         NamesCategories(p.earn.first_order.condition);
}

std::optional<int64_t> ExpiryFor(const Programme& p, int64_t day) {
  if (p.expiry == ExpiryMode::kNone) return std::nullopt;
  return AddMonths(day, p.expiry_months);
}

}  // namespace rapport::loyalty
