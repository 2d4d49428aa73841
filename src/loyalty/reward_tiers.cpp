#include "loyalty/reward_tiers.hpp"

#include <algorithm>

#include "loyalty/tiers.hpp"

namespace rapport::loyalty {
namespace {

constexpr std::string_view kMemberTier =
    "SELECT tier FROM loyalty_member_tiers WHERE programme_id = ? AND customer_id = ?";

std::optional<size_t> IndexOf(const TierSettings& settings, const std::string& name) {
  auto it = std::find_if(settings.tiers.begin(), settings.tiers.end(),
                         [&](const Tier& t) { return t.name == name; });
  if (it == settings.tiers.end()) return std::nullopt;
  return static_cast<size_t>(it - settings.tiers.begin());
}

}  // namespace

Result<std::optional<std::string>> MinTierProblem(storage::Tx& tx, const std::string& programme_id,
                                                  const std::string& min_tier) {
  RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, programme_id));
  if (!settings || settings->tiers.empty()) {
    return std::optional<std::string>("the programme has no tiers");
  }
  if (!IndexOf(*settings, min_tier)) {
    std::string names;
    for (const Tier& t : settings->tiers) names += (names.empty() ? "" : ", ") + t.name;
    return std::optional<std::string>("must be one of the programme's tiers: " + names);
  }
  return std::optional<std::string>();
}

Result<std::optional<std::string>> TierGateProblem(storage::Tx& tx, const std::string& programme_id,
                                                   const std::string& min_tier,
                                                   const std::string& customer_id) {
  const std::string for_whom = "is for " + min_tier + " members and above";
  RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, programme_id));
  const auto needed = settings ? IndexOf(*settings, min_tier) : std::nullopt;
  // A tier renamed or removed since: nobody qualifies until the reward is changed.
  if (!needed) return std::optional<std::string>(for_whom + ", a tier the programme no longer has");
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kMemberTier, {programme_id, customer_id}));
  const std::string current = rows.empty() ? std::string() : rows[0].Text(0);
  const auto held = current.empty() ? std::nullopt : IndexOf(*settings, current);
  if (held && *held >= *needed) return std::optional<std::string>();
  return std::optional<std::string>(for_whom + "; the customer is " +
                                    (current.empty() ? "in no tier yet" : current));
}

}  // namespace rapport::loyalty
