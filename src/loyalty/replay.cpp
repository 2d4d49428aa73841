#include "loyalty/replay.hpp"

#include <algorithm>

#include "commerce/past_orders.hpp"
#include "loyalty/order_earning.hpp"
#include "loyalty/programme_store.hpp"

namespace rapport::loyalty {
namespace {

const storage::WriteContext kContext{.actor = "system:loyalty_replay", .via = "system"};

OrderFacts FactsOf(const commerce::PastOrder& order, int64_t placed_day) {
  OrderFacts facts{
      .currency = order.currency, .placed_day = placed_day, .total_cents = order.total_cents};
  for (const auto& line : order.lines) {
    facts.lines.push_back({.product_id = line.product_id,
                           .sku = line.sku,
                           .category = line.category,
                           .total_cents = line.total_cents});
  }
  return facts;
}

}  // namespace

Result<ReplayProgress> StartReplay(storage::Database& database, const ReplayOptions& options) {
  ReplayProgress progress;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, options.programme_id));
    if (!stored) return Error::NotFound("No loyalty programme has the id " + options.programme_id);
    RAPPORT_ASSIGN_OR_RETURN(progress.total, commerce::CountPastOrders(tx, options.since));
    return OkStatus();
  }));
  return progress;
}

Result<bool> ReplayPage(storage::Database& database, const ReplayOptions& options,
                        ReplayProgress& progress) {
  bool any = false;
  RAPPORT_RETURN_IF_ERROR(database.Write([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(any, ReplayPageInTx(tx, options, progress));
    return OkStatus();
  }));
  return any;
}

Result<bool> ReplayPageInTx(storage::Tx& tx, const ReplayOptions& options,
                            ReplayProgress& progress) {
  RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, options.programme_id));
  if (!stored) return Error::NotFound("No loyalty programme has the id " + options.programme_id);
  const Programme& programme = stored->programme;
  RAPPORT_ASSIGN_OR_RETURN(auto orders, commerce::PastOrdersPage(tx, progress.last_seq,
                                                                 options.since, options.page_size));
  const int64_t today = DayOfMillis(options.clock());
  for (const auto& order : orders) {
    progress.last_seq = order.seq;
    ++progress.done;
    auto placed_day = DayOf(order.placed_at);
    if (!placed_day || order.status == "cancelled") continue;
    // Booked on the day the order was placed, as if the programme had run then: the reports
    // and the tier windows read the ledger's days, so "as of" a past day sees these points.
    // Refunds below stay on today: the order does not say when they happened.
    const int64_t booked_on = std::min(today, *placed_day);
    RAPPORT_RETURN_IF_ERROR(EarnForOrder(tx, kContext, programme, order.customer_id, order.id,
                                         FactsOf(order, *placed_day), booked_on));
    if (!order.refunds.empty()) {
      // The refunds live earning has not counted (they came before the programme ran): each
      // under its own id, so the live event never counts it again.
      std::vector<RefundFacts> refunds;
      for (const auto& refund : order.refunds) {
        refunds.push_back({.id = refund.id, .cents = refund.cents});
      }
      RAPPORT_RETURN_IF_ERROR(CatchUpRefunds(tx, kContext, programme, order.id, refunds, today));
    }
  }
  return !orders.empty();
}

}  // namespace rapport::loyalty
