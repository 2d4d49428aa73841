// The help center's articles for staff: filters (status, category, language), title search, and a
// link to each article's editor. Drafts show here; the public pages show only published ones.
import { useState } from 'react';
import { Link } from '../../app/router';
import { useApi } from '../../api/useResource';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useDebounced } from '../../ui/useDebounced';
import { categoryName, STATUSES, type KbArticle, type KbCategory } from './types';

export function ArticleList({ canWrite }: { canWrite: boolean }) {
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [language, setLanguage] = useState('');
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const params = new URLSearchParams({ limit: '200' });
  if (status) params.set('status', status);
  if (category) params.set('category_id', category);
  if (language.trim()) params.set('language', language.trim());
  if (q.trim()) params.set('q', q.trim());
  const articles = useApi<{ data: KbArticle[]; total: number }>(`/kb/articles?${params}`);
  const categories = useApi<{ data: KbCategory[] }>('/kb/categories');
  const rows = articles.data?.data ?? [];
  return (
    <section aria-labelledby="kb-articles-title">
      <div className="page-header">
        <h2 id="kb-articles-title">Articles</h2>
        {canWrite && (
          <Link to="/kb/articles/new" className="button primary">
            New article
          </Link>
        )}
      </div>
      <div className="filters" role="search">
        <label>
          Search titles <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category{' '}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">Any</option>
            {(categories.data?.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language <input value={language} onChange={(e) => setLanguage(e.target.value)} size={5} maxLength={10} placeholder="any" />
        </label>
      </div>
      {articles.loading && !articles.data && <Loading what="articles" />}
      {articles.error !== undefined && <ErrorNote error={articles.error} onRetry={articles.reload} />}
      {articles.data && rows.length === 0 && <Empty>No articles match.</Empty>}
      {rows.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Help center articles</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Category</th>
              <th scope="col">Language</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/kb/articles/${a.id}`}>{a.title}</Link>
                </td>
                <td>
                  <span className={`badge badge-${a.status}`}>{humanize(a.status)}</span>
                </td>
                <td>{categoryName(categories.data?.data, a.category_id)}</td>
                <td>{a.language}</td>
                <td>{formatDateTime(a.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {articles.data && articles.data.total > rows.length && (
        <p className="state">
          Showing {rows.length} of {articles.data.total}; narrow the filters to see the rest.
        </p>
      )}
    </section>
  );
}
