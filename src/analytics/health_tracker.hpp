// HealthTracker: the event subscriber that keeps every customer's health score current
// (docs/design/health.md § Kept current). Each relevant event updates the customer's compact
// inputs (health_inputs.hpp), records a bad experience when a rule says so
// (bad_experiences.hpp, health_settings.hpp), and re-scores that one customer in the same
// delivery round; the review sweep re-scores the customers whose score time alone changes
// (ReviewDueHealth). Nothing is recomputed on read.
//
// Events: customer.created; order.placed / .updated (cancelled) / .refunded; ticket.opened /
// .solved / .closed / .reopened / .deleted / .merged / .sla_breached / .rated; survey.answered;
// review.published; interaction.logged; bad_experience.recorded / .resolved.
// Runs on the dispatcher thread inside the round's transaction; stateless, so thread-safe.
#pragma once

#include <string>

#include "customers/customer_traits.hpp"
#include "storage/event_dispatcher.hpp"

namespace rapport::analytics {

class HealthTracker final : public storage::EventSubscriber {
 public:
  std::string_view name() const override { return "customer_health"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;
};

// Re-scores one customer from their stored inputs as of `today` (a day number): the tracker's
// last step and the sweep's only one. A customer without a row gets one.
Status RescoreCustomer(storage::Tx& tx, const std::string& customer_id, int64_t today);

// Re-scores up to `batch` customers whose next review is due by `today`, in one write; returns
// how many. The sweep calls it until it returns fewer than `batch`.
Result<int64_t> ReviewDueHealth(storage::Database& database, int64_t today, int64_t batch);

// Writes today's count per risk into health_daily (the distribution chart's row).
Status SnapshotHealthDistribution(storage::Database& database, int64_t today);

// Publishes health_score, churn_risk, nps_last and bad_experiences_open as customer traits,
// read from customer_health (filter, sort, export). Called once by the composition root.
Status RegisterHealthTraits(customers::CustomerTraits& traits);

}  // namespace rapport::analytics
