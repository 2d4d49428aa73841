// LoyaltyEarning: the outbox subscriber that turns other areas' events into points, in every
// programme (docs/design/loyalty.md § Earning):
//   order.placed    → the order's points, pending for the return window (order_earning.hpp)
//   order.refunded  → its share of them back, pro rata, beyond the balance into debt
//   order.updated   → to cancelled: all of them back; order.deleted likewise
//   customer.created, review.published, survey.answered, referral.succeeded → the rule's bonus
// and the order events on every stamp card too (stamping.hpp) and on referrals (referrals.hpp);
// customer.created and a changed birthday move the customer's birthday job (birthday.hpp).
// The last three are subscribed by name: areas that do not exist yet will announce them. Each
// event is applied idempotently (an order earns once per programme, a refund applies once, a
// bonus's cause earns once), in the dispatcher's round transaction. Thread-compatible: the
// dispatcher calls it from one thread.
#pragma once

#include <functional>

#include "storage/event_dispatcher.hpp"

namespace rapport::loyalty {

class LoyaltyEarning : public storage::EventSubscriber {
 public:
  // `clock`: Unix milliseconds (the day a movement is booked on).
  explicit LoyaltyEarning(std::function<int64_t()> clock) : clock_(std::move(clock)) {}
  std::string_view name() const override { return "loyalty.earning"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;

 private:
  std::function<int64_t()> clock_;
};

}  // namespace rapport::loyalty
