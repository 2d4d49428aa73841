// A company's people, most recently active first, paged by cursor.
import { api, type Page } from '../../api/client';
import type { Customer } from '../../api/types';
import { usePages } from '../../api/usePages';
import { Link } from '../../app/router';
import { formatDateTime, humanize, primaryOf } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';

const PEOPLE_PAGE = 50;

export function CompanyPeople({ companyId }: { companyId: string }) {
  const people = usePages<Customer>(
    (cursor, signal) =>
      api<Page<Customer>>('POST', '/customers/search', {
        body: {
          filter: { field: 'company_id', op: 'eq', value: companyId },
          sort: '-updated_at',
          limit: PEOPLE_PAGE,
          ...(cursor ? { cursor } : {}),
        },
        signal,
      }),
    companyId,
  );
  const list = people.items;
  return (
    <section className="card" aria-labelledby="company-people-title">
      <h2 id="company-people-title">People</h2>
      <p className="field-hint">Most recently active first.</p>
      {people.loading && !people.loaded && <Loading what="people" />}
      {people.error !== undefined && <ErrorNote error={people.error} onRetry={people.reload} />}
      {people.loaded && list.length === 0 && <Empty>No one at this company yet.</Empty>}
      {list.length > 0 && (
        <DataTable columns={['Name', 'Email', 'Lifecycle stage', 'Last updated']} labelledBy="company-people-title">
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
        </DataTable>
      )}
      <LoadMore pages={people} what="people" />
    </section>
  );
}
