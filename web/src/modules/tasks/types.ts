// Staff tasks' shapes (from the OpenAPI document) and the small rules the screens share: the
// list queries of "my tasks", which live events concern a list, and which reminder is mine.
import type { components } from '../../api/schema';
import type { StreamEvent } from '../../api/stream';

export type Task = components['schemas']['Task'];
export type TaskPriority = Task['priority'];

export const DUE_WINDOWS = ['overdue', 'today', 'upcoming'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

export const DUE_WINDOW_TITLES: Record<DueWindow, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  upcoming: 'Upcoming',
};

/** The end of the local day holding `now`: what the server calls day_end. */
export function endOfLocalDay(now: Date): string {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  return end.toISOString();
}

/** GET /tasks for one window of the signed-in user's open tasks, in local days. */
export function myTasksPath(due: DueWindow, now: Date, limit = 50): string {
  const dayEnd = encodeURIComponent(endOfLocalDay(now));
  return `/tasks?assignee=me&due=${due}&day_end=${dayEnd}&limit=${limit}`;
}

/** The task a `task.*` event names (its lean record), if it is one. */
export function eventTask(event: StreamEvent): Pick<Task, 'id' | 'title' | 'assignee_id' | 'customer_id' | 'due_at'> | null {
  if (event.aggregate_type !== 'task') return null;
  const task = event.payload.task as Partial<Task> | undefined;
  if (!task || typeof task.id !== 'string' || typeof task.title !== 'string') return null;
  return {
    id: task.id,
    title: task.title,
    assignee_id: task.assignee_id ?? '',
    customer_id: task.customer_id ?? null,
    due_at: task.due_at ?? '',
  };
}

export interface Reminder {
  taskId: string;
  title: string;
  reason: 'reminder' | 'overdue';
  dueAt: string;
  customerId: string | null;
}

/** A task.reminder for the signed-in user's own task becomes a notice; others' are not. */
export function reminderFor(event: StreamEvent, userId: string | undefined): Reminder | null {
  if (event.type !== 'task.reminder' || !userId) return null;
  const task = eventTask(event);
  if (!task || task.assignee_id !== userId) return null;
  return {
    taskId: task.id,
    title: task.title,
    reason: event.payload.reason === 'overdue' ? 'overdue' : 'reminder',
    dueAt: task.due_at,
    customerId: task.customer_id,
  };
}

/** A datetime-local input's value (local wall time) as an RFC 3339 instant, or null. */
export function localInputToInstant(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An instant as a datetime-local input's value (local wall time, minutes). */
export function instantToLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
