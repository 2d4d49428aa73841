// Automatic assignment and agents' availability (docs/design/support.md § Assignment).
//
// A queue whose `assignment` is `round_robin` gives each new ticket that arrives unassigned to the
// next of its agents in turn: the members of the queue's team who are active, have said they are
// available, and hold fewer open tickets (new, open, pending, on hold) than the queue's
// `agent_cap`. Agents are taken in id order starting after the queue's `last_assignee_id`, which
// is saved with the ticket, so the turn is fair across restarts and concurrent creates (the
// single writer orders them). With no eligible agent the ticket stays unassigned.
//
// Availability: an agent (any staff user) says whether they take new tickets; administrators set
// it for anyone. No row means not available. Stateless functions over a Tx, and a small service
// for the HTTP edge; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

inline constexpr int64_t kDefaultAgentCap = 20;

// The agent whose turn it is in `queue_id` (and records the turn), or nullopt when the queue
// assigns by hand or no agent is eligible. REQUIRES: inside Write.
Result<std::optional<std::string>> AssignByTurn(storage::Tx& tx, const std::string& queue_id);

class AgentService {
 public:
  explicit AgentService(storage::Database& database) : database_(database) {}

  // {user_id, available, open_tickets} of `user_id` (kNotFound for no such user).
  Result<json::object> Get(const std::string& user_id);
  // Every active staff user with availability and open tickets, by name.
  Result<json::array> List();
  // `input`: {available: bool}. The caller may set their own; administrators anyone's.
  Result<json::object> SetAvailability(const access::Access& access,
                                       const storage::WriteContext& context,
                                       const std::string& user_id, const json::object& input);

 private:
  storage::Database& database_;
};

}  // namespace rapport::support
