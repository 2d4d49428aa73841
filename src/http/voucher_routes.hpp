// The vouchers' and rewards' routes (docs/design/loyalty.md § Vouchers, § Rewards;
// handlers/voucher_handlers.cpp): batches under /api/v1/loyalty/voucher-batches with their CSV
// export, a customer's vouchers under /api/v1/customers/{id}/loyalty/vouchers, the rewards
// catalogue under /api/v1/loyalty/rewards and buying one under …/loyalty/reward-redemptions, and
// a programme's tiers under /api/v1/loyalty/programmes/{id}/tiers. Kept
// apart from ApiServices, like the surveys' routes, so no other handler depends on them: the
// composition root adds them to the router BuildApiRouter made. References only; the caller owns
// the service.
#pragma once

#include "common/json.hpp"
#include "http/router.hpp"
#include "loyalty/referral_service.hpp"
#include "loyalty/reward_service.hpp"
#include "loyalty/stamp_card_service.hpp"
#include "loyalty/tier_service.hpp"
#include "loyalty/voucher_service.hpp"
#include "storage/database.hpp"

namespace rapport::http {

struct VoucherApi {
  storage::Database& database;
  loyalty::VoucherService& vouchers;
  loyalty::RewardService& rewards;
  loyalty::TierService& tiers;
};

void AddVoucherRoutes(Router& router, VoucherApi& api);

// Stamp cards (docs/design/loyalty.md § Stamp cards; handlers/stamp_card_handlers.cpp): the
// definitions under /api/v1/loyalty/stamp-cards and a customer's cards under
// /api/v1/customers/{id}/loyalty/stamp-cards. Their schemas are among VoucherSchemas().
void AddStampCardRoutes(Router& router, loyalty::StampCardService& stamps);

// Referrals (docs/design/loyalty.md § Referrals; handlers/referral_handlers.cpp): a customer's
// code and referrals, the list to review and the statistics. Schemas among VoucherSchemas().
void AddReferralRoutes(Router& router, loyalty::ReferralService& referrals);

// The vouchers' body schemas, merged into the OpenAPI document's.
json::object VoucherSchemas();

}  // namespace rapport::http
