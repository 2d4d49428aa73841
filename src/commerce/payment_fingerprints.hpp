// The fingerprints of a customer's saved payment methods, for the referral programme's fraud
// signals (docs/design/loyalty.md § Referrals): the processor's token, and brand + last four +
// expiry for cards (the same card saved twice gets two tokens from some processors). Orders carry
// no payment method, so only saved methods can be compared. Stateless; REQUIRES: inside the
// caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace rapport::commerce {

Result<std::vector<std::string>> PaymentFingerprints(storage::Tx& tx,
                                                     const std::string& customer_id);

}  // namespace rapport::commerce
