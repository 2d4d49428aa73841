// The home screen's upcoming dates: birthdays and renewals of my customers in the next 14 days,
// soonest first, each linking to the customer (GET /home/upcoming-dates; docs/design/tasks.md
// § Upcoming dates). Renewals are the date custom field renewal_date. Reloaded live when a
// customer changes.
import type { components } from '../../api/schema';
import { useLiveEvents } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { formatDate } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';

type UpcomingDateList = components['schemas']['UpcomingDateList'];

function when(inDays: number): string {
  return inDays === 0 ? 'today' : inDays === 1 ? 'tomorrow' : `in ${inDays} days`;
}

export function UpcomingDates({ limit }: { limit: number }) {
  const dates = useApi<UpcomingDateList>('/home/upcoming-dates?days=14');
  useLiveEvents('customer.', () => dates.reload());
  const shown = dates.data?.data.slice(0, limit) ?? [];
  return (
    <section className="home-card" aria-labelledby="home-dates">
      <h2 id="home-dates">Upcoming dates</h2>
      {dates.loading && !dates.data && <Loading what="upcoming dates" />}
      {dates.error !== undefined && <ErrorNote error={dates.error} onRetry={dates.reload} />}
      {dates.data && shown.length === 0 && <Empty>No birthdays or renewals in the next 14 days.</Empty>}
      {shown.length > 0 && (
        <ul className="task-list" aria-label="Upcoming dates">
          {shown.map((d) => (
            <li key={`${d.kind}-${d.customer_id}`}>
              <Link to={`/customers/${d.customer_id}`}>{d.display_name}</Link>: {d.kind === 'birthday' ? 'birthday' : 'renewal'}{' '}
              <span className="muted">
                {formatDate(d.date)} · {when(d.in_days)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
