// CustomerMetrics: the event subscriber that keeps per-customer contact figures current
// (interactions per channel, total, last contact) from `interaction.logged` events, so reads
// never scan the timeline. Runs on the dispatcher thread inside the dispatcher's transaction;
// stateless, so thread-safe.
#pragma once

#include "storage/event_dispatcher.hpp"

namespace rapport::analytics {

class CustomerMetrics final : public storage::EventSubscriber {
 public:
  std::string_view name() const override { return "customer_metrics"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
};

}  // namespace rapport::analytics
