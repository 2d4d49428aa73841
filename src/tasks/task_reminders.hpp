// Reminders of tasks (docs/design/tasks.md § Reminders): each open task has at most two jobs in
// the one durable scheduler (storage/scheduler.hpp) — kind task.reminder at its remind_at and
// kind task.overdue at its due_at, both keyed by the task id — kept in step by every task write
// in the write's own transaction, so a job exists iff the task that wants it committed. When a
// job runs (once: the scheduler deletes it in the same transaction), a task still open gets the
// event task.reminder {task, reason: "reminder" | "overdue"}, which the live stream carries to
// its assignee (and to whoever else may read the task); the web app shows it as a notice, and a
// task with remind_by_email also mails it to the assignee (TaskMailer).
// A time already past when the task is written schedules nothing: the assignee is looking at it.
//
// Stateless; REQUIRES for the Tx functions: inside Database::Write. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "storage/scheduler.hpp"
#include "tasks/task.hpp"

namespace rapport::tasks {

inline constexpr std::string_view kReminderJobKind = "task.reminder";
inline constexpr std::string_view kOverdueJobKind = "task.overdue";

// Schedules, moves or cancels the task's two jobs for its current state, as of `now` (Unix ms).
Status ScheduleTaskJobs(storage::Tx& tx, const Task& task, int64_t now);
Status CancelTaskJobs(storage::Tx& tx, const std::string& task_id);

// Sends a task's reminder by e-mail (reason "reminder" | "overdue"), in the job's transaction:
// the composition root queues it in the mail queue, so tasks link no mail code.
using TaskMailer =
    std::function<Status(storage::Tx& tx, const Task& task, std::string_view reason)>;

// The handler the composition root registers for both kinds: announces task.reminder for a task
// that is still open (a task changed or deleted since has moved or lost its job already) and,
// when the task asks for it and `mailer` is set, mails the assignee too.
storage::Scheduler::Handler TaskReminderHandler(TaskMailer mailer = {});

}  // namespace rapport::tasks
