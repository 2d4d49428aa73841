// Referrals as stored (migration 0036, docs/design/loyalty.md § Referrals): each customer's code
// and the referrals with their state, plus the one place a referral is recorded — its row, a
// timeline entry on the referrer, a `loyalty.referral_<state>` event and an audit entry
// (`loyalty_referral`). Stateless functions; REQUIRES: inside the caller's transaction (writers:
// a write transaction).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

struct Referral {
  std::string id;
  std::string referrer_id;
  std::string referee_id;
  std::string state;  // linked | qualifying | rewarded | lapsed | refused
  std::optional<std::string> signal;
  std::optional<std::string> detail;
  std::string via;  // signup | order
  std::optional<std::string> network_key;
  std::optional<std::string> order_id;
  std::optional<int64_t> order_cents;
  int64_t refunded_cents = 0;
  std::optional<int64_t> qualifies_on;  // day
  std::string created_at;
  std::string updated_at;
};

// The customer's code in normal form, made (unique, from the voucher generator) when missing.
Result<std::string> EnsureReferralCode(storage::Tx& tx, const std::string& customer_id,
                                       const std::string& now);
Result<std::optional<std::string>> FindReferralCode(storage::Tx& tx,
                                                    const std::string& customer_id);
// The customer whose code this is (normal form).
Result<std::optional<std::string>> ReferrerOfCode(storage::Tx& tx, const std::string& code);

Result<std::optional<Referral>> LoadReferral(storage::Tx& tx, const std::string& id);
// The referee's referral that stands (not refused), if any.
Result<std::optional<Referral>> StandingReferralOf(storage::Tx& tx, const std::string& referee_id);
Result<std::vector<Referral>> ReferralsForOrder(storage::Tx& tx, const std::string& order_id);
// As referrer, newest first (at most `limit`).
Result<std::vector<Referral>> ReferralsBy(storage::Tx& tx, const std::string& referrer_id,
                                          int limit);
// Newest first, optionally in one state; at most `limit`.
Result<std::vector<Referral>> ListReferrals(storage::Tx& tx,
                                            const std::optional<std::string>& state, int limit);
// Referrals (any state) since `since` (RFC 3339) from a network neighbourhood / by a referrer
// (not refused).
Result<int64_t> CountFromNetwork(storage::Tx& tx, const std::string& network_key,
                                 const std::string& since);
Result<int64_t> CountByReferrer(storage::Tx& tx, const std::string& referrer_id,
                                const std::string& since);

json::object ReferralToJson(const Referral& referral);

// Inserts (`created`) or updates the referral's row and records the change: the referrer's
// timeline ("Referral of <referee>: rewarded"), `loyalty.referral_<state>` and an audit entry.
Status SaveReferral(storage::Tx& tx, const storage::WriteContext& context, const Referral& referral,
                    bool created);

}  // namespace rapport::loyalty
