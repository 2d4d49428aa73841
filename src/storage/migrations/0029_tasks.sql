-- Staff tasks and reminders (docs/design/tasks.md): a task is assigned to one member of staff (its
-- owner for record access), may name one customer, one company and one ticket it is about, and
-- carries its due time, optional reminder time and, once done, the outcome. Times are RFC 3339
-- UTC with milliseconds, so text order is time order. The reminder and overdue notices are jobs
-- in scheduled_jobs (kinds task.reminder and task.overdue, key the task id).
--
-- No foreign key to users: staff are deactivated, not deleted, and the service checks the
-- assignee exists. A deleted customer takes its tasks with it (erasure); a deleted company or
-- ticket leaves the task, unlinked.
CREATE TABLE tasks (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  notes TEXT,
  due_at TEXT NOT NULL,
  assignee_id TEXT NOT NULL,
  creator_id TEXT,                          -- NULL: the system (a rule, an import)
  customer_id TEXT REFERENCES customers (id) ON DELETE CASCADE,
  company_id TEXT REFERENCES companies (id) ON DELETE SET NULL,
  ticket_id TEXT REFERENCES tickets (id) ON DELETE SET NULL,
  priority TEXT NOT NULL,                   -- low | normal | high | urgent
  status TEXT NOT NULL,                     -- open | done | cancelled
  outcome TEXT,
  remind_at TEXT,
  completed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
-- "My tasks" pages by (due_at, id) under the assignee and status; the customer page likewise.
CREATE INDEX tasks_assignee_due ON tasks (assignee_id, status, due_at, id);
CREATE INDEX tasks_customer_due ON tasks (customer_id, due_at, id) WHERE customer_id IS NOT NULL;
CREATE INDEX tasks_due ON tasks (status, due_at, id);
