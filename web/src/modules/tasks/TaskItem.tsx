// One task in a list: title, due time, priority, what it is about, and the moves a list offers
// in place — complete with an outcome (and, for a customer's task, tell the customer it by
// e-mail: docs/design/tasks.md § Closing the loop), reassign, cancel. Each move sends the version
// it was shown (If-Match); a 412 asks the list to reload.
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { AsyncButton } from '../../ui/Buttons';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { errorText } from '../../ui/errors';
import { formatDateTime, humanize } from '../../ui/format';
import { useSubmit } from '../../ui/useSubmit';
import type { Task } from './types';

interface Props {
  task: Task;
  /** Show the customer link (not on the customer's own page). */
  showCustomer?: boolean;
  onChanged: (task: Task | null) => void;
}

export function TaskItem({ task, showCustomer = true, onChanged }: Props) {
  const { me } = useSession();
  const staff = useStaff();
  const [completing, setCompleting] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [tell, setTell] = useState(false);
  // When the row was first shown: "overdue" is as of then (the lists reload on every change).
  const [shownAt] = useState(() => Date.now());
  const patch = async (body: Record<string, unknown>) => {
    try {
      onChanged(await api<Task>('PATCH', `/tasks/${task.id}`, { body, ifMatch: task.version }));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || e.status === 404)) onChanged(null);
      throw e;
    }
  };
  const complete = useSubmit(
    async () => {
      const told = tell && outcome.trim() && task.customer_id ? { notify_customer: true } : {};
      await patch({ status: 'done', ...(outcome.trim() ? { outcome } : {}), ...told });
      setCompleting(false);
    },
    (err) => errorText(err),
  );
  const overdue = task.status === 'open' && new Date(task.due_at).getTime() < shownAt;
  return (
    <li className={`task task-${task.status}`} data-task={task.id}>
      <div className="task-line">
        <span className="task-title">{task.title}</span>{' '}
        <span className={`priority priority-${task.priority}`}>{humanize(task.priority)}</span>{' '}
        <span className={overdue ? 'task-due overdue' : 'task-due muted'}>
          {task.status === 'open' ? `Due ${formatDateTime(task.due_at)}` : `${humanize(task.status)} ${formatDateTime(task.completed_at)}`}
        </span>
        {showCustomer && task.customer_id && (
          <>
            {' '}
            <Link to={`/customers/${task.customer_id}`}>Customer</Link>
          </>
        )}
        {task.ticket_id && (
          <>
            {' '}
            <Link to={`/support/tickets/${task.ticket_id}`}>Ticket</Link>
          </>
        )}
        {task.assignee_id !== me.user?.id && <span className="muted"> · {staffName(staff, task.assignee_id, me.user?.id)}</span>}
      </div>
      {task.notes && <p className="task-notes">{task.notes}</p>}
      {task.outcome && <p className="task-outcome">Outcome: {task.outcome}</p>}
      {task.status === 'open' && !completing && (
        <div className="task-actions">
          <button type="button" onClick={() => setCompleting(true)} aria-label={`Complete ${task.title}`}>
            Complete
          </button>
          {staff.length > 1 && (
            <label className="inline-select">
              <span className="visually-hidden">Reassign {task.title}</span>
              <select
                value={task.assignee_id}
                onChange={(e) => void patch({ assignee_id: e.target.value }).catch(() => undefined)}
                aria-label={`Reassign ${task.title}`}
              >
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id === me.user?.id ? `${s.name} (you)` : s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <AsyncButton busyLabel="Cancelling…" onClick={() => patch({ status: 'cancelled' })} label={`Cancel ${task.title}`}>
            Cancel
          </AsyncButton>
        </div>
      )}
      {completing && (
        <form className="task-complete" onSubmit={(e) => void complete.submit(e)} aria-label={`Complete ${task.title}`}>
          <FormError message={complete.error} />
          <Field label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={2000} placeholder="Called, refunded shipping" />
          {task.customer_id && (
            <label className="checkbox-field">
              <input type="checkbox" checked={tell} disabled={!outcome.trim()} onChange={(e) => setTell(e.target.checked)} /> Tell the
              customer by e-mail
            </label>
          )}
          <button type="submit" disabled={complete.busy}>
            {complete.busy ? 'Saving…' : 'Mark done'}
          </button>{' '}
          <button type="button" onClick={() => setCompleting(false)}>
            Back
          </button>
        </form>
      )}
    </li>
  );
}
