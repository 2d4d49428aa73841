// One company: its details, an edit form (If-Match; a stale version says so and offers a
// reload), delete with a confirmation, and the company's people by most recent activity.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type Page } from '../../api/client';
import type { Company, CustomField, Customer } from '../../api/types';
import { Link, navigate } from '../../app/router';
import { can, fieldRule, useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { formatDate, formatDateTime, humanize, primaryOf } from '../../ui/format';
import { formatAddress } from '../../ui/address';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useAsync } from '../../ui/useAsync';
import { CompanyForm, errorText, type CompanyBody } from './companyForm';

const PEOPLE_PAGE = 50;

function companyPath(id: string) {
  return `/companies/${encodeURIComponent(id)}`;
}

export function CompanyPage({ id }: { id: string }) {
  const { me } = useSession();
  const staff = useStaff();
  const company = useAsync((signal) => api<Company>('GET', companyPath(id), { signal }), id);
  const definitions = useAsync(
    (signal) => api<{ data: CustomField[] }>('GET', '/custom-fields?object_type=company', { signal }),
    'company-custom-fields',
  );

  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setEditing(false);
    setStale(false);
    setSaved(false);
  }, [id]);

  const c = company.data;
  if (!c) {
    return (
      <section className="company" aria-labelledby="company-title">
        <p className="breadcrumb">
          <Link to="/companies">Companies</Link>
        </p>
        <h1 id="company-title">Company</h1>
        {company.loading && <Loading what="the company" />}
        {company.error !== undefined && <ErrorNote error={company.error} onRetry={company.reload} />}
      </section>
    );
  }

  const mayEdit = can(me, 'companies', 'edit');
  const mayDelete = can(me, 'companies', 'delete');
  const shown = (field: string) => fieldRule(me, 'companies', field) !== 'hidden';
  const defs = (definitions.data?.data ?? []).filter((d) => d.object_type === 'company');

  const save = async (body: CompanyBody) => {
    const updated = await api<Company>('PATCH', companyPath(c.id), { body, ifMatch: c.version });
    company.setData(() => updated);
    setEditing(false);
    setStale(false);
    setSaved(true);
    window.setTimeout(() => editButton.current?.focus(), 0);
  };

  const reloadLatest = () => {
    setStale(false);
    company.reload();
  };

  const closeEditor = () => {
    setEditing(false);
    setStale(false);
    window.setTimeout(() => editButton.current?.focus(), 0);
  };

  const customEntries = Object.entries(c.custom_fields ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');

  return (
    <section className="company" aria-labelledby="company-title">
      <p className="breadcrumb">
        <Link to="/companies">Companies</Link>
      </p>
      <div className="page-header">
        <h1 id="company-title">{c.name}</h1>
        <div className="actions">
          {mayEdit && !editing && (
            <button
              type="button"
              ref={editButton}
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              Edit
            </button>
          )}
          {mayDelete && <DeleteCompany key={c.id} company={c} onStale={reloadLatest} />}
        </div>
      </div>

      {saved && (
        <p className="notice" role="status">
          Changes saved.
        </p>
      )}
      {company.error !== undefined && <ErrorNote error={company.error} onRetry={company.reload} />}

      {editing && (
        <section className="card" aria-labelledby="edit-company-title">
          <h2 id="edit-company-title">Edit company</h2>
          {stale && (
            <div className="notice notice-error" role="alert">
              <p>This company was changed by someone else. Reload to see the latest version, then make your changes again.</p>
              <button type="button" onClick={reloadLatest} disabled={company.loading}>
                {company.loading ? 'Reloading…' : 'Reload'}
              </button>
            </div>
          )}
          {definitions.loading && !definitions.data && <Loading what="the form" />}
          {definitions.error !== undefined && <ErrorNote error={definitions.error} onRetry={definitions.reload} />}
          {definitions.data && (
            <CompanyForm
              key={c.version}
              me={me}
              company={c}
              definitions={defs}
              labelledBy="edit-company-title"
              submitLabel="Save changes"
              busyLabel="Saving…"
              onSubmit={save}
              onCancel={closeEditor}
              onStale={() => setStale(true)}
            />
          )}
        </section>
      )}

      <section className="card" aria-labelledby="company-details-title">
        <h2 id="company-details-title">Details</h2>
        <dl className="details">
          <dt>Domain</dt>
          <dd>
            {c.domain ? (
              <a href={`https://${c.domain}`} target="_blank" rel="noopener noreferrer">
                {c.domain}
              </a>
            ) : (
              '—'
            )}
          </dd>
          {shown('industry') && (
            <>
              <dt>Industry</dt>
              <dd>{c.industry || '—'}</dd>
            </>
          )}
          {shown('size') && (
            <>
              <dt>Size</dt>
              <dd>{c.size || '—'}</dd>
            </>
          )}
          {shown('address') && (
            <>
              <dt>Address</dt>
              <dd>{c.address ? formatAddress(c.address) || '—' : '—'}</dd>
            </>
          )}
          <dt>Owner</dt>
          <dd>{c.owner_id ? staffName(staff, c.owner_id, me.user?.id) : '—'}</dd>
          <dt>Tags</dt>
          <dd>
            {c.tags?.length ? (
              <ul className="tags">
                {c.tags.map((t) => (
                  <li key={t} className="tag">
                    {t}
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
          {customEntries.map(([key, value]) => {
            const d = defs.find((x) => x.key === key);
            return (
              <CustomValue key={key} label={d?.label ?? humanize(key)} value={value} type={d?.type} />
            );
          })}
          <dt>Added</dt>
          <dd>{formatDateTime(c.created_at)}</dd>
          <dt>Last changed</dt>
          <dd>{formatDateTime(c.updated_at)}</dd>
        </dl>
      </section>

      {can(me, 'customers', 'read') && <CompanyPeople companyId={c.id} />}
    </section>
  );
}

function CustomValue({ label, value, type }: { label: string; value: unknown; type?: CustomField['type'] }) {
  let text: string;
  if (typeof value === 'boolean') text = value ? 'Yes' : 'No';
  else if (type === 'date' && typeof value === 'string') text = formatDate(value);
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return (
    <>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </>
  );
}

function DeleteCompany({ company, onStale }: { company: Company; onStale: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; stale: boolean } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
  }, [asking]);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', companyPath(company.id), { ifMatch: company.version });
      navigate('/companies');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        navigate('/companies');
        return;
      }
      const stale = e instanceof ApiError && e.status === 412;
      setError({
        message: stale
          ? 'This company was changed by someone else. Reload it and check before deleting.'
          : `The company could not be deleted: ${errorText(e)}`,
        stale,
      });
      setBusy(false);
    }
  };

  const cancel = () => {
    setAsking(false);
    setError(null);
    window.setTimeout(() => deleteRef.current?.focus(), 0);
  };

  if (!asking) {
    return (
      <button type="button" className="danger" ref={deleteRef} onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby="delete-company-question">
      <p id="delete-company-question">
        Delete {company.name}? Its people stay in Rapport, without a company. This cannot be undone.
      </p>
      <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
        {busy ? 'Deleting…' : 'Delete company'}
      </button>
      <button type="button" ref={cancelRef} onClick={cancel} disabled={busy}>
        Cancel
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}{' '}
          {error.stale && (
            <button
              type="button"
              onClick={() => {
                setAsking(false);
                setError(null);
                onStale();
              }}
            >
              Reload
            </button>
          )}
        </p>
      )}
    </div>
  );
}

function CompanyPeople({ companyId }: { companyId: string }) {
  const search = (cursor?: string, signal?: AbortSignal) =>
    api<Page<Customer>>('POST', '/customers/search', {
      body: {
        filter: { field: 'company_id', op: 'eq', value: companyId },
        sort: '-updated_at',
        limit: PEOPLE_PAGE,
        ...(cursor ? { cursor } : {}),
      },
      signal,
    });
  const people = useAsync((signal) => search(undefined, signal), companyId);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);

  const loadMore = async () => {
    const cursor = people.data?.next_cursor;
    if (!cursor || moreBusy) return;
    setMoreBusy(true);
    setMoreError(undefined);
    try {
      const page = await search(cursor);
      people.setData((current) => {
        if (!current) return current;
        const seen = new Set(current.data.map((p) => p.id));
        return { data: [...current.data, ...page.data.filter((p) => !seen.has(p.id))], next_cursor: page.next_cursor };
      });
    } catch (e) {
      setMoreError(e);
    } finally {
      setMoreBusy(false);
    }
  };

  const list = people.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="company-people-title">
      <h2 id="company-people-title">People</h2>
      <p className="field-hint">Most recently active first.</p>
      {people.loading && !people.data && <Loading what="people" />}
      {people.error !== undefined && <ErrorNote error={people.error} onRetry={people.reload} />}
      {people.data && list.length === 0 && <Empty>No one at this company yet.</Empty>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" aria-labelledby="company-people-title">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Lifecycle stage</th>
                <th scope="col">Last updated</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => {
                const email = primaryOf(p.emails);
                return (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/customers/${encodeURIComponent(p.id)}`}>{p.display_name || 'Unnamed customer'}</Link>
                    </td>
                    <td>{email ? <a href={`mailto:${email.address}`}>{email.address}</a> : '—'}</td>
                    <td>{p.lifecycle_stage ? humanize(p.lifecycle_stage) : '—'}</td>
                    <td>{formatDateTime(p.updated_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {people.data?.next_cursor && (
        <div className="actions">
          <button type="button" onClick={() => void loadMore()} disabled={moreBusy}>
            {moreBusy ? 'Loading more…' : 'Load more people'}
          </button>
          {moreError !== undefined && (
            <span className="notice notice-error" role="alert">
              More people could not be loaded: {errorText(moreError)}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
