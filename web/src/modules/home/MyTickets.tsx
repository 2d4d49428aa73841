// The home screen's tickets: my open tickets (newest change first) and, of those, the ones whose
// next response target is nearest ("breaching soon"), through the tickets search the inbox uses.
import { api, type Page } from '../../api/client';
import { useLiveEvents } from '../../api/useLive';
import { useResource } from '../../api/useResource';
import { Link } from '../../app/router';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { breachingFirst, viewFilter } from '../support/inboxViews';
import { nextDue, type Ticket } from '../support/types';

function useMine(userId: string, sort: string, limit: number) {
  const body = { filter: viewFilter('mine', userId), sort, limit };
  return useResource(
    (signal) => api<Page<Ticket>>('POST', '/tickets/search', { body, signal }),
    `mine-${userId}-${sort}-${limit}`,
  );
}

function TicketRows({ tickets, due }: { tickets: Ticket[]; due?: boolean }) {
  return (
    <ul className="ticket-list">
      {tickets.map((t) => (
        <li key={t.id}>
          <Link to={`/support/tickets/${t.id}`}>
            <span className="ticket-number">#{t.number}</span> {t.subject}
          </Link>{' '}
          <span className={`status status-${t.status}`}>{humanize(t.status)}</span>{' '}
          <span className="muted">{due ? `target ${formatDateTime(nextDue(t)?.dueAt)}` : formatDateTime(t.updated_at)}</span>
        </li>
      ))}
    </ul>
  );
}

export function MyTickets({ userId, limit }: { userId: string; limit: number }) {
  const open = useMine(userId, '-updated_at', limit);
  const breaching = useMine(userId, 'sla_due_at', limit);
  useLiveEvents('ticket.', () => {
    open.reload();
    breaching.reload();
  });
  const soon = breachingFirst(breaching.data?.data ?? []);
  return (
    <section className="home-card" aria-labelledby="home-tickets">
      <h2 id="home-tickets">
        My tickets <Link to="/support">Inbox</Link>
      </h2>
      <h3>Breaching soon</h3>
      {breaching.loading && !breaching.data && <Loading what="tickets" />}
      {breaching.error !== undefined && <ErrorNote error={breaching.error} onRetry={breaching.reload} />}
      {breaching.data && soon.length === 0 && <Empty>No response targets close.</Empty>}
      <TicketRows tickets={soon} due />
      <h3>Open</h3>
      {open.loading && !open.data && <Loading what="tickets" />}
      {open.error !== undefined && <ErrorNote error={open.error} onRetry={open.reload} />}
      {open.data && open.data.data.length === 0 && <Empty>No open tickets.</Empty>}
      <TicketRows tickets={open.data?.data ?? []} />
    </section>
  );
}
