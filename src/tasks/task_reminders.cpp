#include "tasks/task_reminders.hpp"

#include "common/time.hpp"
#include "storage/outbox.hpp"
#include "storage/write_context.hpp"
#include "tasks/task_store.hpp"

namespace rapport::tasks {
namespace {

// One job of `kind` at `at` while the task is open and the time is still ahead; none otherwise.
Status KeepJob(storage::Tx& tx, std::string_view kind, const Task& task,
               const std::optional<std::string>& at, int64_t now) {
  const std::optional<int64_t> due = at ? ParseInstant(*at) : std::nullopt;
  if (task.status != "open" || !due || *due <= now) return storage::CancelJob(tx, kind, task.id);
  return storage::ScheduleJob(tx, kind, task.id, *due);
}

}  // namespace

Status ScheduleTaskJobs(storage::Tx& tx, const Task& task, int64_t now) {
  RAPPORT_RETURN_IF_ERROR(KeepJob(tx, kReminderJobKind, task, task.remind_at, now));
  return KeepJob(tx, kOverdueJobKind, task, task.due_at, now);
}

Status CancelTaskJobs(storage::Tx& tx, const std::string& task_id) {
  RAPPORT_RETURN_IF_ERROR(storage::CancelJob(tx, kReminderJobKind, task_id));
  return storage::CancelJob(tx, kOverdueJobKind, task_id);
}

storage::Scheduler::Handler TaskReminderHandler(TaskMailer mailer) {
  return [mailer = std::move(mailer)](storage::Tx& tx, const storage::ScheduledJob& job) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Task> task, store::LoadTask(tx, job.key));
    if (!task || task->status != "open") return OkStatus();
    const storage::WriteContext context{.actor = "system:tasks", .via = "system"};
    const std::string_view reason = job.kind == kOverdueJobKind ? "overdue" : "reminder";
    if (task->remind_by_email && mailer) RAPPORT_RETURN_IF_ERROR(mailer(tx, *task, reason));
    return storage::AppendEvent(tx, context, "task.reminder", "task", task->id,
                                json::object{{"task", TaskRef(*task)}, {"reason", reason}});
  };
}

}  // namespace rapport::tasks
