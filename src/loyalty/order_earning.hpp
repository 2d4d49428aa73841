// Points for orders (docs/design/loyalty.md § Earning): what an order earns in one programme,
// what a refund or a cancellation takes back, and the bonuses that follow a customer's events.
// Used by the outbox subscriber (loyalty_earning.hpp) and by the replay of past orders, so both
// apply the same rules — and since an order's earning is recorded per programme
// (loyalty_order_earnings), the two never earn twice for one order.
//
// Stateless functions; REQUIRES: inside Database::Write.
#pragma once

#include <string>
#include <vector>

#include "loyalty/programme.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

// Pending points for `order_id` (spend, per order, then the first-order bonus as its own lot),
// pending until placed day + window; nothing when it does not qualify or earned already.
Status EarnForOrder(storage::Tx& tx, const storage::WriteContext& context,
                    const Programme& programme, const std::string& customer_id,
                    const std::string& order_id, const OrderFacts& order, int64_t today);
// A refund of `amount_cents` (once per refund id): the order's points pro rata, rounded so that
// the points kept are floor(points × unrefunded / total); beyond the balance into debt.
Status ReverseForRefund(storage::Tx& tx, const storage::WriteContext& context,
                        const Programme& programme, const std::string& order_id,
                        const std::string& refund_id, int64_t amount_cents, int64_t today);
// One refund of an order, as replay reads it from commerce.
struct RefundFacts {
  std::string id;
  int64_t cents = 0;
};
// Replay's refunds (replay.hpp): the order's refunds (oldest first) the earning has not counted
// yet, each under its own refund id — so the live order.refunded event for it, before or after,
// finds it recorded and takes nothing back twice. Refunds an earlier replay counted as one
// ("replay:<order>") are the oldest: only what the refunds add beyond the counted sum is taken
// back, newest first.
Status CatchUpRefunds(storage::Tx& tx, const storage::WriteContext& context,
                      const Programme& programme, const std::string& order_id,
                      const std::vector<RefundFacts>& refunds, int64_t today);
// A cancelled or deleted order: whatever its points not yet taken back.
Status ReverseForCancellation(storage::Tx& tx, const storage::WriteContext& context,
                              const Programme& programme, const std::string& order_id,
                              int64_t today);
// A one-off bonus (signup, birthday, a review, a survey answer, a referral): `cause` earns once
// per member, available at once; the tier's multiplier when the bonus says so, then its cap,
// counted over the member's lots whose cause starts as this one's does up to its ':' ("review:").
Status EarnBonus(storage::Tx& tx, const storage::WriteContext& context, const Programme& programme,
                 const std::string& customer_id, const std::string& cause, const EventBonus& bonus,
                 int64_t today);

}  // namespace rapport::loyalty
