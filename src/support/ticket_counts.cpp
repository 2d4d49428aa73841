// TicketService::Counts: how many tickets each inbox view holds, for the agent's inbox
// (docs/design/support_inbox.md). Every count is of tickets the caller may read, exactly as the
// views list them, and each is capped (kCountCap): the inbox reloads its counts on every live
// update, so their cost must not grow with the desk ("1,000+" serves an agent as well as the
// exact figure — the backlog's size over time is in the reports — and bounds each count to about
// that many index entries: well under a millisecond per view). Each view is
// one count over a range of the tickets_counts index (status, assignee, queue: migration 0023) that
// stops at the cap; the customers and queues are joined only when the caller's access needs them.
#include "support/ticket_service.hpp"

namespace rapport::support {
namespace {

// Each view's condition on `t`; `?` in "mine" is the caller's user id. Unsolved: what an agent
// still has to work.
struct View {
  std::string_view name;
  std::string_view condition;
  bool takes_user = false;
};
constexpr View kViews[] = {
    {"mine", "t.status IN ('new','open','pending','on_hold') AND t.assignee_id = ?", true},
    {"unassigned", "t.status IN ('new','open','pending','on_hold') AND t.assignee_id IS NULL"},
    {"pending", "t.status = 'pending'"},
    {"unsolved", "t.status IN ('new','open','pending','on_hold')"},
    {"all", "1"},
};

}  // namespace

Result<json::object> TicketService::Counts(const Access& access, const std::string& user_id,
                                           int64_t cap) {
  // Readable tickets: the customer is readable and the tickets level reaches where the ticket
  // sits (as List). An unrestricted scope needs no join: every ticket has its customer.
  const access::ScopeCondition customers =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  const access::ScopeCondition places =
      access.TicketScope(access::Action::kRead, "q.team_id", "t.assignee_id");
  // No INDEXED BY: for a caller limited to a few customers the planner rightly starts from them.
  std::string from = "tickets t";
  if (customers.sql != "1") from += " JOIN customers c ON c.id = t.customer_id";
  if (places.sql != "1") from += " LEFT JOIN queues q ON q.id = t.queue_id";
  const std::string scope = "(" + customers.sql + ") AND (" + places.sql + ")";

  std::string sql = "SELECT ";
  std::vector<storage::Value> params;
  for (const View& view : kViews) {
    if (&view != &kViews[0]) sql += ", ";
    sql += "(SELECT count(*) FROM (SELECT 1 FROM " + from + " WHERE " + scope + " AND (" +
           std::string(view.condition) + ") LIMIT " + std::to_string(cap) + "))";
    params.insert(params.end(), customers.params.begin(), customers.params.end());
    params.insert(params.end(), places.params.begin(), places.params.end());
    if (view.takes_user) params.emplace_back(user_id);
  }
  json::object counts;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, params));
    const storage::Row& row = rows.at(0);
    for (size_t i = 0; i < std::size(kViews); ++i) counts[kViews[i].name] = row.Int(i);
    return OkStatus();
  }));
  counts["capped_at"] = cap;
  return counts;
}

}  // namespace rapport::support
