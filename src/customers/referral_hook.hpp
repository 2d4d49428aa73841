// The seam between a customer's arrival and the referral programme (docs/design/loyalty.md
// § Referrals). Customers and commerce own the arrival — POST /customers, and a first order on
// POST /orders — and know referrals only through this hook: the loyalty area registers its
// ReferralHook at start-up, so neither links loyalty (ARCHITECTURE.md § Dependency direction).
// TakeReferral removes `referral_code` (and the optional `referral_network`, the visitor's
// network address as the shop saw it) from a request body; the caller then hands them to the hook
// inside its own write transaction, after its record exists. An error (an unknown code) rolls the
// whole write back; a refused referral (a fraud signal) is recorded by the hook and the arrival
// goes on.
//
// The registration is process-wide: set once before requests are served (or in a test's set-up),
// read afterwards from any thread. Without a hook, `referral_code` is refused.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

struct ReferralArrival {
  std::string code;                     // as given
  std::optional<std::string> network;   // as given
  std::string customer_id;              // the new customer, or the one placing the order
  std::optional<std::string> order_id;  // arriving with an order: that order
  int64_t prior_orders = 0;             // arriving with an order: the customer's orders before it
};

class ReferralHook {
 public:
  virtual ~ReferralHook() = default;
  // Errors name `referral_code`. REQUIRES: inside Database::Write, after the record was written.
  virtual Status Arrive(storage::Tx& tx, const storage::WriteContext& context,
                        const ReferralArrival& arrival) = 0;
};

// nullptr unregisters. Not synchronised with concurrent writes: register before serving.
void SetReferralHook(ReferralHook* hook);
ReferralHook* CurrentReferralHook();

// Whether the body names a referral (so callers copy it only then).
inline bool HasReferral(const json::object& body) {
  return body.contains("referral_code") || body.contains("referral_network");
}

// Removes `referral_code` and `referral_network` from `body`: nullopt when there is no code; a
// problem named at the field when either is malformed or no hook is registered.
Result<std::optional<ReferralArrival>> TakeReferral(json::object& body);

}  // namespace rapport::customers
