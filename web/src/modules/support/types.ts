// The service desk's shapes, as names the workspace uses (aliases over schema.d.ts), and the
// readers of fields that other parts add in parallel (response targets), read when present and
// never required.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Ticket = Schemas['Ticket'];
export type TicketMessage = Schemas['TicketMessage'];
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

/**
 * The due times a ticket carries, earliest first: `sla` as {target: {due_at, breached?}} or
 * {targets: [{target, due_at}]}, else the single `sla_due_at`. Empty when the server serves no
 * response targets (the SLA part is not there, or no policy applies).
 */
export function dueTimes(ticket: object): DueTime[] {
  const record = ticket as Record<string, unknown>;
  const out: DueTime[] = [];
  const add = (target: string, value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (typeof v.due_at === 'string') out.push({ target, dueAt: v.due_at, breached: v.breached === true });
  };
  const sla = record.sla;
  if (sla && typeof sla === 'object') {
    const targets = (sla as Record<string, unknown>).targets;
    if (Array.isArray(targets)) {
      for (const t of targets) add(String((t as Record<string, unknown>).target ?? (t as Record<string, unknown>).name ?? 'target'), t);
    } else {
      for (const [key, value] of Object.entries(sla)) add(key, value);
    }
  }
  if (out.length === 0 && typeof record.sla_due_at === 'string') {
    out.push({ target: 'next_target', dueAt: record.sla_due_at, breached: record.sla_breached === true });
  }
  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** The earliest due time still owed, or null. */
export function nextDue(ticket: object): DueTime | null {
  return dueTimes(ticket)[0] ?? null;
}
