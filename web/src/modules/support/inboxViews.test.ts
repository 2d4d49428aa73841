import { describe, expect, it } from 'vitest';
import { formatCountdown, urgency } from './countdown';
import { actionPatch, describeActions } from './cannedReplies';
import { breachingFirst, moveCursor, viewCount, viewFilter } from './inboxViews';
import { bulkSteps } from './TicketBulkActions';
import { nextStatuses } from './TicketFields';
import { dueTimes, type Ticket } from './types';

const ticket = (over: Partial<Ticket> & Record<string, unknown>): Ticket =>
  ({ id: 'tkt_1', number: 1001, subject: 's', status: 'open', priority: 'normal', tags: ['a'], follower_ids: [], custom_fields: {},
    customer_id: 'cus_1', channel: 'email', created_at: '', updated_at: '', version: 3, ...over }) as Ticket;

describe('inbox views', () => {
  it('shows a count that reached the cap as "at least"', () => {
    const counts = { mine: 3, unassigned: 10000, pending: 0, unsolved: 10000, all: 10000, capped_at: 10000 };
    expect(viewCount(counts, 'mine')).toBe('3');
    expect(viewCount(counts, 'unsolved')).toBe('10,000+');
  });

  it('asks the search API for each view', () => {
    const unsolved = { field: 'status', op: 'in', value: ['new', 'open', 'pending', 'on_hold'] };
    expect(viewFilter('mine', 'usr_me')).toEqual({ and: [unsolved, { field: 'assignee_id', op: 'eq', value: 'usr_me' }] });
    expect(viewFilter('unassigned', 'usr_me')).toEqual({ and: [unsolved, { field: 'assignee_id', op: 'exists', value: false }] });
    expect(viewFilter('pending', 'usr_me')).toEqual({ field: 'status', op: 'eq', value: 'pending' });
    expect(viewFilter('breaching', 'usr_me')).toEqual(unsolved);
    expect(viewFilter('all', 'usr_me')).toBeNull();
  });

  it('sorts breaching soon by the earliest due time and leaves out tickets without targets', () => {
    const late = ticket({ id: 'tkt_late', sla: { policy_id: 'slp_1', first_response: { state: 'running', due_at: '2026-12-06T12:00:00Z' } } });
    const soon = ticket({
      id: 'tkt_soon',
      sla: {
        policy_id: 'slp_1',
        first_response: { state: 'running', due_at: '2026-12-06T13:00:00Z' },
        next_response: { state: 'met', due_at: '2026-12-06T08:00:00Z' },
        resolution: { state: 'breached', due_at: '2026-12-06T09:00:00Z' },
      },
    });
    const none = ticket({ id: 'tkt_none' });
    expect(breachingFirst([late, none, soon]).map((t) => t.id)).toEqual(['tkt_soon', 'tkt_late']);
    expect(dueTimes(soon)).toEqual([
      { target: 'resolution', dueAt: '2026-12-06T09:00:00Z', breached: true },
      { target: 'first_response', dueAt: '2026-12-06T13:00:00Z', breached: false },
    ]);
    expect(dueTimes(ticket({ sla: { policy_id: 'slp_1', resolution: { state: 'paused', remaining_seconds: 60 } } }))).toEqual([]);
    expect(dueTimes(none)).toEqual([]);
  });

  it('moves the keyboard cursor within the list', () => {
    expect(moveCursor(-1, 1, 3)).toBe(0);
    expect(moveCursor(-1, -1, 3)).toBe(2);
    expect(moveCursor(2, 1, 3)).toBe(2);
    expect(moveCursor(0, -1, 3)).toBe(0);
    expect(moveCursor(0, 1, 0)).toBe(-1);
  });

  it('turns a bulk action into the changes each ticket needs', () => {
    expect(bulkSteps('close', ticket({ status: 'open' }), '')).toEqual([{ status: 'solved' }, { status: 'closed' }]);
    expect(bulkSteps('close', ticket({ status: 'solved' }), '')).toEqual([{ status: 'closed' }]);
    expect(bulkSteps('solve', ticket({ status: 'solved' }), '')).toEqual([]);
    expect(bulkSteps('tag', ticket({}), ' VIP ')).toEqual([{ tags: ['a', 'vip'] }]);
    expect(bulkSteps('assign', ticket({}), '')).toEqual([{ assignee_id: null }]);
  });

  it('offers only the status moves the server allows', () => {
    expect(nextStatuses('new')).toEqual(['new', 'open', 'pending', 'on_hold', 'solved']);
    expect(nextStatuses('solved')).toEqual(['solved', 'open', 'closed']);
    expect(nextStatuses('closed')).toEqual(['closed']);
  });
});

describe('countdown', () => {
  const now = Date.parse('2026-12-06T10:00:00Z');
  it('says how long is left, or how long overdue', () => {
    expect(formatCountdown('2026-12-06T10:00:30Z', now)).toBe('due in 30 s');
    expect(formatCountdown('2026-12-06T10:45:00Z', now)).toBe('due in 45 min');
    expect(formatCountdown('2026-12-06T11:20:00Z', now)).toBe('due in 1 h 20 min');
    expect(formatCountdown('2026-12-08T13:00:00Z', now)).toBe('due in 2 d 3 h');
    expect(formatCountdown('2026-12-06T09:55:00Z', now)).toBe('overdue by 5 min');
    expect(formatCountdown('nonsense', now)).toBe('—');
  });
  it('ranks urgency', () => {
    expect(urgency('2026-12-06T09:00:00Z', now)).toBe('overdue');
    expect(urgency('2026-12-06T10:59:00Z', now)).toBe('soon');
    expect(urgency('2026-12-06T12:00:00Z', now)).toBe('later');
  });
});

describe('canned reply actions', () => {
  it('patches only what the ticket lacks, and words the rest', () => {
    const t = ticket({ priority: 'normal', tags: ['a'] });
    expect(actionPatch(t, { priority: 'high', add_tags: ['a', 'refund'], status: 'pending' })).toEqual({ priority: 'high', tags: ['a', 'refund'] });
    expect(actionPatch(t, { priority: 'normal', add_tags: ['a'] })).toBeNull();
    expect(actionPatch(t, { status: 'solved' })).toBeNull();
    expect(describeActions({ priority: 'high', add_tags: ['refund', 'vip'] })).toEqual(['priority high', 'tags +refund +vip']);
  });
});
