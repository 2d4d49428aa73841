// The reviews page (/reviews): the moderation queue (pending first, oldest waiting at the end of a
// page of newest), filters by status, rating and source, and a product's published stats with
// their 1-5 distribution. Moderation happens on each review (ReviewItem); staff who moderate also
// set the automatic request after fulfilment (ReviewSettingsForm).
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { BarChart } from '../../ui/BarChart';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { ReviewItem } from './ReviewItem';
import { ReviewSettingsForm } from './ReviewSettingsForm';
import type { Review, ReviewStats, ReviewStatus } from './reviewTypes';

interface Product {
  id: string;
  name: string;
}

export function Reviews() {
  const { me } = useSession();
  const [status, setStatus] = useState<ReviewStatus | ''>('pending');
  const [rating, setRating] = useState('');
  const [productId, setProductId] = useState('');
  const [more, setMore] = useState<{ key: string; items: Review[]; cursor: string | null } | null>(null);
  const [saved, setSaved] = useState<Map<string, Review>>(new Map());
  const [moreError, setMoreError] = useState<unknown>(null);
  const products = useApi<{ data: Product[] }>('/products?limit=200');
  const names = new Map((products.data?.data ?? []).map((p) => [p.id, p.name]));

  const query = (after: string | null) => {
    const params = new URLSearchParams({ limit: '25' });
    if (status) params.set('status', status);
    if (rating) params.set('rating', rating);
    if (productId) params.set('product_id', productId);
    if (after) params.set('cursor', after);
    return `/reviews?${params}`;
  };
  const firstPath = query(null);
  const first = useApi<{ data: Review[]; next_cursor: string | null }>(firstPath);
  const extra = more?.key === firstPath ? more : null;
  const cursor = extra ? extra.cursor : (first.data?.next_cursor ?? null);
  // A review saved here shows its new version until the list is read again.
  const reviews = first.data
    ? [...first.data.data, ...(extra?.items ?? [])].map((r) => {
        const mine = saved.get(r.id);
        return mine && mine.version > r.version ? mine : r;
      })
    : null;
  const error = first.error ?? moreError;

  async function loadMore() {
    if (!cursor) return;
    try {
      const page = await api<{ data: Review[]; next_cursor: string | null }>('GET', query(cursor));
      setMore({ key: firstPath, items: [...(extra?.items ?? []), ...page.data], cursor: page.next_cursor });
      setMoreError(null);
    } catch (err) {
      setMoreError(err);
    }
  }

  const canModerate = can(me, 'reviews', 'edit');
  return (
    <section aria-labelledby="reviews-title">
      <div className="page-header">
        <h1 id="reviews-title">Reviews</h1>
      </div>
      <form className="toolbar" aria-label="Filter reviews" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as ReviewStatus | '')}>
            <option value="pending">Waiting for moderation</option>
            <option value="published">Published</option>
            <option value="rejected">Rejected</option>
            <option value="">All</option>
          </select>
        </label>
        <label>
          Stars{' '}
          <select value={rating} onChange={(e) => setRating(e.target.value)}>
            <option value="">Any</option>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Product{' '}
          <select value={productId} onChange={(e) => setProductId(e.target.value)}>
            <option value="">Any</option>
            {(products.data?.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {canModerate && <ReviewSettingsForm />}
      {productId && <ProductStats productId={productId} name={names.get(productId) ?? productId} />}
      {error != null && <ErrorNote error={error} onRetry={first.reload} />}
      {reviews === null && error == null && <Loading what="reviews" />}
      {reviews !== null && reviews.length === 0 && <Empty>No reviews here.</Empty>}
      {reviews !== null && reviews.length > 0 && (
        <ul className="review-list" aria-label="Reviews">
          {reviews.map((r) => (
            <ReviewItem
              key={r.id}
              review={r}
              productName={r.product_id ? names.get(r.product_id) : undefined}
              canModerate={canModerate}
              onChanged={(changed) => {
                if (!changed) first.reload();
                else setSaved((current) => new Map(current).set(changed.id, changed));
              }}
            />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          Show more
        </button>
      )}
    </section>
  );
}

function ProductStats({ productId, name }: { productId: string; name: string }) {
  const stats = useApi<ReviewStats>(`/reviews/stats?product_id=${encodeURIComponent(productId)}`);
  if (stats.error) return <ErrorNote error={stats.error} onRetry={stats.reload} />;
  if (!stats.data) return <Loading what="stats" />;
  const s = stats.data;
  const rows = (['5', '4', '3', '2', '1'] as const).map((k) => ({ stars: k, n: s.distribution[k] }));
  return (
    <div className="card" data-testid="review-stats">
      <h2>{name}</h2>
      <p>
        {s.average === null
          ? 'No published reviews yet.'
          : `Average ${s.average} of 5 from ${s.count} published ${s.count === 1 ? 'review' : 'reviews'}.`}
      </p>
      {s.count > 0 && (
        <div className="report-charts">
          <BarChart
            title="Published reviews by stars"
            rows={rows}
            name={(r) => (r.stars === '1' ? '1 star' : `${r.stars} stars`)}
            series={[{ key: 'n', label: 'Reviews', color: '#3b6fd1' }]}
            value={(r) => r.n}
          />
          <table className="data-table">
            <caption>Published reviews by stars</caption>
            <thead>
              <tr>
                <th scope="col">Stars</th>
                <th scope="col">Reviews</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.stars}>
                  <td>{r.stars}</td>
                  <td>{r.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
