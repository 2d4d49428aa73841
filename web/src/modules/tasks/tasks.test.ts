import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../api/stream';
import { endOfLocalDay, eventTask, instantToLocalInput, localInputToInstant, myTasksPath, reminderFor } from './types';

function event(type: string, payload: Record<string, unknown>, aggregate_type = 'task'): StreamEvent {
  return { seq: 1, id: 'evt_1', type, aggregate_type, aggregate_id: 'tsk_1', occurred_at: '', actor: 'system:tasks', payload };
}

describe('tasks', () => {
  it('asks for the windows of my tasks up to the end of the local day', () => {
    const now = new Date(2026, 11, 24, 15, 30);
    const end = new Date(endOfLocalDay(now));
    expect(end.getDate()).toBe(25);
    expect(end.getHours()).toBe(0);
    expect(myTasksPath('today', now)).toBe(`/tasks?assignee=me&due=today&day_end=${encodeURIComponent(end.toISOString())}&limit=50`);
  });

  it('turns only my own reminders into notices', () => {
    const task = { id: 'tsk_1', title: 'Call Ann', assignee_id: 'usr_me', customer_id: 'cus_1', due_at: '2026-12-24T10:00:00.000Z' };
    expect(reminderFor(event('task.reminder', { task, reason: 'overdue' }), 'usr_me')).toEqual({
      taskId: 'tsk_1',
      title: 'Call Ann',
      reason: 'overdue',
      dueAt: '2026-12-24T10:00:00.000Z',
      customerId: 'cus_1',
    });
    expect(reminderFor(event('task.reminder', { task, reason: 'reminder' }), 'usr_other')).toBeNull();
    expect(reminderFor(event('task.updated', { task }), 'usr_me')).toBeNull();
    expect(reminderFor(event('task.reminder', { task }), undefined)).toBeNull();
  });

  it('reads the task of task events only', () => {
    expect(eventTask(event('ticket.opened', { task: { id: 'x', title: 'y' } }, 'ticket'))).toBeNull();
    expect(eventTask(event('task.created', {}))).toBeNull();
    expect(eventTask(event('task.created', { task: { id: 'tsk_2', title: 'T' } }))?.id).toBe('tsk_2');
  });

  it('converts datetime-local values both ways', () => {
    const iso = localInputToInstant('2026-12-24T09:15');
    expect(iso).not.toBeNull();
    expect(instantToLocalInput(iso!)).toBe('2026-12-24T09:15');
    expect(localInputToInstant('')).toBeNull();
    expect(localInputToInstant('nonsense')).toBeNull();
  });
});
