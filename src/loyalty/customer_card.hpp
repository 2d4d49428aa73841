// CustomerCard: the loyalty card as the customer sees it — points available and pending, the tier
// and the way to the next one, the vouchers they can still spend, their stamp cards and their
// referral code — for a shop to show its signed-in customer (docs/design/loyalty.md § The
// customer's card). It is a projection of the staff views, field by field on purpose: the
// ledger's history with its actors and postings, staff reasons, other customers' names, the
// support priority and a voucher's internal rules never leave through it.
//
// Access: Read takes the caller's Access like every staff read. The public route
// (handlers/loyalty_card_handlers.cpp) passes Access::Unrestricted only after the shop's
// signature vouched for exactly this customer. References only; the caller owns the services.
// Thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/referral_service.hpp"
#include "loyalty/stamp_card_service.hpp"
#include "loyalty/voucher_service.hpp"

namespace rapport::loyalty {

class CustomerCard {
 public:
  CustomerCard(LoyaltyService& loyalty, VoucherService& vouchers, StampCardService& stamps,
               ReferralService& referrals)
      : loyalty_(loyalty), vouchers_(vouchers), stamps_(stamps), referrals_(referrals) {}

  // {programme, points: {available, pending, owed?}, tier?, vouchers, stamp_cards, referral};
  // `programme`: its id, or the oldest programme when absent. "not found" like a missing
  // customer when the caller may not read the customer or loyalty.
  Result<json::object> Read(const access::Access& access, const std::string& customer_id,
                            const std::optional<std::string>& programme);

 private:
  LoyaltyService& loyalty_;
  VoucherService& vouchers_;
  StampCardService& stamps_;
  ReferralService& referrals_;
};

// The customer-facing fields of the staff views (GetMember, ListForCustomer, the stamp cards'
// ForCustomer, the referral's ForCustomer). Pure; what it does not copy is what stays private.
json::object ProjectCustomerCard(const json::object& member, const json::array& vouchers,
                                 const json::array& stamp_cards, const json::object& referral);

}  // namespace rapport::loyalty
