#include "tasks/task_service.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"
#include "tasks/task_reminders.hpp"
#include "tasks/task_store.hpp"

namespace rapport::tasks {
namespace {

using access::Action;
using access::Object;
using storage::Tx;
using storage::Value;

constexpr int64_t kDayMillis = int64_t{24} * 60 * 60 * 1000;

// Staff accounts (identity area): an assignee must be one.
constexpr std::string_view kUserExists = "SELECT 1 FROM users WHERE id = ?";
// A linked company's owner (customers area), for its record access.
constexpr std::string_view kCompanyOwner = "SELECT owner_id FROM companies WHERE id = ?";
// A linked ticket's customer and place (support area's tables), for the tickets rule of access.
constexpr std::string_view kTicketPlace =
    "SELECT t.customer_id, q.team_id, t.assignee_id FROM tickets t "
    "LEFT JOIN queues q ON q.id = t.queue_id WHERE t.id = ?";
// What a page of tasks joins to decide the linked records' access in SQL.
constexpr std::string_view kListJoins =
    "LEFT JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN companies co ON co.id = t.company_id "
    "LEFT JOIN tickets tk ON tk.id = t.ticket_id LEFT JOIN queues q ON q.id = tk.queue_id";
constexpr std::string_view kDueSort = "due_at";

Error NoSuchTask(const std::string& id) {
  return Error::NotFound("No task has the id " + id + ".");
}

// Whether each record `task` links is readable to `access`. `field_errors`: answer a missing or
// unreadable link as a bad field (writes) rather than false (reads).
struct LinkCheck {
  bool readable = true;
  std::vector<FieldError> errors;
};

Result<LinkCheck> CheckLinks(Tx& tx, const access::Access& access, Task& task, bool fill) {
  LinkCheck check;
  auto refuse = [&](std::string field, std::string message) {
    check.readable = false;
    check.errors.push_back({std::move(field), std::move(message)});
  };
  if (task.ticket_id) {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kTicketPlace, {*task.ticket_id}));
    const access::TicketPlace place =
        rows.empty()
            ? access::TicketPlace{}
            : access::TicketPlace{.team_id = rows[0].OptText(1), .assignee_id = rows[0].OptText(2)};
    if (rows.empty() || !access.AllowsTicket(Action::kRead, place)) {
      refuse("ticket_id", "no ticket has this id");
    } else if (!task.customer_id && fill) {
      // A task about a ticket is about its customer: the customer's access then covers both.
      task.customer_id = rows[0].Text(0);
    } else if (task.customer_id && *task.customer_id != rows[0].Text(0)) {
      refuse("ticket_id", "is a ticket of another customer");
    }
  }
  if (task.customer_id) {
    auto owner = customers::ReadableCustomerOwner(tx, access, *task.customer_id);
    if (!owner.ok()) {
      if (owner.error().code != ErrorCode::kNotFound) return owner.error();
      refuse("customer_id", "no customer has this id");
    }
  }
  if (task.company_id) {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kCompanyOwner, {*task.company_id}));
    if (rows.empty() || !access.Allows(Object::kCompanies, Action::kRead, rows[0].OptText(0))) {
      refuse("company_id", "no company has this id");
    }
  }
  return check;
}

// The task when `access` may read it (its assignee within the tasks read level, every link
// readable); "not found" otherwise, the words of a missing task.
Result<Task> ReadableTask(Tx& tx, const access::Access& access, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Task> task, store::LoadTask(tx, id));
  if (!task || !access.Allows(Object::kTasks, Action::kRead, task->assignee_id)) {
    return NoSuchTask(id);
  }
  RAPPORT_ASSIGN_OR_RETURN(LinkCheck links, CheckLinks(tx, access, *task, /*fill=*/false));
  if (!links.readable) return NoSuchTask(id);
  return std::move(*task);
}

Status CheckAssignee(Tx& tx, const std::string& id, std::vector<FieldError>& errors) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kUserExists, {id}));
  if (rows.empty()) errors.push_back({"assignee_id", "no user has this id"});
  return OkStatus();
}

// A line on the linked customer's timeline: "Task created: Call back about the refund".
Status OnTimeline(Tx& tx, const storage::WriteContext& context, const Task& task,
                  std::string_view kind, std::string_view verb) {
  if (!task.customer_id) return OkStatus();
  json::object entry{{"channel", "other"},
                     {"direction", "internal"},
                     {"kind", kind},
                     {"subject", "Task " + std::string(verb) + ": " + task.title},
                     {"metadata", json::object{{"task_id", task.id}}}};
  // The caller was authorised for the task; the entry is part of that same change.
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, *task.customer_id, entry);
  if (!logged.ok()) return logged.error();
  return OkStatus();
}

// The outcome as the customer was told it, on their timeline: an outgoing e-mail.
Status OutcomeOnTimeline(Tx& tx, const storage::WriteContext& context, const Task& task) {
  json::object entry{{"channel", "email"},
                     {"direction", "outbound"},
                     {"kind", "task_outcome_sent"},
                     {"subject", "Customer told the outcome: " + task.title},
                     {"body", task.outcome.value_or("")},
                     {"metadata", json::object{{"task_id", task.id}}}};
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, *task.customer_id, entry);
  if (!logged.ok()) return logged.error();
  return OkStatus();
}

Status Announce(Tx& tx, const storage::WriteContext& context, std::string_view type,
                const Task& task, json::object payload = {}) {
  payload["task"] = TaskRef(task);
  return storage::AppendEvent(tx, context, type, "task", task.id, payload);
}

// Moves `task` to `to`, keeping completed_at: set when it leaves "open", cleared on reopening.
void MoveStatus(Task& task, const std::string& to, const std::string& now) {
  if (to == task.status) return;
  task.completed_at = to == "open" ? std::nullopt : std::optional<std::string>(now);
  task.status = to;
}

// The end of the UTC day that holds `now`.
std::string EndOfUtcDay(int64_t now) { return FormatInstant(now - now % kDayMillis + kDayMillis); }

}  // namespace

Result<json::object> CreateTaskInTx(Tx& tx, const access::Access& access,
                                    const storage::WriteContext& context, const TaskInput& input) {
  std::vector<FieldError> errors;
  Task task{.title = input.title,
            .notes = input.notes,
            .due_at = input.due_at,
            .assignee_id = input.assignee_id.value_or(access.user_id()),
            .customer_id = input.customer_id,
            .company_id = input.company_id,
            .ticket_id = input.ticket_id,
            .priority = input.priority,
            .remind_at = input.remind_at,
            .remind_by_email = input.remind_by_email};
  if (!access.user_id().empty()) task.creator_id = access.user_id();
  if (task.assignee_id.empty()) {
    errors.push_back({"assignee_id", "is required when no user is signed in"});
  } else {
    RAPPORT_RETURN_IF_ERROR(CheckAssignee(tx, task.assignee_id, errors));
  }
  RAPPORT_ASSIGN_OR_RETURN(LinkCheck links, CheckLinks(tx, access, task, /*fill=*/true));
  for (auto& error : links.errors) errors.push_back(std::move(error));
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!access.Allows(Object::kTasks, Action::kCreate, task.assignee_id)) {
    return access::NotPermitted(Object::kTasks, Action::kCreate);
  }
  task.id = NewId("tsk");
  task.created_at = task.updated_at = NowInstant();
  RAPPORT_RETURN_IF_ERROR(store::InsertTask(tx, task));
  const json::object served = TaskToJson(task);
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "task.created", task));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "task", task.id, {}, served));
  RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, task, "task_created", "created"));
  RAPPORT_RETURN_IF_ERROR(ScheduleTaskJobs(tx, task, NowMillis()));
  return served;
}

TaskService::TaskService(storage::Database& database, Clock clock)
    : database_(database), clock_(clock ? std::move(clock) : Clock(NowMillis)) {}

Result<json::object> TaskService::Create(const Access& access, const storage::WriteContext& context,
                                         const json::object& body) {
  if (access.LevelFor(Object::kTasks, Action::kCreate) == access::Level::kNone) {
    return access::NotPermitted(Object::kTasks, Action::kCreate);
  }
  RAPPORT_ASSIGN_OR_RETURN(TaskInput input, ParseTaskInput(body));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(served, CreateTaskInTx(tx, access, context, input));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> TaskService::Get(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Task task, ReadableTask(tx, access, id));
    served = TaskToJson(task);
    return OkStatus();
  }));
  return served;
}

Result<Page> TaskService::List(const Access& access, const TaskQuery& query) {
  std::vector<FieldError> errors;
  if (query.status && query.status != "open" && query.status != "done" &&
      query.status != "cancelled") {
    errors.push_back({"status", "must be open, done or cancelled"});
  }
  if (query.due && query.due != "today" && query.due != "overdue" && query.due != "upcoming") {
    errors.push_back({"due", "must be today, overdue or upcoming"});
  }
  const int64_t now = clock_();
  std::string day_end = EndOfUtcDay(now);
  if (query.day_end) {
    auto normalized = NormalizeInstant(*query.day_end);
    if (!normalized) {
      errors.push_back({"day_end", "must be an RFC 3339 time"});
    } else {
      day_end = *normalized;
    }
  }
  std::optional<CursorPosition> after;
  if (query.cursor) {
    auto position = DecodeCursor(*query.cursor, kDueSort);
    if (!position.ok() || !position->value.is_string()) {
      errors.push_back({"cursor", "is not a cursor of this list"});
    } else {
      after = std::move(*position);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  // Access first: the tasks level over the assignee, then every linked record's own rule.
  std::vector<Value> params;
  std::string where;
  auto add = [&](const access::ScopeCondition& condition, std::string_view guard = {}) {
    if (!where.empty()) where += " AND ";
    where += guard.empty() ? "(" + condition.sql + ")"
                           : "(" + std::string(guard) + " OR (" + condition.sql + "))";
    params.insert(params.end(), condition.params.begin(), condition.params.end());
  };
  add(access.Scope(Object::kTasks, Action::kRead, "t.assignee_id"));
  add(access.Scope(Object::kCustomers, Action::kRead, "c.owner_id"), "t.customer_id IS NULL");
  add(access.Scope(Object::kCompanies, Action::kRead, "co.owner_id"), "t.company_id IS NULL");
  add(access.TicketScope(Action::kRead, "q.team_id", "tk.assignee_id"), "t.ticket_id IS NULL");
  auto filter = [&](std::string sql, std::vector<Value> values) {
    where += " AND " + sql;
    params.insert(params.end(), values.begin(), values.end());
  };
  if (query.assignee_id) filter("t.assignee_id = ?", {*query.assignee_id});
  if (query.customer_id) filter("t.customer_id = ?", {*query.customer_id});
  if (query.status) filter("t.status = ?", {*query.status});
  const std::string now_text = FormatInstant(now);
  if (query.due == "overdue") filter("t.status = 'open' AND t.due_at < ?", {now_text});
  if (query.due == "today") {
    filter("t.status = 'open' AND t.due_at >= ? AND t.due_at < ?", {now_text, day_end});
  }
  if (query.due == "upcoming") filter("t.status = 'open' AND t.due_at >= ?", {day_end});
  if (after) {
    const std::string due(after->value.as_string());
    filter("(t.due_at > ? OR (t.due_at = ? AND t.id > ?))", {due, due, after->id});
  }

  const int limit = std::clamp(query.limit, 1, kMaxPageSize);
  std::vector<Task> tasks;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(
        tasks, store::SelectTasks(tx, std::string(kListJoins), where, params, limit + 1));
    return OkStatus();
  }));
  Page page;
  const bool more = static_cast<int>(tasks.size()) > limit;
  if (more) tasks.resize(limit);
  for (const auto& task : tasks) page.data.push_back(TaskToJson(task));
  if (more) {
    page.next_cursor = EncodeCursor(CursorPosition{.sort = std::string(kDueSort),
                                                   .value = json::value(tasks.back().due_at),
                                                   .id = tasks.back().id});
  }
  return page;
}

Result<json::object> TaskService::Update(const Access& access, const storage::WriteContext& context,
                                         const std::string& id, const json::object& body,
                                         std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(TaskPatch patch, ParseTaskPatch(body));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Task task, ReadableTask(tx, access, id));
    if (!access.Allows(Object::kTasks, Action::kEdit, task.assignee_id)) {
      return access::NotPermitted(Object::kTasks, Action::kEdit);
    }
    if (if_version && *if_version != task.version) {
      return Error::PreconditionFailed("The task was changed since you read it.");
    }
    const json::object before = TaskToJson(task);
    const std::string from = task.status;
    const std::string now = NowInstant();
    std::vector<FieldError> errors;
    if (patch.title) task.title = *patch.title;
    if (patch.notes) task.notes = *patch.notes;
    if (patch.due_at) task.due_at = *patch.due_at;
    if (patch.priority) task.priority = *patch.priority;
    if (patch.outcome) task.outcome = *patch.outcome;
    if (patch.remind_at) task.remind_at = *patch.remind_at;
    if (patch.remind_by_email) task.remind_by_email = *patch.remind_by_email;
    if (patch.status) MoveStatus(task, *patch.status, now);
    if (patch.assignee_id && *patch.assignee_id != task.assignee_id) {
      RAPPORT_RETURN_IF_ERROR(CheckAssignee(tx, *patch.assignee_id, errors));
      if (errors.empty() && !access.Allows(Object::kTasks, Action::kEdit, *patch.assignee_id)) {
        return access::NotPermitted(Object::kTasks, Action::kEdit);
      }
      task.assignee_id = *patch.assignee_id;
    }
    const bool relinked = patch.customer_id || patch.company_id || patch.ticket_id;
    if (patch.customer_id) task.customer_id = *patch.customer_id;
    if (patch.company_id) task.company_id = *patch.company_id;
    if (patch.ticket_id) task.ticket_id = *patch.ticket_id;
    if (relinked) {
      RAPPORT_ASSIGN_OR_RETURN(LinkCheck links,
                               CheckLinks(tx, access, task, /*fill=*/!patch.customer_id));
      for (auto& error : links.errors) errors.push_back(std::move(error));
    }
    const bool notify = patch.notify_customer.value_or(false);
    if (notify) {
      if (task.status != "done" || from == "done") {
        errors.push_back({"notify_customer",
                          "tells the customer as the task closes: send it "
                          "with status done"});
      } else if (!task.outcome || task.outcome->empty()) {
        errors.push_back({"notify_customer", "needs an outcome to tell the customer"});
      } else if (!task.customer_id) {
        errors.push_back({"notify_customer", "the task has no customer to tell"});
      } else if (!notifier_) {
        errors.push_back({"notify_customer", "mail to customers is not set up on this server"});
      }
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    json::array changed = storage::ChangedFields(before, TaskToJson(task));
    if (changed.empty()) {
      served = before;
      return OkStatus();
    }
    task.updated_at = now;
    ++task.version;
    RAPPORT_RETURN_IF_ERROR(store::SaveTask(tx, task));
    served = TaskToJson(task);
    if (task.status == "done" && from != "done") {
      RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "task.completed", task,
                                       json::object{{"customer_notified", notify}}));
      RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, task, "task_completed", "completed"));
      if (notify) {
        RAPPORT_RETURN_IF_ERROR(notifier_(tx, task));
        RAPPORT_RETURN_IF_ERROR(OutcomeOnTimeline(tx, context, task));
      }
    } else {
      RAPPORT_RETURN_IF_ERROR(
          Announce(tx, context, "task.updated", task, json::object{{"changed", changed}}));
    }
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "task", task.id, before, served));
    RAPPORT_RETURN_IF_ERROR(ScheduleTaskJobs(tx, task, clock_()));
    return context.Written(tx, served);
  }));
  return served;
}

Status TaskService::Delete(const Access& access, const storage::WriteContext& context,
                           const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Task task, ReadableTask(tx, access, id));
    if (!access.Allows(Object::kTasks, Action::kDelete, task.assignee_id)) {
      return access::NotPermitted(Object::kTasks, Action::kDelete);
    }
    if (if_version && *if_version != task.version) {
      return Error::PreconditionFailed("The task was changed since you read it.");
    }
    RAPPORT_RETURN_IF_ERROR(store::DeleteTask(tx, task.id));
    RAPPORT_RETURN_IF_ERROR(CancelTaskJobs(tx, task.id));
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "task.deleted", task));
    return storage::AppendAudit(tx, context, "delete", "task", task.id, TaskToJson(task), {});
  });
}

}  // namespace rapport::tasks
