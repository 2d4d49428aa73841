#include "loyalty/tiers.hpp"

#include <algorithm>
#include <array>

#include "access/access.hpp"
#include "commerce/past_orders.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/movements.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxTiers = 10;
constexpr std::array<std::string_view, 3> kPriorities = {"normal", "high", "urgent"};

constexpr std::string_view kLoadSettings =
    "SELECT settings FROM loyalty_tier_settings WHERE programme_id = ?";
constexpr std::string_view kSaveSettings =
    "INSERT INTO loyalty_tier_settings (programme_id, settings, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (programme_id) DO UPDATE SET settings = excluded.settings, "
    "updated_at = excluded.updated_at, version = version + 1";
// Net issued points (earned less reversed) booked in [from, to]: never the spendable balance.
constexpr std::string_view kEarnedBetween =
    "SELECT COALESCE(-SUM(p.points), 0) FROM loyalty_transactions t "
    "JOIN loyalty_postings p ON p.member_id = t.member_id AND p.seq = t.seq "
    "AND p.account = 'issued' WHERE t.member_id = ? AND t.day BETWEEN ? AND ?";
constexpr std::string_view kMemberTier =
    "SELECT tier, since, period_end FROM loyalty_member_tiers WHERE member_id = ?";
constexpr std::string_view kUpsertTier =
    "INSERT INTO loyalty_member_tiers (member_id, programme_id, customer_id, tier, since, "
    "period_end) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET "
    "tier = excluded.tier, since = excluded.since, period_end = excluded.period_end";
constexpr std::string_view kExtendPeriod =
    "UPDATE loyalty_member_tiers SET period_end = ? WHERE member_id = ?";
constexpr std::string_view kDropTier = "DELETE FROM loyalty_member_tiers WHERE member_id = ?";
constexpr std::string_view kInsertChange =
    "INSERT INTO loyalty_tier_changes (member_id, changed_at, from_tier, to_tier, reason) "
    "VALUES (?, ?, ?, ?, ?)";

struct Held {
  std::string tier;
  std::string since;
  int64_t period_end = 0;
};

Result<std::optional<Held>> HeldTier(Tx& tx, const std::string& member_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kMemberTier, {member_id}));
  if (rows.empty()) return std::optional<Held>();
  return std::optional<Held>(
      Held{.tier = rows[0].Text(0), .since = rows[0].Text(1), .period_end = rows[0].Int(2)});
}

std::optional<size_t> IndexOf(const TierSettings& settings, const std::string& name) {
  for (size_t i = 0; i < settings.tiers.size(); ++i) {
    if (settings.tiers[i].name == name) return i;
  }
  return std::nullopt;
}

int64_t WindowStart(const TierSettings& settings, int64_t day) {
  if (settings.calendar_year) return *DayOf(DateOfDay(day).substr(0, 4) + "-01-01T00:00:00Z");
  return AddMonths(day, -settings.months) + 1;
}

json::value Threshold(const TierSettings& settings, int64_t value) {
  return settings.money_spent ? json::value(FormatCents(value)) : json::value(value);
}

std::string Multiplier(int64_t percent) {
  return std::to_string(percent / 100) + "." + std::to_string(percent % 100 / 10) +
         (percent % 10 != 0 ? std::to_string(percent % 10) : "");
}

Status Change(Tx& tx, const storage::WriteContext& context, const Programme& programme,
              const Member& member, const std::optional<Held>& held,
              const std::optional<std::string>& to, int64_t period_end, const std::string& reason) {
  const std::string now = NowInstant();
  if (to) {
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpsertTier, {member.id, programme.id, member.customer_id, *to, now, period_end}));
  } else {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDropTier, {member.id}));
  }
  const std::optional<std::string> from = held ? std::optional(held->tier) : std::nullopt;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertChange, {member.id, now, storage::OptionalText(from),
                                                  storage::OptionalText(to), reason}));
  json::object entry{
      {"channel", "other"},
      {"direction", "internal"},
      {"kind", "loyalty"},
      {"subject",
       "Tier: " + from.value_or("none") + " → " + to.value_or("none") + " (" + reason + ")"},
      {"occurred_at", now},
      {"metadata", json::object{{"programme_id", programme.id}, {"member_id", member.id}}}};
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, member.customer_id, entry);
  if (!logged.ok()) return std::move(logged).error();
  auto text = [](const std::optional<std::string>& t) {
    return t ? json::value(*t) : json::value(nullptr);
  };
  return storage::AppendEvent(tx, context, "loyalty.tier_changed", "customer", member.customer_id,
                              json::object{{"programme_id", programme.id},
                                           {"member_id", member.id},
                                           {"customer_id", member.customer_id},
                                           {"from", text(from)},
                                           {"to", text(to)},
                                           {"reason", reason}});
}

}  // namespace

Result<TierSettings> ParseTierSettings(const json::object& input) {
  std::vector<FieldError> errors;
  TierSettings settings;
  for (const auto& [key, unused] : input) {
    if (key != "basis" && key != "window" && key != "grace_days" && key != "tiers") {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  const json::value* basis = input.if_contains("basis");
  if (basis != nullptr && basis->is_string() && basis->as_string() == "money_spent") {
    settings.money_spent = true;
  } else if (basis != nullptr && !(basis->is_string() && basis->as_string() == "points_earned")) {
    errors.push_back({"basis", "must be points_earned or money_spent"});
  }
  if (const json::value* w = input.if_contains("window"); w != nullptr) {
    const json::object* window = w->if_object();
    const json::value* type = window ? window->if_contains("type") : nullptr;
    if (type != nullptr && *type == "calendar_year") {
      settings.calendar_year = true;
    } else if (type != nullptr && *type == "rolling") {
      const json::value* months = window->if_contains("months");
      if (months == nullptr || !months->is_int64() || months->as_int64() < 1 ||
          months->as_int64() > 60) {
        errors.push_back({"window.months", "must be a whole number from 1 to 60"});
      } else {
        settings.months = months->as_int64();
      }
    } else {
      errors.push_back({"window.type", "must be rolling or calendar_year"});
    }
  }
  if (const json::value* g = input.if_contains("grace_days"); g != nullptr) {
    if (!g->is_int64() || g->as_int64() < 0 || g->as_int64() > 365) {
      errors.push_back({"grace_days", "must be a whole number from 0 to 365"});
    } else {
      settings.grace_days = g->as_int64();
    }
  }
  const json::value* tiers = input.if_contains("tiers");
  if (tiers == nullptr || !tiers->is_array() || tiers->as_array().size() > kMaxTiers) {
    errors.push_back({"tiers", "must be an array of at most 10 tiers"});
  } else {
    for (size_t i = 0; i < tiers->as_array().size(); ++i) {
      const std::string path = "tiers[" + std::to_string(i) + "]";
      const json::object* t = tiers->as_array()[i].if_object();
      if (t == nullptr) {
        errors.push_back({path, "must be an object"});
        continue;
      }
      Tier tier;
      const json::value* name = t->if_contains("name");
      CleanedText cleaned = name && name->is_string()
                                ? CleanText(name->as_string(), 40, TextKind::kSingleLine)
                                : CleanedText{.problem = "is required: 1 to 40 characters"};
      if (!cleaned.problem.empty() || cleaned.text.empty()) {
        errors.push_back(
            {path + ".name", cleaned.problem.empty() ? "is required" : cleaned.problem});
      } else if (IndexOf(settings, cleaned.text)) {
        errors.push_back({path + ".name", "is the name of another tier"});
      } else {
        tier.name = std::move(cleaned.text);
      }
      const json::value* threshold = t->if_contains("threshold");
      std::optional<int64_t> value;
      if (threshold != nullptr && settings.money_spent) value = CentsFromJson(*threshold);
      if (threshold != nullptr && !settings.money_spent && threshold->is_int64()) {
        value = threshold->as_int64();
      }
      if (!value || *value < 1 || *value > kMaxPoints * 100) {
        errors.push_back({path + ".threshold",
                          settings.money_spent ? "must be an amount like 500.00"
                                               : "must be a whole number of points, 1 or more"});
      } else if (!settings.tiers.empty() && *value <= settings.tiers.back().threshold) {
        errors.push_back({path + ".threshold", "must be above the tier before it"});
      } else {
        tier.threshold = *value;
      }
      if (const json::value* m = t->if_contains("multiplier"); m != nullptr) {
        const double x = m->is_double()  ? m->as_double()
                         : m->is_int64() ? double(m->as_int64())
                                         : -1;
        if (x < 1 || x > 10) {
          errors.push_back({path + ".multiplier", "must be from 1 to 10, like 1.5"});
        } else {
          tier.multiplier_percent = static_cast<int64_t>(x * 100 + 0.5);
        }
      }
      if (const json::value* f = t->if_contains("free_shipping"); f != nullptr) {
        if (!f->is_bool())
          errors.push_back({path + ".free_shipping", "must be true or false"});
        else
          tier.free_shipping = f->as_bool();
      }
      if (const json::value* p = t->if_contains("support_priority"); p != nullptr) {
        if (!p->is_string() || std::find(kPriorities.begin(), kPriorities.end(), p->as_string()) ==
                                   kPriorities.end()) {
          errors.push_back({path + ".support_priority", "must be normal, high or urgent"});
        } else {
          tier.support_priority = std::string(p->as_string());
        }
      }
      settings.tiers.push_back(std::move(tier));
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return settings;
}

json::object TierSettingsToJson(const TierSettings& settings) {
  json::array tiers;
  for (const Tier& t : settings.tiers) {
    tiers.push_back(json::object{{"name", t.name},
                                 {"threshold", Threshold(settings, t.threshold)},
                                 {"multiplier", t.multiplier_percent / 100.0},
                                 {"free_shipping", t.free_shipping},
                                 {"support_priority", t.support_priority}});
  }
  json::object window = settings.calendar_year
                            ? json::object{{"type", "calendar_year"}}
                            : json::object{{"type", "rolling"}, {"months", settings.months}};
  return json::object{{"basis", settings.money_spent ? "money_spent" : "points_earned"},
                      {"window", std::move(window)},
                      {"grace_days", settings.grace_days},
                      {"tiers", std::move(tiers)}};
}

std::optional<size_t> TierFor(const TierSettings& settings, int64_t value) {
  std::optional<size_t> reached;
  for (size_t i = 0; i < settings.tiers.size(); ++i) {
    if (value >= settings.tiers[i].threshold) reached = i;
  }
  return reached;
}

int64_t PeriodEndFor(const TierSettings& settings, int64_t day) {
  if (settings.calendar_year) return *DayOf(DateOfDay(day).substr(0, 4) + "-12-31T00:00:00Z");
  return AddMonths(day, settings.months);
}

Result<std::optional<TierSettings>> LoadTierSettings(Tx& tx, const std::string& programme_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLoadSettings, {programme_id}));
  if (rows.empty()) return std::optional<TierSettings>();
  auto parsed = ParseJsonObject(rows[0].Text(0));
  if (!parsed.ok()) return Error::Internal("stored tier settings cannot be read");
  auto settings = ParseTierSettings(*parsed);
  if (!settings.ok()) return Error::Internal("stored tier settings are not valid");
  return std::optional<TierSettings>(std::move(*settings));
}

Status SaveTierSettings(Tx& tx, const std::string& programme_id, const TierSettings& settings,
                        const std::string& now) {
  auto saved =
      tx.Exec(kSaveSettings, {programme_id, ToJsonString(TierSettingsToJson(settings)), now});
  return saved.ok() ? OkStatus() : Status(std::move(saved).error());
}

Result<int64_t> QualifyingValue(Tx& tx, const Programme& programme, const TierSettings& settings,
                                const Member& member, int64_t day) {
  const int64_t from = WindowStart(settings, day);
  if (settings.money_spent) {
    return commerce::SpentBetween(tx, member.customer_id, programme.currency,
                                  FormatInstant(from * kMillisPerDay),
                                  FormatInstant((day + 1) * kMillisPerDay));
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kEarnedBetween, {member.id, from, day}));
  return rows[0].Int(0);
}

Status ReviewTier(Tx& tx, const storage::WriteContext& context, const Programme& programme,
                  const Member& member, int64_t today, TierReview review) {
  RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, programme.id));
  if (!settings || settings->tiers.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto held, HeldTier(tx, member.id));
  RAPPORT_ASSIGN_OR_RETURN(int64_t value, QualifyingValue(tx, programme, *settings, member, today));
  const std::optional<size_t> reached = TierFor(*settings, value);
  const std::optional<size_t> current = held ? IndexOf(*settings, held->tier) : std::nullopt;
  const int64_t period_end = PeriodEndFor(*settings, today);
  if (reached && (!current || *reached > *current)) {
    RAPPORT_RETURN_IF_ERROR(Change(tx, context, programme, member, held,
                                   settings->tiers[*reached].name, period_end, "upgrade"));
    return RescheduleMember(tx, programme, member);
  }
  if (reached && current && *reached == *current) {
    // Qualified again: the tier holds to the end of the current period at least.
    if (period_end > held->period_end) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kExtendPeriod, {period_end, member.id}));
      return RescheduleMember(tx, programme, member);
    }
    return OkStatus();
  }
  if (review == TierReview::kOnEarning || !held) return OkStatus();
  if (today < held->period_end + settings->grace_days && current) return OkStatus();
  // The period and its grace are over: the tier the ended period earned, or what today's window
  // reaches, whichever is higher.
  RAPPORT_ASSIGN_OR_RETURN(int64_t ended,
                           QualifyingValue(tx, programme, *settings, member, held->period_end));
  std::optional<size_t> keep = TierFor(*settings, ended);
  if (reached && (!keep || *reached > *keep)) keep = reached;
  if (keep && current && *keep >= *current) {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kExtendPeriod, {period_end, member.id}));
  } else {
    RAPPORT_RETURN_IF_ERROR(Change(tx, context, programme, member, held,
                                   keep ? std::optional(settings->tiers[*keep].name) : std::nullopt,
                                   period_end, "downgrade at the end of the qualification period"));
  }
  return RescheduleMember(tx, programme, member);
}

Result<std::optional<int64_t>> TierReviewDay(Tx& tx, const Member& member) {
  RAPPORT_ASSIGN_OR_RETURN(auto held, HeldTier(tx, member.id));
  if (!held) return std::optional<int64_t>();
  RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, member.programme_id));
  const int64_t grace = settings ? settings->grace_days : 0;
  return std::optional<int64_t>(held->period_end + grace);
}

Result<int64_t> TierMultiplierPercent(Tx& tx, const std::string& programme_id,
                                      const std::string& member_id) {
  RAPPORT_ASSIGN_OR_RETURN(auto held, HeldTier(tx, member_id));
  if (!held) return 100;
  RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, programme_id));
  if (!settings) return 100;
  auto index = IndexOf(*settings, held->tier);
  return index ? settings->tiers[*index].multiplier_percent : 100;
}

Result<json::object> TierSummary(Tx& tx, const Programme& programme, const Member& member,
                                 int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, programme.id));
  if (!settings || settings->tiers.empty()) return json::object{};
  RAPPORT_ASSIGN_OR_RETURN(auto held, HeldTier(tx, member.id));
  RAPPORT_ASSIGN_OR_RETURN(int64_t value, QualifyingValue(tx, programme, *settings, member, today));
  const std::optional<size_t> current = held ? IndexOf(*settings, held->tier) : std::nullopt;
  json::value tier = nullptr;
  if (current) {
    const Tier& t = settings->tiers[*current];
    tier = json::object{{"name", t.name},
                        {"since", held->since},
                        {"multiplier", Multiplier(t.multiplier_percent)},
                        {"free_shipping", t.free_shipping},
                        {"support_priority", t.support_priority},
                        {"review_on", DateOfDay(held->period_end + settings->grace_days)}};
  }
  const size_t next_index = current ? *current + 1 : 0;
  json::value next = nullptr;
  if (next_index < settings->tiers.size()) {
    const Tier& n = settings->tiers[next_index];
    next = json::object{
        {"name", n.name},
        {"threshold", Threshold(*settings, n.threshold)},
        {"remaining", Threshold(*settings, std::max<int64_t>(0, n.threshold - value))}};
  }
  return json::object{
      {"current", std::move(tier)},
      {"progress", json::object{{"basis", settings->money_spent ? "money_spent" : "points_earned"},
                                {"value", Threshold(*settings, value)},
                                {"next", std::move(next)}}}};
}

}  // namespace rapport::loyalty
