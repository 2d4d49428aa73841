// A customer's tickets, newest change first (GET /customers/{id}/tickets): on the customer page
// and, shorter, in the ticket page's customer panel.
import type { Page } from '../../api/client';
import type { StreamEvent } from '../../api/stream';
import { useLiveEvents } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import type { Ticket } from './types';

interface Props {
  customerId: string;
  limit: number;
  /** Leave this ticket out (the one the panel sits beside). */
  except?: string;
  headingLevel?: 'h2' | 'h3';
}

/** The customer a live event is about: its ticket's, or the customer's own events. */
export function eventCustomer(event: StreamEvent): string | undefined {
  if (event.aggregate_type === 'customer') return event.aggregate_id;
  return (event.payload.ticket as { customer_id?: string } | undefined)?.customer_id;
}

export function CustomerTickets({ customerId, limit, except, headingLevel = 'h2' }: Props) {
  const tickets = useApi<Page<Ticket>>(`/customers/${customerId}/tickets?limit=${limit}`);
  useLiveEvents('ticket.', (event) => {
    if (eventCustomer(event) === customerId) tickets.reload();
  });
  const Heading = headingLevel;
  const titleId = `tickets-of-${customerId}-${headingLevel}`;
  const shown = (tickets.data?.data ?? []).filter((t) => t.id !== except);
  return (
    <section className="customer-tickets" aria-labelledby={titleId}>
      <Heading id={titleId}>{except ? 'Other tickets' : 'Tickets'}</Heading>
      {!except && <Link to={`/support/new?customer_id=${encodeURIComponent(customerId)}`}>Log a call or visit</Link>}
      {tickets.loading && !tickets.data && <Loading what="tickets" />}
      {tickets.error !== undefined && <ErrorNote error={tickets.error} onRetry={tickets.reload} />}
      {tickets.data && shown.length === 0 && <Empty>{except ? 'No other tickets.' : 'No tickets yet.'}</Empty>}
      <ul className="ticket-list">
        {shown.map((t) => (
          <li key={t.id}>
            <Link to={`/support/tickets/${t.id}`}>
              <span className="ticket-number">#{t.number}</span> {t.subject}
            </Link>{' '}
            <span className={`status status-${t.status}`}>{humanize(t.status)}</span> <span className="muted">{formatDateTime(t.updated_at)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
