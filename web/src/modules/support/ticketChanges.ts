// What another agent changed on a ticket while this one was writing: the fields that differ
// between the version the agent saw and the current one, in words. Pure; tested.
import { humanize } from '../../ui/format';
import type { Ticket, TicketMessage } from './types';

const FIELDS = ['subject', 'status', 'priority', 'type', 'queue_id', 'assignee_id', 'tags'] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = {
  subject: 'Subject',
  status: 'Status',
  priority: 'Priority',
  type: 'Type',
  queue_id: 'Queue',
  assignee_id: 'Assignee',
  tags: 'Tags',
};

/** "Status: Open → Pending"; `name` turns a user or queue id into words. */
export function changedFields(before: Ticket, after: Ticket, name: (field: string, id: string | null | undefined) => string): string[] {
  const out: string[] = [];
  for (const field of FIELDS) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    const show = (v: unknown) => {
      if (field === 'queue_id' || field === 'assignee_id') return name(field, v as string | null);
      if (Array.isArray(v)) return v.length ? v.join(', ') : 'none';
      if (v === null || v === undefined || v === '') return 'none';
      return field === 'subject' ? String(v) : humanize(String(v));
    };
    out.push(`${LABELS[field]}: ${show(a)} → ${show(b)}`);
  }
  return out;
}

/** The messages in `after` that were not in `before` (by id). */
export function newMessageIds(before: TicketMessage[], after: TicketMessage[]): Set<string> {
  const seen = new Set(before.map((m) => m.id));
  return new Set(after.filter((m) => !seen.has(m.id)).map((m) => m.id));
}
