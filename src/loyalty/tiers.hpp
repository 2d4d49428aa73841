// Tiers (docs/design/loyalty.md § Tiers): a programme's levels (Bronze, Silver, Gold) reached by
// points earned — net issued points, never the spendable balance, so spending never costs a tier —
// or by money spent (what was paid, less refunds), over a rolling window of months or the calendar
// year; each with its benefits: an earn multiplier, a free-shipping flag and a support priority.
//
// Upgrades apply at once, on the earning event (ReviewTier with kOnEarning); downgrades only when
// the qualification period ended and its grace period passed, by the member's job (kAtPeriodEnd).
// Every change is kept (loyalty_tier_changes), put on the customer's timeline and announced as
// `loyalty.tier_changed`. Stateless functions; REQUIRES: inside Database::Read/Write as named.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/programme.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

struct Tier {
  std::string name;
  int64_t threshold = 0;             // points, or cents with money_spent
  int64_t multiplier_percent = 100;  // 150: an order earns 1.5 times its points (rounded down)
  bool free_shipping = false;
  std::string support_priority = "normal";  // normal | high | urgent
};

struct TierSettings {
  bool money_spent = false;    // else points earned
  bool calendar_year = false;  // else a rolling window of `months`
  int64_t months = 12;
  int64_t grace_days = 30;
  std::vector<Tier> tiers;  // ascending thresholds
};

// {basis: points_earned | money_spent, window: {type: rolling, months} | {type: calendar_year},
// grace_days, tiers: [{name, threshold, multiplier, free_shipping, support_priority}]}; the
// threshold a number of points or an amount ("500.00"), the multiplier like 1.5.
Result<TierSettings> ParseTierSettings(const json::object& input);
json::object TierSettingsToJson(const TierSettings& settings);
// The highest tier `value` reaches, or none.
std::optional<size_t> TierFor(const TierSettings& settings, int64_t value);
// The last day of the qualification period that includes `day`.
int64_t PeriodEndFor(const TierSettings& settings, int64_t day);

Result<std::optional<TierSettings>> LoadTierSettings(storage::Tx& tx,
                                                     const std::string& programme_id);
Status SaveTierSettings(storage::Tx& tx, const std::string& programme_id,
                        const TierSettings& settings, const std::string& now);

// The member's qualifying value over the window ending on `day`.
Result<int64_t> QualifyingValue(storage::Tx& tx, const Programme& programme,
                                const TierSettings& settings, const Member& member, int64_t day);

enum class TierReview { kOnEarning, kAtPeriodEnd };
// Moves the member to the tier they qualify for, as the review allows (up only on earning).
Status ReviewTier(storage::Tx& tx, const storage::WriteContext& context, const Programme& programme,
                  const Member& member, int64_t today, TierReview review);
// The day the member's tier is next reviewed for a downgrade, if they hold one.
Result<std::optional<int64_t>> TierReviewDay(storage::Tx& tx, const Member& member);
// 100 without a tier.
Result<int64_t> TierMultiplierPercent(storage::Tx& tx, const std::string& programme_id,
                                      const std::string& member_id);
// {name, since, multiplier, free_shipping, support_priority, review_on} or null, and the
// progress {basis, value, next: {name, threshold, remaining} | null} — for the customer card.
Result<json::object> TierSummary(storage::Tx& tx, const Programme& programme, const Member& member,
                                 int64_t today);

}  // namespace rapport::loyalty
