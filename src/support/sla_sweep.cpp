#include "support/sla_sweep.hpp"

#include <algorithm>
#include <array>

#include "common/time.hpp"
#include "support/sla_policy_choice.hpp"
#include "support/ticket_sla.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

// One pass at most: scheduling again restarts it.
constexpr std::string_view kSweepKey = "open";
constexpr std::string_view kAfter = "after";

// Keyset over the primary key's unique index: each batch starts where the last one stopped.
constexpr std::string_view kUnsolvedAfter =
    "SELECT id FROM tickets WHERE id > ? AND status NOT IN ('solved', 'closed') "
    "ORDER BY id LIMIT ?";
constexpr std::string_view kCustomerUnsolved =
    "SELECT id FROM tickets WHERE customer_id = ? AND status NOT IN ('solved', 'closed')";

// The customer fields a policy's conditions read (customer_conditions.hpp).
constexpr std::array<std::string_view, 3> kConditionFields = {"tags", "company_id", "language"};
// Commerce's order events carry the customer as their aggregate and change total_spent.
constexpr std::array<std::string_view, 4> kOrderEvents = {"order.placed", "order.updated",
                                                          "order.refunded", "order.deleted"};

bool ChangesConditionField(const json::object& payload) {
  const json::value* changed = payload.if_contains("changed");
  if (changed == nullptr || !changed->is_array()) return false;
  return std::any_of(
      changed->as_array().begin(), changed->as_array().end(), [](const json::value& field) {
        return field.is_string() &&
               std::find(kConditionFields.begin(), kConditionFields.end(),
                         std::string_view(field.as_string())) != kConditionFields.end();
      });
}

}  // namespace

Status ScheduleSlaSweep(Tx& tx) {
  return storage::ScheduleJob(tx, kSlaSweepJobKind, kSweepKey, NowMillis(),
                              json::object{{kAfter, ""}});
}

storage::Scheduler::Handler SlaSweepHandler(storage::Scheduler::Clock clock, int64_t batch) {
  return [clock = std::move(clock), batch](Tx& tx, const storage::ScheduledJob& job) -> Status {
    const json::value* after = job.payload.if_contains(kAfter);
    std::string cursor =
        after != nullptr && after->is_string() ? std::string(after->as_string()) : std::string();
    const storage::WriteContext context{.actor = "system:scheduler", .via = "system"};
    const int64_t now = clock();
    RAPPORT_ASSIGN_OR_RETURN(Rows tickets, tx.Query(kUnsolvedAfter, {cursor, batch}));
    for (const auto& row : tickets) {
      cursor = row.Text(0);
      RAPPORT_RETURN_IF_ERROR(RefreshTicketSla(tx, context, cursor, now));
    }
    // A short batch was the last: the pass ends without scheduling anything.
    if (static_cast<int64_t>(tickets.size()) < batch) return OkStatus();
    return storage::ScheduleJob(tx, kSlaSweepJobKind, job.key, now, json::object{{kAfter, cursor}});
  };
}

Status RefreshCustomerTicketsSla(Tx& tx, const storage::WriteContext& context,
                                 const std::string& customer_id, int64_t now) {
  RAPPORT_ASSIGN_OR_RETURN(Rows tickets, tx.Query(kCustomerUnsolved, {customer_id}));
  for (const auto& row : tickets) {
    RAPPORT_RETURN_IF_ERROR(RefreshTicketSla(tx, context, row.Text(0), now));
  }
  return OkStatus();
}

bool SlaCustomerWatch::Wants(std::string_view type) const {
  return type == "customer.updated" ||
         std::find(kOrderEvents.begin(), kOrderEvents.end(), type) != kOrderEvents.end();
}

Status SlaCustomerWatch::Apply(Tx& tx, const storage::Event& event) {
  const bool customer_change =
      event.type == "customer.updated" && ChangesConditionField(event.payload);
  const bool order_change =
      event.aggregate_type == "customer" &&
      std::find(kOrderEvents.begin(), kOrderEvents.end(), event.type) != kOrderEvents.end();
  if (!customer_change && !order_change) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(bool conditional, AnyConditionalPolicy(tx));
  if (!conditional) return OkStatus();
  const storage::WriteContext context{.actor = "system:sla", .via = "system"};
  return RefreshCustomerTicketsSla(tx, context, event.aggregate_id, NowMillis());
}

}  // namespace rapport::support
