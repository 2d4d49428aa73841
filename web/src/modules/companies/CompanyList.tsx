// Companies: search as you type, sort, "Load more" paging by cursor, and (at /companies/new) the
// create form above the list.
import { useEffect, useState } from 'react';
import { api, query, type Page } from '../../api/client';
import type { Company } from '../../api/types';
import { usePages } from '../../api/usePages';
import { useCustomFieldList } from '../../app/customFields';
import { Link, navigate } from '../../app/router';
import { can, fieldRule, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { CompanyForm, type CompanyBody } from './companyForm';

const PAGE_SIZE = 50;
const SORTS = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: '-name', label: 'Name (Z–A)' },
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
];
const DEFAULT_SORT = 'name';

function initialParams() {
  const params = new URLSearchParams(window.location.search);
  const sort = params.get('sort') ?? DEFAULT_SORT;
  return { q: params.get('q') ?? '', sort: SORTS.some((s) => s.value === sort) ? sort : DEFAULT_SORT };
}

export function CompanyList({ creating }: { creating?: boolean }) {
  const { me } = useSession();
  const [initial] = useState(initialParams);
  const [text, setText] = useState(initial.q);
  const [q, setQ] = useState(initial.q.trim());
  const [sort, setSort] = useState(initial.sort);
  const mayCreate = can(me, 'companies', 'create');
  const showIndustry = fieldRule(me, 'companies', 'industry') !== 'hidden';
  const showSize = fieldRule(me, 'companies', 'size') !== 'hidden';

  // Debounce typing: the list follows the search box 250 ms after the last key.
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);

  // Keep the search in the address bar, so going back to the list restores it.
  useEffect(() => {
    if (creating || window.location.pathname !== '/companies') return;
    const url = `/companies${query({ q, sort: sort === DEFAULT_SORT ? undefined : sort })}`;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [q, sort, creating]);

  const list = usePages<Company>(
    (cursor, signal) => api<Page<Company>>('GET', `/companies${query({ q, sort, limit: PAGE_SIZE, cursor })}`, { signal }),
    `${sort}\n${q}`,
  );
  const companies = list.items;
  const searching = list.loading && list.loaded;

  return (
    <section className="companies" aria-labelledby="companies-title">
      <div className="page-header">
        <h1 id="companies-title">Companies</h1>
        {mayCreate && !creating && (
          <div className="actions">
            <Link to="/companies/new" className="button primary">
              New company
            </Link>
          </div>
        )}
      </div>

      {creating && (mayCreate ? <NewCompany /> : <p className="notice notice-error" role="alert">Your role may not create companies.</p>)}

      <div className="toolbar" role="search" aria-label="Companies">
        <Field
          label="Search companies"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Name or domain"
          autoComplete="off"
          hint="Matches part of the name or domain"
        />
        <SelectField label="Sort by" value={sort} onChange={(e) => setSort(e.target.value)} options={SORTS} />
      </div>

      <p className="visually-hidden" role="status" aria-live="polite">
        {list.loading ? 'Loading companies…' : list.loaded ? `${companies.length} ${companies.length === 1 ? 'company' : 'companies'} shown${list.hasMore ? ', more available' : ''}.` : ''}
      </p>

      {list.error !== undefined && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.loading && !list.loaded && <Loading what="companies" />}
      {!list.loading && list.error === undefined && list.loaded && companies.length === 0 && (
        <Empty>
          {q ? (
            <>No companies match “{q}”.</>
          ) : mayCreate ? (
            <>
              No companies yet. <Link to="/companies/new">Add the first one</Link>.
            </>
          ) : (
            'No companies yet.'
          )}
        </Empty>
      )}
      {companies.length > 0 && (
        <div className="card table-wrap">
          <table className="data-table" aria-labelledby="companies-title" aria-busy={searching}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Domain</th>
                {showIndustry && <th scope="col">Industry</th>}
                {showSize && <th scope="col">Size</th>}
                <th scope="col">Tags</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/companies/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  </td>
                  <td>{c.domain ?? '—'}</td>
                  {showIndustry && <td>{c.industry ?? '—'}</td>}
                  {showSize && <td>{c.size ?? '—'}</td>}
                  <td>{c.tags?.length ? c.tags.join(', ') : '—'}</td>
                  <td>{formatDate(c.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pages={list} what="companies" />
    </section>
  );
}

function NewCompany() {
  const { me } = useSession();
  const definitions = useCustomFieldList('company');
  const create = async (body: CompanyBody) => {
    const created = await api<Company>('POST', '/companies', { body });
    navigate(`/companies/${encodeURIComponent(created.id)}`);
  };
  return (
    <section className="card" aria-labelledby="new-company-title">
      <h2 id="new-company-title">New company</h2>
      {definitions.loading && !definitions.data && <Loading what="the form" />}
      {definitions.error !== undefined && <ErrorNote error={definitions.error} onRetry={definitions.reload} />}
      {definitions.data && (
        <CompanyForm
          me={me}
          definitions={definitions.data.data.filter((d) => d.object_type === 'company')}
          labelledBy="new-company-title"
          submitLabel="Create company"
          busyLabel="Creating…"
          onSubmit={create}
          onCancel={() => navigate('/companies')}
        />
      )}
    </section>
  );
}
