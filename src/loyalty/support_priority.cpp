#include "loyalty/support_priority.hpp"

#include "loyalty/tiers.hpp"

namespace rapport::loyalty {
namespace {

// The tiers the customer holds (one per membership), by loyalty_member_tiers_customer.
constexpr std::string_view kHeldTiers =
    "SELECT programme_id, tier FROM loyalty_member_tiers WHERE customer_id = ? "
    "ORDER BY programme_id";

int Rank(std::string_view priority) {
  return priority == "urgent" ? 2 : priority == "high" ? 1 : 0;
}

}  // namespace

Result<std::optional<std::string>> CustomerSupportPriority(storage::Tx& tx,
                                                           const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows held, tx.Query(kHeldTiers, {customer_id}));
  std::optional<std::string> best;
  for (const auto& row : held) {
    RAPPORT_ASSIGN_OR_RETURN(auto settings, LoadTierSettings(tx, row.Text(0)));
    if (!settings) continue;
    for (const Tier& tier : settings->tiers) {
      // A tier renamed or removed since it was reached gives nothing until the next review.
      if (tier.name != row.Text(1) || Rank(tier.support_priority) == 0) continue;
      if (!best || Rank(tier.support_priority) > Rank(*best)) best = tier.support_priority;
    }
  }
  return best;
}

}  // namespace rapport::loyalty
