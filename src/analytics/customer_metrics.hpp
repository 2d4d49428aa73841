// CustomerMetrics: the event subscriber that keeps per-customer contact figures current
// (interactions per channel, total, last contact) from `interaction.logged` and
// `interaction.deleted` events, so reads never scan the timeline. Deleting a customer removes
// its figures by foreign key. Runs on the dispatcher thread inside the dispatcher's transaction;
// stateless, so thread-safe.
#pragma once

#include "customers/customer_traits.hpp"
#include "storage/event_dispatcher.hpp"

namespace rapport::analytics {

class CustomerMetrics final : public storage::EventSubscriber {
 public:
  std::string_view name() const override { return "customer_metrics"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;
};

// Publishes interaction_count and last_contact_at as customer traits (filterable, sortable),
// read from this projection's customer_metrics row. Contact figures come from the timeline, so
// only callers who can read the timeline of every customer they can read see them. Called once
// by the composition root.
Status RegisterCustomerTraits(customers::CustomerTraits& traits);

}  // namespace rapport::analytics
