// Two home sections fed by customer health (modules/health): my customers at high churn risk,
// lowest score first, and the newest detractors and low ratings among my customers — each a
// short list linking to the customer, with its empty state. Both update live, like the other
// Home sections: the at-risk list on health.risk_changed (AtRiskList), the detractors on
// bad_experience.recorded and .resolved.
import type { RecentBadExperienceList } from '../../api/types';
import { useLiveEvents, useLiveReset } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { formatDate } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { AtRiskList } from '../health/HealthPage';

export function AtRiskCustomers() {
  return (
    <section className="home-card" aria-labelledby="home-at-risk">
      <h2 id="home-at-risk">
        My customers at risk <Link to="/health">All</Link>
      </h2>
      <AtRiskList risk="high" mine limit={5} />
    </section>
  );
}

export function RecentDetractors() {
  const recent = useApi<RecentBadExperienceList>('/bad-experiences?owner=me&cause=detractor,low_csat,low_rating,negative_review,negative_comment&limit=5');
  useLiveEvents('bad_experience.', () => recent.reload());
  useLiveReset(() => recent.reload());
  return (
    <section className="home-card" aria-labelledby="home-detractors">
      <h2 id="home-detractors">Recent detractors</h2>
      {recent.loading && !recent.data && <Loading what="detractors" />}
      {recent.error !== undefined && <ErrorNote error={recent.error} onRetry={recent.reload} />}
      {recent.data && recent.data.data.length === 0 && <Empty>No recent detractors.</Empty>}
      {recent.data && recent.data.data.length > 0 && (
        <ul className="task-list">
          {recent.data.data.map((b) => (
            <li key={b.id}>
              <Link to={`/customers/${b.customer_id}`}>{b.display_name}</Link>: {b.summary}{' '}
              <span className="muted">
                {formatDate(b.occurred_at)}
                {b.state !== 'open' ? ` · ${b.state}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
