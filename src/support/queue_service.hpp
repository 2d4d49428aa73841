// Queues: a team's inbox of tickets ("Billing", "Returns") with the address mail to it arrives
// at and the priority its new tickets get (docs/design/support.md § Queues). Callers whose queues
// read level is all read them (every built-in role); the queues create/edit/delete levels (admin,
// manager) change them. Every change is written with its event
// (queue.created / queue.updated / queue.deleted) and audit entry in one transaction. Holds only
// a reference to the Database; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

struct Queue {
  std::string id;
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> team_id;
  std::string default_priority = "normal";
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  std::optional<std::string> calendar_id;    // business hours of its SLA targets (else 24/7 UTC)
  std::optional<std::string> sla_policy_id;  // its response targets (else the default policy)
  std::string assignment = "manual";         // manual | round_robin (assignment.hpp)
  int64_t agent_cap = 20;                    // open tickets per agent for round robin
};

json::object QueueToJson(const Queue& queue);
Result<std::optional<Queue>> LoadQueue(storage::Tx& tx, const std::string& id);

class QueueService {
 public:
  explicit QueueService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  // {name, email?, team_id?, default_priority?, calendar_id?, sla_policy_id?, assignment?,
  // agent_cap?}
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const std::string& id);
  // Every queue by name (a desk has tens of queues, not thousands: no paging).
  Result<json::array> List();
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // kConflict while tickets are in the queue.
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

}  // namespace rapport::support
