// One company: its details, an edit form (If-Match; a stale version says so and offers a
// reload), delete with a confirmation, and the company's people by most recent activity.
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Company, CustomField } from '../../api/types';
import { useCustomFieldList } from '../../app/customFields';
import { Link } from '../../app/router';
import { can, fieldRule, useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { formatDate, formatDateTime, humanize } from '../../ui/format';
import { formatAddress } from '../../ui/address';
import { StaleNotice } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { CompanyForm, type CompanyBody } from './companyForm';
import { CompanyPeople } from './CompanyPeople';
import { companyPath } from './companyPath';
import { DeleteCompany } from './DeleteCompany';

export function CompanyPage({ id }: { id: string }) {
  const { me } = useSession();
  const staff = useStaff();
  const company = useApi<Company>(companyPath(id));
  const definitions = useCustomFieldList('company');

  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

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
          {stale && <StaleNotice what="This company" onReload={reloadLatest} busy={company.loading} />}
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
