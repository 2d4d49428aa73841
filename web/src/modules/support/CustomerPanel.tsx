// The customer beside every ticket: who they are, their value and recent orders, consent, their
// other tickets and the latest entries of their timeline, with a link to the customer page — the
// whole customer in view while answering (issue 13), and their loyalty with a goodwill grant or
// voucher (loyalty/TicketLoyalty.tsx). Live: whatever happens to the customer or
// any of their tickets (a reply, a rating, a changed tag) reloads it.
import type { Page } from '../../api/client';
import type { Order, Overview } from '../../api/types';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { formatDate, formatDateTime, formatMoney, humanize, primaryOf } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/States';
import { ticketOf } from '../customers/Timeline';
import { useLiveEvents } from '../../api/useLive';
import { TicketLoyalty } from '../loyalty/TicketLoyalty';
import { CustomerTickets, eventCustomer } from './CustomerTickets';

export function CustomerPanel({ customerId, ticketId, ticketNumber }: { customerId: string; ticketId: string; ticketNumber?: number }) {
  const overview = useApi<Overview>(`/customers/${customerId}/overview`);
  useLiveEvents('', (event) => {
    if (eventCustomer(event) === customerId) overview.reload();
  });
  if (overview.loading && !overview.data) return <Loading what="the customer" />;
  if (overview.error || !overview.data) return <ErrorNote error={overview.error} onRetry={overview.reload} />;
  const { customer, company, value, consent, timeline } = overview.data;
  const email = primaryOf(customer.emails);
  const consentRows = Object.entries(consent ?? {}).flatMap(([channel, purposes]) =>
    Object.entries(purposes).map(([purpose, state]) => ({ key: `${channel}.${purpose}`, channel, purpose, status: state.status ?? 'unknown' })),
  );
  return (
    <aside className="card customer-panel" aria-labelledby="panel-title">
      <h2 id="panel-title">
        <Link to={`/customers/${customer.id}`}>{customer.display_name}</Link>
      </h2>
      <p className="subtitle">
        {humanize(customer.lifecycle_stage)}
        {company && ` · ${company.name}`}
        {email && (
          <>
            {' · '}
            <a href={`mailto:${email.address}`}>{email.address}</a>
          </>
        )}
      </p>
      {customer.tags.length > 0 && (
        <p>
          {customer.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </p>
      )}
      {value && (
        <dl className="panel-facts">
          <div>
            <dt>Lifetime value</dt>
            <dd>{formatMoney(value.lifetime_value, value.currency)}</dd>
          </div>
          <div>
            <dt>Orders</dt>
            <dd>{value.order_count}</dd>
          </div>
          <div>
            <dt>Last purchase</dt>
            <dd>{formatDate(value.last_purchase_at)}</dd>
          </div>
        </dl>
      )}
      {value && <RecentOrders customerId={customer.id} />}
      <TicketLoyalty customerId={customer.id} ticketNumber={ticketNumber} />
      {consentRows.length > 0 && (
        <>
          <h3>Consent</h3>
          <ul className="consent-list">
            {consentRows.map((c) => (
              <li key={c.key} className={`consent-${c.status}`}>
                {humanize(c.channel)} {humanize(c.purpose).toLowerCase()}: {humanize(c.status)}
              </li>
            ))}
          </ul>
        </>
      )}
      <CustomerTickets customerId={customer.id} limit={6} except={ticketId} headingLevel="h3" />
      {timeline.length > 0 && (
        <>
          <h3>Latest on the timeline</h3>
          <ul className="panel-timeline">
            {timeline.slice(0, 5).map((entry) => (
              <li key={entry.id}>
                <span className="entry-kind">{humanize(entry.kind)}</span>{' '}
                {ticketOf(entry) ? <Link to={`/support/tickets/${ticketOf(entry)}`}>{entry.subject}</Link> : (entry.subject ?? '')} <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={`/customers/${customer.id}`}>Open the customer page</Link>
      </p>
    </aside>
  );
}

function RecentOrders({ customerId }: { customerId: string }) {
  const orders = useApi<Page<Order>>(`/customers/${customerId}/orders?limit=3`);
  const list = orders.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <>
      <h3>Recent orders</h3>
      <ul className="panel-orders">
        {list.map((o) => (
          <li key={o.id}>
            {o.external_id ?? o.id} · {formatDate(o.placed_at)} · {formatMoney(o.total, o.currency)} · {humanize(o.status)}
          </li>
        ))}
      </ul>
    </>
  );
}
