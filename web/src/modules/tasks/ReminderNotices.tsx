// The signed-in user's task reminders as notices at the top of the app, live from the stream
// (task.reminder): "Reminder: Call Ann" or "Overdue: Call Ann", each with a link and a dismiss
// button. Announced politely; at most a few are kept, newest first.
import { useState } from 'react';
import { useLiveEvents } from '../../api/useLive';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../ui/format';
import { reminderFor, type Reminder } from './types';

const MAX_SHOWN = 3;

export function ReminderNotices() {
  const { me } = useSession();
  const [shown, setShown] = useState<Reminder[]>([]);
  useLiveEvents('task.reminder', (event) => {
    const reminder = reminderFor(event, me.user?.id);
    if (!reminder) return;
    setShown((current) => [reminder, ...current.filter((r) => r.taskId !== reminder.taskId)].slice(0, MAX_SHOWN));
  });
  return (
    <div className="reminder-notices" role="status" aria-live="polite">
      {shown.map((r) => (
        <div key={`${r.taskId}-${r.reason}`} className={`notice reminder reminder-${r.reason}`}>
          <p>
            <strong>{r.reason === 'overdue' ? 'Overdue' : 'Reminder'}:</strong> {r.title} <span className="muted">(due {formatDateTime(r.dueAt)})</span>{' '}
            <Link to={r.customerId ? `/customers/${r.customerId}` : '/tasks'}>Open</Link>
          </p>
          <button type="button" onClick={() => setShown((current) => current.filter((x) => x !== r))} aria-label={`Dismiss ${r.title}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
