// Tier-exclusive rewards (docs/design/loyalty.md § Rewards, § Tiers): a reward may name a
// `min_tier` of its programme, and then only members at that tier or above may buy it — tiers are
// ordered by threshold, so a Silver reward is Gold's too. The check reads the member's current
// tier (loyalty_member_tiers), so a downgrade at period end closes the reward again. Stateless
// functions; REQUIRES: inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "storage/database.hpp"

namespace rapport::loyalty {

// For a reward being created or changed: a problem sentence when `min_tier` is not a tier of the
// programme (or the programme has no tiers), else nullopt.
Result<std::optional<std::string>> MinTierProblem(storage::Tx& tx, const std::string& programme_id,
                                                  const std::string& min_tier);

// Why the customer may not buy a reward limited to `min_tier` ("is for Gold members and above;
// the customer is Silver"), or nullopt when they may.
Result<std::optional<std::string>> TierGateProblem(storage::Tx& tx, const std::string& programme_id,
                                                   const std::string& min_tier,
                                                   const std::string& customer_id);

}  // namespace rapport::loyalty
