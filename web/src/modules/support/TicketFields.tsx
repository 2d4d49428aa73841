// The ticket's properties beside the conversation: status, priority, type, queue, assignee, tags
// and custom fields, each saved as it changes with the version the agent saw (If-Match); a change
// someone else made first is reported and the ticket reloaded, never overwritten. Due times of
// the response targets count down live when the server serves them.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useCustomFields } from '../../app/customFields';
import { useApi } from '../../api/useResource';
import type { StaffMember } from '../../app/staff';
import { humanize } from '../../ui/format';
import { formatCountdown, urgency } from './countdown';
import { useNow } from './useNow';
import { PRIORITIES, STATUSES, TYPES, dueTimes, type Queue, type Ticket } from './types';

interface Props {
  ticket: Ticket;
  staff: StaffMember[];
  self: string;
  onSaved: (ticket: Ticket) => void;
  onStale: () => void;
}

/** The statuses a staff member may move `from` to (docs/design/support.md § Statuses). */
export function nextStatuses(from: Ticket['status']): Ticket['status'][] {
  if (from === 'closed') return ['closed'];
  if (from === 'solved') return ['solved', 'open', 'closed'];
  return STATUSES.filter((s) => s === from || (s !== 'new' && s !== 'closed'));
}

export function TicketFields({ ticket, staff, self, onSaved, onStale }: Props) {
  const queues = useApi<{ data: Queue[] }>('/queues');
  const customFields = useCustomFields('ticket');
  const [error, setError] = useState<string | null>(null);
  const [tags, setTags] = useState(ticket.tags.join(', '));
  useEffect(() => setTags(ticket.tags.join(', ')), [ticket.tags]);
  const closed = ticket.status === 'closed';

  const save = async (patch: Record<string, unknown>) => {
    setError(null);
    try {
      onSaved(await api<Ticket>('PATCH', `/tickets/${ticket.id}`, { body: patch, ifMatch: ticket.version }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setError('Someone else changed this ticket first; it has been reloaded. Make your change again.');
        onStale();
      } else {
        setError(e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.message) : 'Saving failed.');
      }
    }
  };
  const select = (label: string, value: string, options: [string, string][], field: string) => (
    <label>
      <span>{label}</span>
      <select value={value} disabled={closed} onChange={(e) => void save({ [field]: e.target.value || null })}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="card ticket-fields" aria-labelledby="ticket-fields-title">
      <h2 id="ticket-fields-title">Properties</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {select('Status', ticket.status, nextStatuses(ticket.status).map((s) => [s, humanize(s)]), 'status')}
      {select('Priority', ticket.priority, PRIORITIES.map((p) => [p, humanize(p)]), 'priority')}
      {select('Type', ticket.type ?? '', [['', '—'], ...TYPES.map((t): [string, string] => [t, humanize(t)])], 'type')}
      {select('Queue', ticket.queue_id ?? '', [['', 'No queue'], ...(queues.data?.data ?? []).map((q): [string, string] => [q.id, q.name])], 'queue_id')}
      {select('Assignee', ticket.assignee_id ?? '', [['', 'Nobody'], ...staff.filter((s) => s.status === 'active' || s.id === ticket.assignee_id).map((s): [string, string] => [s.id, s.id === self ? `${s.name} (me)` : s.name])], 'assignee_id')}
      <label>
        <span>Tags</span>
        <input
          value={tags}
          disabled={closed}
          placeholder="billing, refund"
          onChange={(e) => setTags(e.target.value)}
          onBlur={() => {
            const next = tags.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
            if (JSON.stringify(next) !== JSON.stringify(ticket.tags)) void save({ tags: next });
          }}
        />
      </label>
      {customFields.map((f) => (
        <label key={f.key}>
          <span>{f.label}</span>
          <input
            defaultValue={ticket.custom_fields[f.key] === undefined ? '' : String(ticket.custom_fields[f.key])}
            disabled={closed}
            onBlur={(e) => {
              const raw = e.target.value.trim();
              const value = raw === '' ? null : f.type === 'number' ? Number(raw) : f.type === 'boolean' ? raw === 'true' : raw;
              if (value !== (ticket.custom_fields[f.key] ?? null)) void save({ custom_fields: { [f.key]: value } });
            }}
          />
        </label>
      ))}
      <DueTimes ticket={ticket} />
    </section>
  );
}

function DueTimes({ ticket }: { ticket: Ticket }) {
  const due = dueTimes(ticket);
  const now = useNow(1000, due.length > 0);
  if (due.length === 0) return null;
  return (
    <dl className="due-times">
      {due.map((d) => (
        <div key={d.target}>
          <dt>{humanize(d.target)}</dt>
          <dd className={`due due-${d.breached ? 'overdue' : urgency(d.dueAt, now)}`}>
            <time dateTime={d.dueAt}>{formatCountdown(d.dueAt, now)}</time>
          </dd>
        </div>
      ))}
    </dl>
  );
}
