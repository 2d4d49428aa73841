// The customer page, the 360: profile, contact points with primary markers, consent with its
// history, company, owner, tags, custom fields, the timeline with quick actions, inline editing
// and the record's change history from the audit trail.
import { useState } from 'react';
import { useCustomFields } from '../../app/customFields';
import { api, ApiError } from '../../api/client';
import type { Overview } from '../../api/types';
import { Link, navigate } from '../../app/router';
import { can, useSession } from '../../app/session';
import { humanize, initials } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { CustomerEditor } from './CustomerEditor';
import { Consent } from './ConsentTab';
import { CustomerProfile } from './CustomerProfile';
import { History } from './HistoryTab';
import { CustomerTickets } from '../support/CustomerTickets';
import { CustomerTasks } from '../tasks/CustomerTasks';
import { LoyaltyCard } from '../loyalty/LoyaltyCard';
import { Orders } from './OrdersTab';
import { Timeline } from './Timeline';
import { HealthCard } from '../health/HealthCard';
import { ReviewsCard } from '../feedback/ReviewsCard';

export function CustomerPage({ id }: { id: string }) {
  const { me } = useSession();
  const overview = useApi<Overview>(`/customers/${id}/overview`);
  const customFields = useCustomFields('customer');
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState<'timeline' | 'tickets' | 'orders' | 'loyalty' | 'consent' | 'history'>('timeline');
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
        <CustomerProfile overview={overview.data} customFields={customFields} />
      )}
      <HealthCard customerId={customer.id} />
      {/* Staff tasks about this customer (modules/tasks). */}
      {can(me, 'tasks', 'read') && <CustomerTasks customerId={customer.id} canCreate={can(me, 'tasks', 'create')} />}
      {/* The customer's reviews (modules/feedback, docs/design/reviews.md). */}
      {can(me, 'reviews', 'read') && <ReviewsCard customerId={customer.id} />}
      <div className="tabs" role="tablist" aria-label="Customer sections">
        {(['timeline', 'tickets', 'orders', 'loyalty', 'consent', 'history'] as const)
          .filter((t) => t !== 'loyalty' || can(me, 'loyalty', 'read'))
          .map((t) => (
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
        {tab === 'tickets' && <CustomerTickets customerId={customer.id} limit={50} />}
        {tab === 'orders' && <Orders customerId={customer.id} />}
        {tab === 'loyalty' && <LoyaltyCard customerId={customer.id} />}
        {tab === 'consent' && <Consent customerId={customer.id} />}
        {tab === 'history' && <History customerId={customer.id} />}
      </div>
    </article>
  );
}
