#include "support/queue_service.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/contact_points.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "support/sla_sweep.hpp"
#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

using storage::OptionalText;
using storage::Rows;
using storage::Tx;

constexpr size_t kMaxQueueName = 100;
constexpr int64_t kMaxAgentCap = 10000;

#define RAPPORT_QUEUE_COLUMNS                                                                  \
  "id, name, email, team_id, default_priority, created_at, updated_at, version, calendar_id, " \
  "sla_policy_id, assignment, agent_cap"

constexpr std::string_view kSelectQueue =
    "SELECT " RAPPORT_QUEUE_COLUMNS " FROM queues WHERE id = ?";
constexpr std::string_view kSelectQueues =
    "SELECT " RAPPORT_QUEUE_COLUMNS " FROM queues ORDER BY name_key";
constexpr std::string_view kInsertQueue =
    "INSERT INTO queues (id, name, name_key, email, email_key, team_id, default_priority, "
    "calendar_id, sla_policy_id, assignment, agent_cap, created_at, updated_at, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";
constexpr std::string_view kUpdateQueue =
    "UPDATE queues SET name = ?, name_key = ?, email = ?, email_key = ?, team_id = ?, "
    "default_priority = ?, calendar_id = ?, sla_policy_id = ?, "
    "assignment = ?, agent_cap = ?, updated_at = ?, version = version + "
    "1 WHERE id = ? AND version = ?";
constexpr std::string_view kDeleteQueue = "DELETE FROM queues WHERE id = ?";
constexpr std::string_view kNameTaken = "SELECT id FROM queues WHERE name_key = ? AND id <> ?";
constexpr std::string_view kEmailTaken = "SELECT id FROM queues WHERE email_key = ? AND id <> ?";
constexpr std::string_view kTeamExists = "SELECT 1 FROM teams WHERE id = ?";
constexpr std::string_view kCalendarExists = "SELECT 1 FROM business_calendars WHERE id = ?";
constexpr std::string_view kPolicyExists = "SELECT 1 FROM sla_policies WHERE id = ?";
constexpr std::string_view kQueueInUse = "SELECT 1 FROM tickets WHERE queue_id = ? LIMIT 1";

Queue FromRow(const storage::Row& row) {
  return Queue{.id = row.Text(0),
               .name = row.Text(1),
               .email = row.OptText(2),
               .team_id = row.OptText(3),
               .default_priority = row.Text(4),
               .created_at = row.Text(5),
               .updated_at = row.Text(6),
               .version = row.Int(7),
               .calendar_id = row.OptText(8),
               .sla_policy_id = row.OptText(9),
               .assignment = row.Text(10),
               .agent_cap = row.Int(11)};
}

Error NoSuchQueue(const std::string& id) {
  return Error::NotFound("No queue has the id " + id + ".");
}

// Queues take the levels all or none (the desk's configuration has no owners).
Status RequireLevel(const access::Access& access, access::Action action) {
  if (access.LevelFor(access::Object::kQueues, action) != access::Level::kAll) {
    return access::NotPermitted(access::Object::kQueues, action);
  }
  return OkStatus();
}

// An optional reference to another record: null, or the id of one that `exists` finds.
Status ReadReference(Tx& tx, const std::string& field, const json::value& value,
                     std::string_view exists, std::string_view what,
                     std::optional<std::string>& out, std::vector<FieldError>& errors) {
  if (value.is_null()) {
    out.reset();
    return OkStatus();
  }
  if (!value.is_string()) {
    errors.push_back({field, "must be a " + std::string(what) + " id or null"});
    return OkStatus();
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows found, tx.Query(exists, {std::string(value.as_string())}));
  if (found.empty()) errors.push_back({field, "no " + std::string(what) + " has this id"});
  out = std::string(value.as_string());
  return OkStatus();
}

// Reads `input` over `queue` (a create when `creating`), checking names, addresses and teams.
Status ReadQueue(Tx& tx, const json::object& input, bool creating, Queue& queue) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "name") {
      CleanedText name = value.is_string()
                             ? CleanText(value.as_string(), kMaxQueueName, TextKind::kSingleLine)
                             : CleanedText{.problem = "must be a string"};
      if (name.problem.empty() && name.text.empty()) name.problem = "must not be empty";
      if (!name.problem.empty()) {
        errors.push_back({field, name.problem});
      } else {
        queue.name = name.text;
      }
    } else if (key == "email") {
      auto address = value.is_string() ? customers::NormalizeEmail(value.as_string())
                                       : std::optional<std::string>();
      if (!value.is_null() && !address) {
        errors.push_back({field, "must be a valid email address or null"});
      } else {
        queue.email = address;
      }
    } else if (key == "team_id") {
      RAPPORT_RETURN_IF_ERROR(
          ReadReference(tx, field, value, kTeamExists, "team", queue.team_id, errors));
    } else if (key == "calendar_id") {
      RAPPORT_RETURN_IF_ERROR(
          ReadReference(tx, field, value, kCalendarExists, "calendar", queue.calendar_id, errors));
    } else if (key == "sla_policy_id") {
      RAPPORT_RETURN_IF_ERROR(ReadReference(tx, field, value, kPolicyExists, "SLA policy",
                                            queue.sla_policy_id, errors));
    } else if (key == "assignment") {
      if (value != "manual" && value != "round_robin") {
        errors.push_back({field, "must be one of manual, round_robin"});
      } else {
        queue.assignment = std::string(value.as_string());
      }
    } else if (key == "agent_cap") {
      if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > kMaxAgentCap) {
        errors.push_back({field, "must be a whole number from 1 to 10000"});
      } else {
        queue.agent_cap = value.as_int64();
      }
    } else if (key == "default_priority") {
      if (!value.is_string() || !OneOf(kPriorities, value.as_string())) {
        errors.push_back({field, "must be one of " + Listed(kPriorities)});
      } else {
        queue.default_priority = std::string(value.as_string());
      }
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (creating && !input.contains("name")) errors.push_back({"name", "is required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  RAPPORT_ASSIGN_OR_RETURN(Rows name, tx.Query(kNameTaken, {FoldCase(queue.name), queue.id}));
  if (!name.empty()) return Error::Conflict("another queue already has this name", "name");
  if (queue.email) {
    RAPPORT_ASSIGN_OR_RETURN(Rows email, tx.Query(kEmailTaken, {EmailKey(*queue.email), queue.id}));
    if (!email.empty()) return Error::Conflict("another queue already has this address", "email");
  }
  return OkStatus();
}

std::vector<storage::Value> Columns(const Queue& q) {
  return {q.name,
          FoldCase(q.name),
          OptionalText(q.email),
          q.email ? storage::Value(EmailKey(*q.email)) : storage::Null(),
          OptionalText(q.team_id),
          q.default_priority,
          OptionalText(q.calendar_id),
          OptionalText(q.sla_policy_id),
          q.assignment,
          q.agent_cap};
}

}  // namespace

json::object QueueToJson(const Queue& q) {
  return json::object{{"id", q.id},
                      {"name", q.name},
                      {"email", q.email ? json::value(*q.email) : json::value(nullptr)},
                      {"team_id", q.team_id ? json::value(*q.team_id) : json::value(nullptr)},
                      {"default_priority", q.default_priority},
                      {"calendar_id", q.calendar_id ? json::value(*q.calendar_id) : nullptr},
                      {"sla_policy_id", q.sla_policy_id ? json::value(*q.sla_policy_id) : nullptr},
                      {"assignment", q.assignment},
                      {"agent_cap", q.agent_cap},
                      {"created_at", q.created_at},
                      {"updated_at", q.updated_at},
                      {"version", q.version}};
}

Result<std::optional<Queue>> LoadQueue(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectQueue, {id}));
  if (rows.empty()) return std::optional<Queue>();
  return std::optional<Queue>(FromRow(rows[0]));
}

Result<json::object> QueueService::Create(const Access& access,
                                          const storage::WriteContext& context,
                                          const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(RequireLevel(access, access::Action::kCreate));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    Queue queue{.id = NewId("que")};
    RAPPORT_RETURN_IF_ERROR(ReadQueue(tx, input, /*creating=*/true, queue));
    queue.created_at = queue.updated_at = NowInstant();
    std::vector<storage::Value> params{queue.id};
    for (auto& column : Columns(queue)) params.push_back(std::move(column));
    params.emplace_back(queue.created_at);
    params.emplace_back(queue.updated_at);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertQueue, params));
    served = QueueToJson(queue);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "queue.created", "queue", queue.id, {{"queue", served}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "queue", queue.id, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> QueueService::Get(const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, id));
    if (!queue) return NoSuchQueue(id);
    served = QueueToJson(*queue);
    return OkStatus();
  }));
  return served;
}

Result<json::array> QueueService::List() {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectQueues));
    for (const auto& row : rows) out.push_back(QueueToJson(FromRow(row)));
    return OkStatus();
  }));
  return out;
}

Result<json::object> QueueService::Update(const Access& access,
                                          const storage::WriteContext& context,
                                          const std::string& id, const json::object& patch,
                                          std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(RequireLevel(access, access::Action::kEdit));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, id));
    if (!queue) return NoSuchQueue(id);
    const int64_t expected = if_version.value_or(queue->version);
    const json::object before = QueueToJson(*queue);
    RAPPORT_RETURN_IF_ERROR(ReadQueue(tx, patch, /*creating=*/false, *queue));
    queue->updated_at = NowInstant();
    std::vector<storage::Value> params = Columns(*queue);
    params.emplace_back(queue->updated_at);
    params.emplace_back(queue->id);
    params.emplace_back(expected);
    RAPPORT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(kUpdateQueue, params));
    if (changed == 0) return Error::PreconditionFailed("The queue was changed since you read it.");
    queue->version = expected + 1;
    served = QueueToJson(*queue);
    // The queue's tickets now run under another policy or calendar: re-evaluate them.
    if (served.at("sla_policy_id") != before.at("sla_policy_id") ||
        served.at("calendar_id") != before.at("calendar_id")) {
      RAPPORT_RETURN_IF_ERROR(ScheduleSlaSweep(tx));
    }
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "queue.updated", "queue", id, {{"queue", served}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "queue", id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Status QueueService::Delete(const Access& access, const storage::WriteContext& context,
                            const std::string& id, std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(RequireLevel(access, access::Action::kDelete));
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Queue> queue, LoadQueue(tx, id));
    if (!queue) return NoSuchQueue(id);
    if (if_version && *if_version != queue->version) {
      return Error::PreconditionFailed("The queue was changed since you read it.");
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows in_use, tx.Query(kQueueInUse, {id}));
    if (!in_use.empty()) return Error::Conflict("Tickets are still in this queue.");
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteQueue, {id}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "queue.deleted", "queue", id, {{"queue_id", id}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "queue", id, QueueToJson(*queue), {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

}  // namespace rapport::support
