// Stamping: commerce's order events on every stamp card (docs/design/loyalty.md § Stamp cards),
// called by LoyaltyEarning in the dispatcher's round transaction, idempotently:
//   order.placed   → the order's stamps on each active card it qualifies for (once per card and
//                    order: a replayed event finds its row and stamps nothing)
//   order.refunded → the share of them the refund takes, pro rata (once per refund id)
//   order.updated to cancelled, order.deleted → all of the order's stamps
// After each change the customer's card is settled (stamp_store.hpp: full cards issue vouchers,
// emptied ones withdraw unused vouchers or leave stamp debt). Every change is a timeline entry,
// a `loyalty.stamps_changed` event and an audit entry (`loyalty_stamps`). Stateless.
#pragma once

#include "storage/database.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

// Applies one event (others are ignored). `now_millis`: Unix milliseconds.
Status ApplyStampEvent(storage::Tx& tx, const storage::WriteContext& context,
                       const storage::Event& event, int64_t now_millis);

}  // namespace rapport::loyalty
