// Referrals in motion (docs/design/loyalty.md § Referrals): a new customer arriving with a code
// (ReferralArrivals, the hook customers and commerce call inside their write), the referee's first
// order (ApplyReferralEvent, from LoyaltyEarning's round), and the reward once that order is past
// the return window (the `loyalty.referral` job, one per referral, durable across restarts).
//
// Fraud signals, checked in this order when the referee arrives; the first that holds refuses the
// referral and is recorded by name for staff to review, and the arrival itself goes on: the
// referrer's own code (self_referral), a referee already referred (already_referred), a code on
// an order that is not the customer's first (not_first_order), an email the same after
// normalisation (same_email), the same phone (same_phone), postal address (same_address) or saved
// payment method (same_payment_method), more referrals from one network neighbourhood in 7 days
// than a programme's referral_limits.network_per_week (network_burst, when the shop passes the
// visitor's address), more referrals by one referrer than its referrer_cap in referrer_cap_days
// (referrer_cap; every programme's limits apply, 3 a week and 10 in 30 days by default). The
// contact-point signals are checked again when the referral would be rewarded (a card or address
// added since still refuses). An unknown code is a 422 at referral_code and nothing is written.
// Stateless apart from the clock; thread-compatible.
#pragma once

#include <functional>

#include "customers/referral_hook.hpp"
#include "storage/outbox.hpp"
#include "storage/scheduler.hpp"

namespace rapport::loyalty {

class ReferralArrivals : public customers::ReferralHook {
 public:
  // `clock`: Unix milliseconds.
  explicit ReferralArrivals(std::function<int64_t()> clock) : clock_(std::move(clock)) {}
  Status Arrive(storage::Tx& tx, const storage::WriteContext& context,
                const customers::ReferralArrival& arrival) override;

 private:
  std::function<int64_t()> clock_;
};

// order.placed (the referee's first order: qualifying, the job scheduled for the end of the
// return window), order.refunded in full, cancelled or deleted first (lapsed, the job cancelled).
Status ApplyReferralEvent(storage::Tx& tx, const storage::WriteContext& context,
                          const storage::Event& event, int64_t now_millis);

inline constexpr std::string_view kReferralJobKind = "loyalty.referral";
// Rewards both customers (each programme's `referral` points, once per referral and side), or
// refuses when a contact-point signal now holds.
storage::Scheduler::Handler ReferralJobHandler(std::function<int64_t()> clock);

}  // namespace rapport::loyalty
