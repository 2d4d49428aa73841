// The composition root's adapter between the feedback rules (analytics::FollowUpTickets) and the
// service desk (support/follow_up_tickets.hpp), so neither area links the other. `serve`
// registers one instance with analytics::UseFollowUpTickets before serving. Stateless;
// thread-safe.
#pragma once

#include "analytics/follow_ups.hpp"

namespace rapport::cli {

class DeskFollowUpTickets final : public analytics::FollowUpTickets {
 public:
  Result<std::string> OpenInTx(storage::Tx& tx, const storage::WriteContext& context,
                               const analytics::FollowUpTicketRequest& request) override;
  Result<bool> QueueExists(storage::Tx& tx, const std::string& queue_id) override;
};

}  // namespace rapport::cli
