#include "support/assignment.hpp"

#include "common/time.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kQueueTurn =
    "SELECT team_id, assignment, agent_cap, last_assignee_id FROM queues WHERE id = ?";
// The team's active, available members with their open tickets, in id order (the turn's order).
constexpr std::string_view kCandidates =
    "SELECT u.id, (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id "
    "AND t.status IN ('new', 'open', 'pending', 'on_hold')) "
    "FROM users u JOIN agent_availability a ON a.user_id = u.id AND a.available = 1 "
    "WHERE u.status = 'active' AND EXISTS (SELECT 1 FROM json_each(u.teams) m WHERE m.value = ?) "
    "ORDER BY u.id";
constexpr std::string_view kSaveTurn = "UPDATE queues SET last_assignee_id = ? WHERE id = ?";

#define RAPPORT_AGENT_COLUMNS                                                \
  "u.id, u.name, COALESCE(a.available, 0), (SELECT COUNT(*) FROM tickets t " \
  "WHERE t.assignee_id = u.id AND t.status IN ('new', 'open', 'pending', 'on_hold'))"
constexpr std::string_view kAgent =
    "SELECT " RAPPORT_AGENT_COLUMNS
    " FROM users u LEFT JOIN agent_availability a ON a.user_id = u.id WHERE u.id = ?";
constexpr std::string_view kAgents =
    "SELECT " RAPPORT_AGENT_COLUMNS
    " FROM users u LEFT JOIN agent_availability a ON a.user_id = u.id "
    "WHERE u.status = 'active' ORDER BY u.name, u.id";
constexpr std::string_view kSetAvailability =
    "INSERT INTO agent_availability (user_id, available, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET available = excluded.available, "
    "updated_at = excluded.updated_at";

json::object AgentFromRow(const storage::Row& row) {
  return json::object{{"user_id", row.Text(0)},
                      {"name", row.Text(1)},
                      {"available", row.Int(2) != 0},
                      {"open_tickets", row.Int(3)}};
}

Result<json::object> LoadAgent(Tx& tx, const std::string& user_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kAgent, {user_id}));
  if (rows.empty()) return Error::NotFound("No user has the id " + user_id + ".");
  return AgentFromRow(rows.front());
}

// Who may set `user_id`'s availability: themselves, or an administrator.
Status CheckCanSetAvailability(const access::Access& access, const std::string& user_id) {
  if (access.is_admin() || (!access.user_id().empty() && access.user_id() == user_id)) {
    return OkStatus();
  }
  return Error::PermissionDenied("Only administrators set another agent's availability.");
}

}  // namespace

Result<std::optional<std::string>> AssignByTurn(Tx& tx, const std::string& queue_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows queue, tx.Query(kQueueTurn, {queue_id}));
  if (queue.empty() || queue.front().IsNull(0) || queue.front().Text(1) != "round_robin") {
    return std::optional<std::string>();
  }
  const int64_t cap = queue.front().Int(2);
  const std::string last = queue.front().OptText(3).value_or("");
  RAPPORT_ASSIGN_OR_RETURN(Rows candidates, tx.Query(kCandidates, {queue.front().Text(0)}));
  std::optional<std::string> first_eligible;
  std::optional<std::string> chosen;
  for (const auto& row : candidates) {
    if (row.Int(1) >= cap) continue;
    if (!first_eligible) first_eligible = row.Text(0);
    if (row.Text(0) > last) {
      chosen = row.Text(0);
      break;
    }
  }
  if (!chosen) chosen = first_eligible;  // past the last agent: the turn wraps around
  if (chosen) RAPPORT_RETURN_IF_ERROR(tx.Exec(kSaveTurn, {*chosen, queue_id}));
  return chosen;
}

Result<json::object> AgentService::Get(const std::string& user_id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(served, LoadAgent(tx, user_id));
    return OkStatus();
  }));
  return served;
}

Result<json::array> AgentService::List() {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kAgents));
    for (const auto& row : rows) out.push_back(AgentFromRow(row));
    return OkStatus();
  }));
  return out;
}

Result<json::object> AgentService::SetAvailability(const access::Access& access,
                                                   const storage::WriteContext& context,
                                                   const std::string& user_id,
                                                   const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckCanSetAvailability(access, user_id));
  std::optional<bool> available;
  for (const auto& [key, value] : input) {
    if (key != "available") return Error::Invalid(std::string(key), "is not a known field");
    if (!value.is_bool()) return Error::Invalid("available", "must be true or false");
    available = value.as_bool();
  }
  if (!available) return Error::Invalid("available", "is required");
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(json::object before, LoadAgent(tx, user_id));
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kSetAvailability, {user_id, int64_t{*available ? 1 : 0}, NowInstant()}));
    RAPPORT_ASSIGN_OR_RETURN(served, LoadAgent(tx, user_id));
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "agent.availability_changed", "user",
                                                 user_id, {{"agent", served}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "agent_availability", user_id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

}  // namespace rapport::support
