// TaskService: staff tasks and their reminders (docs/design/tasks.md) — create, read, list ("my
// tasks" today / overdue / upcoming, a customer's tasks), change (complete with an outcome,
// cancel, reopen, reassign, reschedule) and delete.
//
// Access (docs/design/access.md § Feedback, tasks and loyalty): the `tasks` object with the
// assignee as owner. A task is readable when the tasks read level reaches its assignee AND every
// record it links is readable to the caller (its customer, its company, its ticket by the tickets
// rule); otherwise it is "not found", on every read path (get, list, the live stream). Creating
// needs the create level to reach the assignee; changing needs the edit level to reach the
// current assignee and any new one; deleting the delete level.
//
// Every write runs in one transaction with its event (task.created / task.updated /
// task.completed / task.deleted), its audit entry, the customer's timeline entry (created and
// completed, when a customer is linked) and its scheduler jobs (task.reminder at remind_at,
// task.overdue at due_at, while the task is open: task_reminders.hpp). Changes carry the task's
// version (If-Match). Holds a reference to the Database; thread-safe. Calls block on storage:
// call from worker threads.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "tasks/task.hpp"
#include "tasks/task_input.hpp"

namespace rapport::tasks {

// A page of tasks, ordered by due time then id (keyset).
struct TaskQuery {
  std::optional<std::string> assignee_id;
  std::optional<std::string> customer_id;
  std::optional<std::string> status;  // open | done | cancelled
  // overdue: open and due before now; today: open and due from now until `day_end`; upcoming:
  // open and due at `day_end` or later. The three never overlap.
  std::optional<std::string> due;
  // The end of the caller's today (RFC 3339): the web app sends its local midnight. Defaults to
  // the end of the current UTC day.
  std::optional<std::string> day_end;
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

// TaskService::Create inside a caller's own write transaction, for other areas that open a task
// together with their own change — the feedback loop's follow-up on a detractor's answer:
//
//   database.Write([&](storage::Tx& tx) -> Status {
//     ... record the survey answer ...
//     TaskInput follow_up{.title = "Call back: NPS 3", .due_at = due, .assignee_id = owner,
//                         .customer_id = customer, .priority = "high"};
//     RAPPORT_RETURN_IF_ERROR(CreateTaskInTx(tx, access::Access::Unrestricted(),
//                                            {.actor = "system:feedback", .via = "system"},
//                                            follow_up));
//     return OkStatus();
//   });
//
// `access` decides as for Create (pass Access::Unrestricted() for the system: then the creator
// is empty and `assignee_id` is required). The task, its event, audit entry, timeline entry and
// jobs commit or roll back with the caller's transaction. Answers the task as the API serves it.
// REQUIRES: inside Database::Write.
Result<json::object> CreateTaskInTx(storage::Tx& tx, const access::Access& access,
                                    const storage::WriteContext& context, const TaskInput& input);

// Tells a task's customer how it ended (docs/design/tasks.md § Closing the loop): queues the
// mail in the caller's transaction. The composition root supplies it (the service desk's mail
// queue), so this area links no mail code. kInvalidArgument naming notify_customer when the
// customer cannot be mailed (no address): the close is refused, nothing changes.
using CustomerNotifier = std::function<Status(storage::Tx& tx, const Task& task)>;

class TaskService {
 public:
  using Clock = std::function<int64_t()>;  // Unix milliseconds
  explicit TaskService(storage::Database& database, Clock clock = {});
  // REQUIRES: before the service takes requests. Without one, notify_customer is refused.
  void SetCustomerNotifier(CustomerNotifier notifier) { notifier_ = std::move(notifier); }

  using Access = access::Access;

  // Body: {title, due_at, notes?, assignee_id? (default: the caller), customer_id?, company_id?,
  // ticket_id?, priority?, remind_at?}.
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& body);
  Result<json::object> Get(const Access& access, const std::string& id);
  Result<Page> List(const Access& access, const TaskQuery& query);
  // `if_version`: the version the caller last saw; kPreconditionFailed when stale. With
  // {status: "done", outcome, notify_customer: true} the outcome is also mailed to the linked
  // customer (transactional: no marketing consent, no contact budget) and put on their timeline.
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
  Clock clock_;
  CustomerNotifier notifier_;
};

}  // namespace rapport::tasks
