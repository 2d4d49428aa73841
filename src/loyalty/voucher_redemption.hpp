// Vouchers on orders (docs/design/loyalty.md § Redemption in the order): VoucherRedemption is the
// commerce::VoucherRedeemer the composition root registers, so POST /api/v1/orders with
// `voucher_codes` checks every code and counts one use of each inside the order's transaction;
// VoucherReturns is the outbox subscriber that gives the uses back when the order is cancelled,
// deleted or refunded in full (when the batch says so).
//
// Atomicity: a use is counted by `UPDATE … SET uses = uses + 1 WHERE uses < max_uses` in the
// order's write transaction, and the single writer runs one such transaction at a time, so a
// code with one use left is spent by exactly one of any number of concurrent orders; the others
// get the "used up" problem and write nothing. A retried request with the same Idempotency-Key
// replays the stored order, so it never spends twice. Thread-safe: no state.
#pragma once

#include <functional>

#include "commerce/voucher_hook.hpp"
#include "storage/event_dispatcher.hpp"

namespace rapport::loyalty {

class VoucherRedemption : public commerce::VoucherRedeemer {
 public:
  // `now`: RFC 3339, the instant expiry is judged against.
  explicit VoucherRedemption(std::function<std::string()> now) : now_(std::move(now)) {}
  // Problems, each at voucher_codes[i]: unknown code, given twice, not this customer's, expired,
  // used up, the customer's limit reached, another currency, below the minimum order, out of
  // scope, not combinable with the others.
  Result<std::vector<commerce::VoucherDiscount>> Redeem(
      storage::Tx& tx, const storage::WriteContext& context, const commerce::DraftOrder& order,
      const std::vector<std::string>& codes) override;

 private:
  std::function<std::string()> now_;
};

class VoucherReturns : public storage::EventSubscriber {
 public:
  explicit VoucherReturns(std::function<std::string()> now) : now_(std::move(now)) {}
  std::string_view name() const override { return "loyalty.voucher_returns"; }
  // order.updated to cancelled, order.deleted, order.refunded to refunded: the order's uses back,
  // once (a use given back is marked).
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;

 private:
  std::function<std::string()> now_;
};

}  // namespace rapport::loyalty
