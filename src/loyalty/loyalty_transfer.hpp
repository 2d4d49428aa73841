// The loyalty area's transfer adapters (transfer/adapter.hpp): a business moving from another
// loyalty tool imports its members' balances and its vouchers (docs/design/loyalty.md § Import).
//
// - `loyalty_balances`: one row per opening balance (customer, programme, points, expires_on,
//   note), booked as an opening ledger entry through Move — a balanced earn transaction from the
//   programme's issued-points account into the member's available wallet, with the cause
//   `import:<import id>:<row>` (": <note>" after it when given) that the ledger refuses to book
//   twice, on the timeline, announced and audited like every movement. Revert takes an entry back
//   only while none of its points were spent or expired; otherwise it is kept.
// - `loyalty_vouchers`: one row per voucher code (code, type, amount | percent | product_id,
//   currency, min_order, expires_at, per_customer_limit, and a customer for a single-use code
//   of theirs or max_uses for a shared one), written through the voucher store, so an order
//   redeems it like any other code. Revert removes a voucher never used on an order.
//
// Import only (create): balances are exported as customer traits, codes from their batch.
// Adapters are immutable: thread-safe. Targets are per run, used from one thread.
#pragma once

#include <memory>

#include "transfer/adapter.hpp"

namespace rapport::loyalty {

std::unique_ptr<transfer::ObjectAdapter> MakeLoyaltyBalanceTransferAdapter();
std::unique_ptr<transfer::ObjectAdapter> MakeLoyaltyVoucherTransferAdapter();

}  // namespace rapport::loyalty
