#include "loyalty/loyalty_traits.hpp"

namespace rapport::loyalty {
namespace {

// Available points of every membership of `c`: members by (customer_id, programme_id), then the
// postings' balance index.
constexpr std::string_view kAvailable =
    "(SELECT COALESCE(SUM(p.points), 0) FROM loyalty_members m JOIN loyalty_postings p "
    "ON p.member_id = m.id AND p.account = 'available' WHERE m.customer_id = c.id)";
// Net issued points (earned less reversed) of transactions booked in the last 365 days; the day
// number is days since 1970-01-01 like the ledger's.
constexpr std::string_view kEarned12m =
    "(SELECT COALESCE(-SUM(p.points), 0) FROM loyalty_members m "
    "JOIN loyalty_transactions t ON t.member_id = m.id "
    "AND t.day >= CAST(julianday('now') - 2440587.5 AS INTEGER) - 365 "
    "JOIN loyalty_postings p ON p.member_id = t.member_id AND p.seq = t.seq "
    "AND p.account = 'issued' WHERE m.customer_id = c.id)";

// The member's tier (tiers.cpp), of the oldest programme that gave one.
constexpr std::string_view kTier =
    "(SELECT t.tier FROM loyalty_member_tiers t WHERE t.customer_id = c.id "
    "ORDER BY t.programme_id LIMIT 1)";

bool ReadsLoyalty(const access::Access& access) {
  return access.LevelFor(access::Object::kLoyalty, access::Action::kRead) == access::Level::kAll;
}

std::string Padded(std::string_view expression) {
  return "printf('%012d', " + std::string(expression) + ")";
}

}  // namespace

Status RegisterCustomerTraits(customers::CustomerTraits& traits) {
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "loyalty_points",
                                           .type = customers::TraitType::kNumber,
                                           .expression = std::string(kAvailable),
                                           .sort_key = Padded(kAvailable),
                                           .visible = ReadsLoyalty}));
  RAPPORT_RETURN_IF_ERROR(traits.Register({.name = "loyalty_tier",
                                           .type = customers::TraitType::kText,
                                           .expression = std::string(kTier),
                                           .sort_key = "COALESCE(" + std::string(kTier) + ", '')",
                                           .visible = ReadsLoyalty}));
  return traits.Register({.name = "loyalty_points_earned_12m",
                          .type = customers::TraitType::kNumber,
                          .expression = std::string(kEarned12m),
                          .sort_key = Padded(kEarned12m),
                          .visible = ReadsLoyalty});
}

}  // namespace rapport::loyalty
