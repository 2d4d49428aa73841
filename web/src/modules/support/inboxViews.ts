// The inbox's views: what each lists, as a request to the tickets API. Pure; tested.
import { UNSOLVED, nextDue, type Ticket, type TicketCounts } from './types';

export type InboxViewKey = 'mine' | 'unassigned' | 'breaching' | 'pending' | 'unsolved' | 'all';

export interface InboxView {
  key: InboxViewKey;
  label: string;
  /** The count from GET /tickets/counts, when the server counts this view. */
  count?: Exclude<keyof TicketCounts, 'capped_at'>;
}

/** A view's count as shown: "10,000+" once it reached the server's cap (counts stop there). */
export function viewCount(counts: TicketCounts, key: Exclude<keyof TicketCounts, 'capped_at'>): string {
  const n = counts[key];
  return n >= counts.capped_at ? `${counts.capped_at.toLocaleString('en-US')}+` : String(n);
}

export const INBOX_VIEWS: InboxView[] = [
  { key: 'mine', label: 'My open tickets', count: 'mine' },
  { key: 'unassigned', label: 'Unassigned', count: 'unassigned' },
  { key: 'breaching', label: 'Breaching soon' },
  { key: 'pending', label: 'Pending', count: 'pending' },
  { key: 'unsolved', label: 'All unsolved', count: 'unsolved' },
  { key: 'all', label: 'All tickets', count: 'all' },
];

/** What a saved view keeps: the view, the search text. */
export interface InboxDefinition {
  view: InboxViewKey;
  q: string;
}

export const DEFAULT_DEFINITION: InboxDefinition = { view: 'mine', q: '' };

export function isViewKey(value: unknown): value is InboxViewKey {
  return INBOX_VIEWS.some((v) => v.key === value);
}

type Condition = { field: string; op: string; value: unknown };
type Filter = Condition | { and: Filter[] };

/** The search filter of a view for user `me`, or null (all tickets). */
export function viewFilter(view: InboxViewKey, me: string): Filter | null {
  const unsolved: Condition = { field: 'status', op: 'in', value: UNSOLVED };
  switch (view) {
    case 'mine':
      return { and: [unsolved, { field: 'assignee_id', op: 'eq', value: me }] };
    case 'unassigned':
      return { and: [unsolved, { field: 'assignee_id', op: 'exists', value: false }] };
    case 'pending':
      return { field: 'status', op: 'eq', value: 'pending' };
    case 'unsolved':
    case 'breaching':
      return unsolved;
    case 'all':
      return null;
  }
}

/**
 * "Breaching soon" as shown: the page's tickets that still owe a target, earliest due first (the
 * server already pages them in that order; this keeps a ticket that met its target since out).
 */
export function breachingFirst(tickets: Ticket[]): Ticket[] {
  return tickets
    .map((ticket) => ({ ticket, due: nextDue(ticket) }))
    .filter((t) => t.due !== null)
    .sort((a, b) => Date.parse(a.due!.dueAt) - Date.parse(b.due!.dueAt))
    .map((t) => t.ticket);
}

/** Moves the cursor by `step` within `length` rows (j/k), staying on the list. */
export function moveCursor(current: number, step: number, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return step > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + step));
}
