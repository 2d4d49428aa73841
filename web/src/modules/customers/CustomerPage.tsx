// The customer page, the 360: profile, contact points with primary markers, consent with its
// history, company, owner, tags, custom fields, the timeline with quick actions, inline editing
// and the record's change history from the audit trail.
import { useState } from 'react';
import { useCustomFields } from '../../app/customFields';
import { api, ApiError, type Page } from '../../api/client';
import type { AuditEntry, ConsentState, Order, Overview } from '../../api/types';
import { Link, navigate } from '../../app/router';
import { can, useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { formatDate, formatDateTime, humanize, initials } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { CustomerEditor } from './CustomerEditor';
import { Timeline } from './Timeline';

export function CustomerPage({ id }: { id: string }) {
  const { me } = useSession();
  const staff = useStaff();
  const overview = useApi<Overview>(`/customers/${id}/overview`);
  const customFields = useCustomFields('customer');
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState<'timeline' | 'orders' | 'consent' | 'history'>('timeline');
  const [deleteError, setDeleteError] = useState<string | null>(null);


  if (overview.loading && !overview.data) return <Loading what="the customer" />;
  if (overview.error || !overview.data) return <ErrorNote error={overview.error} onRetry={overview.reload} />;
  const { customer, company } = overview.data;
  const canEdit = can(me, 'customers', 'edit');

  const remove = async () => {
    if (!window.confirm(`Delete ${customer.display_name} and their whole timeline? This cannot be undone.`)) return;
    try {
      await api('DELETE', `/customers/${customer.id}`, { ifMatch: customer.version });
      navigate('/customers', { replace: true });
    } catch (e) {
      setDeleteError(e instanceof ApiError ? e.message : 'Deleting failed.');
    }
  };

  return (
    <article className="customer-page" aria-labelledby="customer-name">
      <div className="page-header">
        <span className="avatar" aria-hidden="true">
          {initials(customer.display_name)}
        </span>
        <div>
          <h1 id="customer-name">{customer.display_name}</h1>
          <p className="subtitle">
            {humanize(customer.lifecycle_stage)}
            {company && (
              <>
                {' · '}
                <Link to={`/companies/${company.id}`}>{company.name}</Link>
              </>
            )}
          </p>
        </div>
        <div className="actions">
          {canEdit && !editing && (
            <button type="button" className="primary" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {can(me, 'customers', 'delete') && (
            <button type="button" className="danger" onClick={() => void remove()}>
              Delete
            </button>
          )}
        </div>
      </div>
      {deleteError && (
        <p className="notice notice-error" role="alert">
          {deleteError}
        </p>
      )}
      {conflict && (
        <div className="notice notice-error" role="alert">
          <p>Someone else changed this customer after you opened it. Reload to see their changes, then edit again.</p>
          <button
            type="button"
            onClick={() => {
              setConflict(false);
              setEditing(false);
              overview.reload();
            }}
          >
            Reload
          </button>
        </div>
      )}
      {editing ? (
        <CustomerEditor
          customer={customer}
          customFields={customFields}
          onConflict={() => setConflict(true)}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            overview.setData((current) => (current ? { ...current, customer: saved } : current));
            overview.reload();
          }}
        />
      ) : (
        <div className="profile-grid">
          <section className="card" aria-labelledby="contact-title">
            <h2 id="contact-title">Contact</h2>
            <dl>
              {customer.emails.map((e) => (
                <div key={e.address}>
                  <dt>Email{e.label ? ` (${e.label})` : ''}</dt>
                  <dd>
                    <a href={`mailto:${e.address}`}>{e.address}</a> {e.primary && <span className="badge">Primary</span>}
                  </dd>
                </div>
              ))}
              {customer.phones.map((p) => (
                <div key={p.number}>
                  <dt>Phone{p.label ? ` (${p.label})` : ''}</dt>
                  <dd>
                    <a href={`tel:${p.number}`}>{p.number}</a> {p.primary && <span className="badge">Primary</span>}
                  </dd>
                </div>
              ))}
              {customer.emails.length === 0 && customer.phones.length === 0 && (
                <div>
                  <dt>Contact</dt>
                  <dd>No email or phone yet.</dd>
                </div>
              )}
              {(customer.addresses ?? []).map((a, i) => (
                <div key={i}>
                  <dt>Address{a.label ? ` (${a.label})` : ''}</dt>
                  <dd>{[a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ')}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card" aria-labelledby="profile-title">
            <h2 id="profile-title">Profile</h2>
            <dl>
              {'birthday' in customer && (
                <div>
                  <dt>Birthday</dt>
                  <dd>{formatDate(customer.birthday)}</dd>
                </div>
              )}
              <div>
                <dt>Owner</dt>
                <dd>{staffName(staff, customer.owner_id, me.user?.id)}</dd>
              </div>
              <div>
                <dt>Language</dt>
                <dd>{customer.language ?? '—'}</dd>
              </div>
              <div>
                <dt>Preferred channel</dt>
                <dd>{customer.preferred_channel ? humanize(customer.preferred_channel) : '—'}</dd>
              </div>
              <div>
                <dt>Tags</dt>
                <dd>{customer.tags.length ? customer.tags.map((t) => <span key={t} className="tag">{t}</span>) : '—'}</dd>
              </div>
              <div>
                <dt>Customer since</dt>
                <dd>{formatDate(customer.created_at)}</dd>
              </div>
              {overview.data.last_contact_at !== null && (
                <div>
                  <dt>Last contact</dt>
                  <dd>{formatDateTime(overview.data.last_contact_at)}</dd>
                </div>
              )}
            </dl>
          </section>
          {overview.data.value && (
            <section className="card" aria-labelledby="value-title">
              <h2 id="value-title">Value</h2>
              <dl>
                <div>
                  <dt>Lifetime value</dt>
                  <dd>{overview.data.value.lifetime_value}</dd>
                </div>
                <div>
                  <dt>Orders</dt>
                  <dd>{overview.data.value.order_count}</dd>
                </div>
                <div>
                  <dt>Average order</dt>
                  <dd>{overview.data.value.average_order_value}</dd>
                </div>
                <div>
                  <dt>Last purchase</dt>
                  <dd>
                    {overview.data.value.last_purchase_at
                      ? `${formatDate(overview.data.value.last_purchase_at)} (${overview.data.value.days_since_last_purchase} days ago)`
                      : '—'}
                  </dd>
                </div>
                <div>
                  <dt>Favourite category</dt>
                  <dd>{overview.data.value.favourite_category ?? '—'}</dd>
                </div>
              </dl>
            </section>
          )}
          {customFields.length > 0 && (
            <section className="card" aria-labelledby="custom-title">
              <h2 id="custom-title">More</h2>
              <dl>
                {customFields.map((f) => (
                  <div key={f.key}>
                    <dt>{f.label}</dt>
                    <dd>{customer.custom_fields[f.key] === undefined ? '—' : String(customer.custom_fields[f.key])}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
        </div>
      )}
      <div className="tabs" role="tablist" aria-label="Customer sections">
        {(['timeline', 'orders', 'consent', 'history'] as const).map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} onClick={() => setTab(t)}>
            {t === 'history' ? 'Change history' : humanize(t)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'timeline' &&
          (overview.data.interaction_counts === null ? (
            <Empty>Your role does not include this customer's timeline.</Empty>
          ) : (
            <Timeline customerId={customer.id} canLog={can(me, 'interactions', 'create')} />
          ))}
        {tab === 'orders' && <Orders customerId={customer.id} />}
        {tab === 'consent' && <Consent customerId={customer.id} />}
        {tab === 'history' && <History customerId={customer.id} />}
      </div>
    </article>
  );
}

function Orders({ customerId }: { customerId: string }) {
  const orders = useApi<Page<Order>>(`/customers/${customerId}/orders?limit=50`);
  if (orders.loading) return <Loading what="orders" />;
  if (orders.error || !orders.data) return <ErrorNote error={orders.error} onRetry={orders.reload} />;
  if (orders.data.data.length === 0) return <Empty>No orders yet.</Empty>;
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Status</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {orders.data.data.map((order) => (
              <tr key={order.id}>
                <th scope="row">{order.external_id ?? order.id}</th>
                <td>{formatDateTime(order.placed_at)}</td>
                <td>{humanize(order.status)}</td>
                <td>{order.lines.map((l) => `${l.quantity} × ${l.description}`).join(', ')}</td>
                <td>
                  {order.total} {order.currency}
                  {order.refunded !== '0.00' && ` (refunded ${order.refunded})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface ConsentResponse {
  current: Record<string, Record<string, ConsentState>>;
  history: { channel: string; purpose: string; status: string; recorded_at: string; source?: string | null }[];
}

function Consent({ customerId }: { customerId: string }) {
  const consent = useApi<ConsentResponse>(`/customers/${customerId}/consent`);
  if (consent.loading) return <Loading what="consent" />;
  if (consent.error || !consent.data) return <ErrorNote error={consent.error} onRetry={consent.reload} />;
  const channels = Object.keys(consent.data.current);
  const purposes = [...new Set(channels.flatMap((c) => Object.keys(consent.data!.current[c])))];
  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">Consent</h2>
      <table className="data-table">
        <caption className="visually-hidden">Current consent per channel and purpose</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            {purposes.map((p) => (
              <th key={p} scope="col">
                {humanize(p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c}>
              <th scope="row">{humanize(c)}</th>
              {purposes.map((p) => {
                const state = consent.data!.current[c][p];
                return (
                  <td key={p} className={`consent-${state?.status ?? 'unknown'}`}>
                    {humanize(state?.status ?? 'unknown')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>History</h3>
      {consent.data.history.length === 0 ? (
        <Empty>No consent has been recorded.</Empty>
      ) : (
        <ol className="history-list">
          {consent.data.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.recorded_at}>{formatDateTime(h.recorded_at)}</time> — {humanize(h.channel)} / {humanize(h.purpose)}:{' '}
              <strong>{h.status}</strong>
              {h.source ? ` (via ${h.source})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function History({ customerId }: { customerId: string }) {
  const history = useApi<Page<AuditEntry>>(`/customers/${customerId}/history?limit=50`);
  if (history.loading) return <Loading what="the change history" />;
  if (history.error || !history.data) return <ErrorNote error={history.error} onRetry={history.reload} />;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Change history</h2>
      <ol className="history-list">
        {history.data.data.map((entry) => (
          <li key={entry.seq}>
            <p>
              <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time> — {humanize(entry.action)} by {entry.actor} via {entry.via}
            </p>
            {entry.changes.length > 0 && (
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {entry.changes.map((change) => (
                    <tr key={change.field}>
                      <th scope="row">{humanize(change.field)}</th>
                      <td>{show(change.old)}</td>
                      <td>{show(change.new)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
