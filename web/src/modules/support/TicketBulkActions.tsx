// Bulk actions on the selected tickets: assign, add a tag, solve, close. Each ticket is changed on
// its own with its version (If-Match), so a ticket someone else changed meanwhile is reported,
// not overwritten; every failure is listed by ticket number.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { useStaff } from '../../app/staff';
import { BulkBar, useBulkRun } from '../../ui/BulkProgress';
import type { Ticket } from './types';

type Action = 'assign' | 'tag' | 'solve' | 'close';

/** The PATCHes that carry out `action` on `ticket`, in order (closing needs solving first). */
export function bulkSteps(action: Action, ticket: Ticket, value: string): Record<string, unknown>[] {
  switch (action) {
    case 'assign':
      return [{ assignee_id: value || null }];
    case 'tag':
      return [{ tags: [...new Set([...ticket.tags, value.trim().toLowerCase()])] }];
    case 'solve':
      return ticket.status === 'solved' ? [] : [{ status: 'solved' }];
    case 'close':
      return ticket.status === 'solved' ? [{ status: 'closed' }] : [{ status: 'solved' }, { status: 'closed' }];
  }
}

export function TicketBulkActions({ tickets, onDone }: { tickets: Ticket[]; onDone: () => void }) {
  const { me } = useSession();
  const staff = useStaff().filter((s) => s.status === 'active');
  const [action, setAction] = useState<Action>('assign');
  const [value, setValue] = useState(me.user?.id ?? '');
  const bulk = useBulkRun();

  const run = () =>
    void bulk.run(
      tickets,
      (ticket) => `#${ticket.number}`,
      async (ticket) => {
        let version = ticket.version;
        for (const body of bulkSteps(action, ticket, value)) {
          version = (await api<Ticket>('PATCH', `/tickets/${ticket.id}`, { body, ifMatch: version })).version;
        }
      },
      (e) => (e instanceof ApiError && e.status === 412 ? 'changed by someone else meanwhile; reload and try again' : e instanceof ApiError ? e.message : 'failed'),
    );

  return (
    <BulkBar count={tickets.length} ready={action !== 'tag' || value.trim() !== ''} bulk={bulk} onApply={run} onDone={onDone}>
      <label>
        <span className="visually-hidden">Bulk action</span>
        <select
          value={action}
          onChange={(e) => {
            setAction(e.target.value as Action);
            setValue(e.target.value === 'assign' ? (me.user?.id ?? '') : '');
          }}
        >
          <option value="assign">Assign</option>
          <option value="tag">Add tag</option>
          <option value="solve">Solve</option>
          <option value="close">Close</option>
        </select>
      </label>
      {action === 'assign' && (
        <label>
          <span className="visually-hidden">Assignee</span>
          <select value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">Nobody</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id === me.user?.id ? 'Me' : s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'tag' && (
        <label>
          <span className="visually-hidden">Tag</span>
          <input value={value} placeholder="tag" pattern="[a-z0-9_-]{1,40}" onChange={(e) => setValue(e.target.value)} />
        </label>
      )}
    </BulkBar>
  );
}
