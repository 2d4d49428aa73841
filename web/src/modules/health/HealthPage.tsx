// Customer health across the book: how many customers are at each churn risk, day by day (a
// chart, with the figures as a table for screen readers), and the customers at risk, lowest
// score first, each with the reason that weighs most. The same list, only one's own customers,
// is the home screen's "My customers at risk" (AtRiskList with mine). The list reloads live when
// a customer changes risk band (health.risk_changed) or, for "mine", owner (customer.updated),
// and on a stream reset.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { AtRiskCustomer, AtRiskPage, HealthDistribution } from '../../api/types';
import { useLiveEvents, useLiveReset } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { usePages } from '../../api/usePages';
import { Link } from '../../app/router';
import { DayChart } from '../../ui/DayChart';
import { LoadMore } from '../../ui/LoadMore';
import { Empty, ErrorNote, Loading } from '../../ui/States';

const RISKS = [
  { key: 'high', label: 'High', color: '#b42318' },
  { key: 'medium', label: 'Medium', color: '#dc8a00' },
  { key: 'low', label: 'Low', color: '#2e7d32' },
];

type Day = HealthDistribution['data'][number] & { date: string };

export function HealthPage() {
  const [risk, setRisk] = useState<'high' | 'medium' | 'low' | ''>('high');
  const distribution = useApi<HealthDistribution>('/health/distribution?days=90');
  const days: Day[] = (distribution.data?.data ?? []).map((d) => ({ ...d, date: d.day }));
  return (
    <section aria-labelledby="health-page-title">
      <div className="page-header">
        <h1 id="health-page-title">Customer health</h1>
      </div>
      {distribution.error !== undefined && <ErrorNote error={distribution.error} onRetry={distribution.reload} />}
      {distribution.data && (
        <>
          <p data-testid="risk-now">
            Now: {distribution.data.current.high} at high risk, {distribution.data.current.medium} at medium risk,{' '}
            {distribution.data.current.low} at low risk.
          </p>
          {days.length > 0 ? (
            <DayChart<Day>
              title="Customers per churn risk"
              days={days}
              bars={RISKS}
              value={(d, key) => d[key as 'high' | 'medium' | 'low']}
            />
          ) : (
            <Empty>The daily figures start with the first day the server scores customers.</Empty>
          )}
        </>
      )}
      <div className="toolbar">
        <label>
          Churn risk{' '}
          <select value={risk} onChange={(e) => setRisk(e.target.value as typeof risk)}>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
            <option value="">Any</option>
          </select>
        </label>
      </div>
      <AtRiskList risk={risk} />
    </section>
  );
}

export function AtRiskList({ risk, mine = false, limit = 50 }: { risk: string; mine?: boolean; limit?: number }) {
  const query = `risk=${risk}&limit=${limit}${mine ? '&owner=me' : ''}`;
  const pages = usePages<AtRiskCustomer & { id: string }>(
    async (cursor, signal) => {
      const page = await api<AtRiskPage>('GET', `/health/at-risk?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
      return { ...page, data: page.data.map((c) => ({ ...c, id: c.customer_id })) };
    },
    query,
  );
  // Live: a change of risk band moves customers in or out; for "mine", so does a change of owner
  // (customer.updated). Reloads are coalesced as in the inbox: the nightly review sweep may move
  // many customers at once, and a burst of events should cost one request.
  const { reload } = pages;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      reload();
    }, 300);
  }, [reload]);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);
  useLiveEvents('health.risk_changed', refresh);
  useLiveEvents('customer.updated', () => {
    if (mine) refresh();
  });
  useLiveReset(refresh);
  if (pages.loading && pages.items.length === 0) return <Loading what="customers" />;
  if (pages.error !== undefined && pages.items.length === 0) return <ErrorNote error={pages.error} onRetry={pages.reload} />;
  if (pages.items.length === 0) return <Empty>No customers{risk ? ` at ${risk} risk` : ''}.</Empty>;
  return (
    <>
      <table className="data-table at-risk">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Score</th>
            <th scope="col">Risk</th>
            <th scope="col">Main reason</th>
          </tr>
        </thead>
        <tbody>
          {pages.items.map((c) => (
            <tr key={c.customer_id}>
              <td>
                <Link to={`/customers/${c.customer_id}`}>{c.display_name}</Link>
              </td>
              <td>{c.score}</td>
              <td>
                <span className={`badge risk-${c.risk}`}>{c.risk}</span>
              </td>
              <td>{c.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore pages={pages} what="customers" />
    </>
  );
}
