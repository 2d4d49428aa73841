// Re-evaluating open tickets when the rules their due times come from change (docs/design/sla.md
// § Re-evaluation).
//
// A change to an SLA policy or a business calendar (or to which ones a queue names) schedules
// the sweep job (kind kSlaSweepJobKind, key "open") in the change's own transaction. The job
// refreshes (RefreshTicketSla) at most `batch` unsolved tickets in id order per run — one run is
// one scheduler transaction — and, while tickets remain, schedules itself again at once with the
// last id it did as `after` in its payload. The cursor therefore commits with the batch's work:
// after a crash or restart the pass goes on from the last committed batch, and a change at
// 100,000 tickets neither blocks the request nor holds the writer for more than one batch.
// Another change while a pass runs starts it again from the first ticket (the job is named, so
// there is one pass at most). The pass ends when a run finds fewer than `batch` tickets: it never
// re-enqueues itself without work left, so an idle server stays idle.
//
// A change to a customer that can change the policy they get (tags, company, language, or an
// order changing their total spent) refreshes that customer's unsolved tickets at once:
// SlaCustomerWatch, an event subscriber, in the dispatcher's transaction. It does nothing while
// no policy has conditions.
//
// Stateless; the Tx functions REQUIRE Database::Write. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "storage/database.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/scheduler.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

inline constexpr std::string_view kSlaSweepJobKind = "ticket.sla_sweep";
// Tickets per transaction: a few hundred refreshes hold the single writer for tens of
// milliseconds, short enough for requests waiting behind it.
inline constexpr int64_t kSlaSweepBatch = 500;

// Schedules the pass over every unsolved ticket from the start, due now.
Status ScheduleSlaSweep(storage::Tx& tx);

// The handler the composition root registers for kSlaSweepJobKind; `clock` is the scheduler's.
storage::Scheduler::Handler SlaSweepHandler(storage::Scheduler::Clock clock,
                                            int64_t batch = kSlaSweepBatch);

// Refreshes the unsolved tickets of `customer_id` as of `now` (Unix milliseconds).
Status RefreshCustomerTicketsSla(storage::Tx& tx, const storage::WriteContext& context,
                                 const std::string& customer_id, int64_t now);

class SlaCustomerWatch final : public storage::EventSubscriber {
 public:
  std::string_view name() const override { return "support_sla_customers"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;
};

}  // namespace rapport::support
