// The desk's settings as stored records (migration 0021): business calendars, SLA policies and
// routing rules. Administrators create and change them (`/api/v1/support/calendars`,
// `/api/v1/support/sla-policies`, `/api/v1/support/routing-rules`); queues name calendars and
// policies (`calendar_id`, `sla_policy_id`); ticket_sla.cpp evaluates tickets against them;
// routing.hpp matches new tickets against the rules (listed in `position` order).
//
// A record is its name plus its JSON form (calendar_json.hpp, sla_policy.hpp, routing.hpp),
// served flat: {id, name, <the JSON's fields>, created_at, updated_at,
// version}; a policy also has `default` (the one policy for tickets whose queue names none).
// The library's readers validate, so a bad field is a 422 naming it (`week.monday[0].end`). A
// PATCH replaces the top-level fields it names and validates the whole again. A record a queue
// uses cannot be deleted (409). Every change writes its event (calendar.created, …,
// sla_policy.deleted) and audit entry. A change to a policy or a calendar schedules the
// re-evaluation of every unsolved ticket (sla_sweep.hpp). Holds only a reference to the Database;
// thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

enum class DeskSetting { kCalendar, kPolicy, kRoutingRule };

class DeskSettingsService {
 public:
  DeskSettingsService(storage::Database& database, DeskSetting kind)
      : database_(database), kind_(kind) {}

  using Access = access::Access;

  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  // Readable by any signed-in caller (agents see which hours and targets apply); `access` is
  // taken for the role model's checks to come.
  Result<json::object> Get(const Access& access, const std::string& id);
  Result<json::array> List(const Access& access);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
  DeskSetting kind_;
};

}  // namespace rapport::support
