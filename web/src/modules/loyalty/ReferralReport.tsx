// Settings → Loyalty → Referrals (docs/design/loyalty.md § Referrals): the programme's referral
// statistics — by state, conversion, a chart per month of referred and rewarded — and the refused
// referrals with their fraud signal, for staff to review.
import { useApi } from '../../api/useResource';
import { BarChart } from '../../ui/BarChart';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { formatDateTime } from '../../ui/format';
import { REFERRAL_STATES, conversionText, referralStateText, type Referral, type ReferralState, type ReferralStats } from './referrals';

export function ReferralReport() {
  const stats = useApi<ReferralStats>('/loyalty/referral-stats');
  const refused = useApi<{ data: Referral[] }>('/loyalty/referrals?state=refused&limit=50');
  if (stats.error !== undefined && !stats.data) return <ErrorNote error={stats.error} onRetry={stats.reload} />;
  if (!stats.data) return <Loading what="referral statistics" />;
  const s = stats.data;
  return (
    <section className="card" aria-labelledby="referral-report-title">
      <h2 id="referral-report-title">Referrals</h2>
      <p data-testid="referral-conversion">
        {s.by_state.rewarded} rewarded of {Object.entries(s.by_state).filter(([k]) => k !== 'refused').reduce((n, [, v]) => n + v, 0)} referred ({conversionText(s.conversion)}); {s.by_state.refused} refused.
      </p>
      <DataTable columns={['State', 'Referrals']} wrapClassName="table-scroll">
        {(Object.keys(REFERRAL_STATES) as ReferralState[]).map((state) => (
          <tr key={state}>
            <th scope="row">{REFERRAL_STATES[state]}</th>
            <td>{s.by_state[state]}</td>
          </tr>
        ))}
      </DataTable>
      {s.months.length > 0 && (
        <>
          <BarChart
            title="Referred and rewarded per month"
            rows={s.months}
            name={(m) => m.month}
            series={[
              { key: 'referred', label: 'Referred', color: '#3b6fd1' },
              { key: 'rewarded', label: 'Rewarded', color: '#2e8b57' },
            ]}
            value={(m, key) => (key === 'referred' ? m.referred : m.rewarded)}
          />
          <DataTable columns={['Month', 'Referred', 'Rewarded']} wrapClassName="table-scroll">
            {s.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td>{m.referred}</td>
                <td>{m.rewarded}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <h3>Refused, to review</h3>
      {refused.error !== undefined && !refused.data ? (
        <ErrorNote error={refused.error} onRetry={refused.reload} />
      ) : !refused.data ? (
        <Loading what="refused referrals" />
      ) : refused.data.data.length === 0 ? (
        <Empty>No referral was refused.</Empty>
      ) : (
        <DataTable columns={['New customer', 'Referrer', 'Why', 'When']} wrapClassName="table-scroll">
          {refused.data.data.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.referee_name ?? r.referee_id}</th>
              <td>{r.referrer_name ?? r.referrer_id}</td>
              <td data-testid={`refused-${r.referee_id}`} title={r.detail ?? undefined}>
                {referralStateText(r)}
              </td>
              <td>{formatDateTime(r.created_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
