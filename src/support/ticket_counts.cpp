// TicketService::Counts: how many tickets each inbox view holds, for the agent's inbox
// (docs/design/support_inbox.md). One grouped pass under the caller's access, so every count
// is of tickets the caller may read, exactly as the views list them.
#include "support/ticket_service.hpp"

namespace rapport::support {
namespace {

// Unsolved: what an agent still has to work ("my open tickets", "unassigned").
// `?` 1 is the caller's user id; the scope's and its own parameters follow in order.
constexpr std::string_view kCountColumns =
    "SELECT COALESCE(SUM(t.assignee_id = ? AND t.status IN ('new','open','pending','on_hold')),"
    " 0), COALESCE(SUM(t.assignee_id IS NULL AND t.status IN ('new','open','pending',"
    "'on_hold')), 0), COALESCE(SUM(t.status = 'pending'), 0), "
    "COALESCE(SUM(t.status IN ('new','open','pending','on_hold')), 0), COUNT(*) "
    "FROM tickets t JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN queues q ON q.id = t.queue_id WHERE ";

}  // namespace

Result<json::object> TicketService::Counts(const Access& access, const std::string& user_id) {
  // Readable tickets: the customer is readable and the tickets level reaches where the ticket
  // sits (as List).
  const access::ScopeCondition customers =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  const access::ScopeCondition places =
      access.TicketScope(access::Action::kRead, "q.team_id", "t.assignee_id");
  const std::string sql =
      std::string(kCountColumns) + "(" + customers.sql + ") AND (" + places.sql + ")";
  std::vector<storage::Value> params{user_id};
  params.insert(params.end(), customers.params.begin(), customers.params.end());
  params.insert(params.end(), places.params.begin(), places.params.end());
  json::object counts;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, params));
    const storage::Row& row = rows.at(0);
    counts = json::object{{"mine", row.Int(0)},
                          {"unassigned", row.Int(1)},
                          {"pending", row.Int(2)},
                          {"unsolved", row.Int(3)},
                          {"all", row.Int(4)}};
    return OkStatus();
  }));
  return counts;
}

}  // namespace rapport::support
