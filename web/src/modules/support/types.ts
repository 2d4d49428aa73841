// The service desk's shapes, as names the workspace uses (aliases over schema.d.ts), and the
// readers of fields that other parts add in parallel (response targets), read when present and
// never required.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Ticket = Schemas['Ticket'];
export type TicketMessage = Schemas['TicketMessage'];
export type TicketAttachment = Schemas['TicketAttachment'];
export type Queue = Schemas['Queue'];
export type TicketCounts = Schemas['TicketCounts'];
export type TicketStatus = Ticket['status'];

export const STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const UNSOLVED: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TYPES = ['question', 'problem', 'incident', 'task'] as const;

/** One response target's due time (first response, next response, resolution). */
export interface DueTime {
  target: string;
  dueAt: string;
  breached: boolean;
}

const TARGETS = ['first_response', 'next_response', 'resolution'] as const;

/**
 * The due times a ticket still owes, earliest first: each response target of its `sla` that is
 * running or already breached (met, paused and not-applicable targets owe nothing now). Empty
 * when no policy applies.
 */
export function dueTimes(ticket: Pick<Ticket, 'sla'>): DueTime[] {
  const out: DueTime[] = [];
  for (const target of TARGETS) {
    const t = ticket.sla?.[target];
    if (t?.due_at && (t.state === 'running' || t.state === 'breached')) {
      out.push({ target, dueAt: t.due_at, breached: t.state === 'breached' });
    }
  }
  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** The earliest due time still owed, or null. */
export function nextDue(ticket: Pick<Ticket, 'sla'>): DueTime | null {
  return dueTimes(ticket)[0] ?? null;
}
