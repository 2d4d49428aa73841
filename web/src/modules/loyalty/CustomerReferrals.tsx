// The customer's referrals on the Loyalty tab (docs/design/loyalty.md § Referrals): their code
// and link to share, who referred them, and the customers they referred with each one's state
// (a refusal with its fraud signal). Referrals are made by the shop's signup and first order.
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { ErrorNote, Loading } from '../../ui/States';
import { formatDateTime } from '../../ui/format';
import { referralStateText, type CustomerReferrals as Data } from './referrals';

export function CustomerReferrals({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const data = useApi<Data>(`/customers/${customerId}/loyalty/referral`);
  if (!can(me, 'loyalty', 'read')) return null;
  if (data.error !== undefined && !data.data) return <ErrorNote error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading what="referrals" />;
  const r = data.data;
  return (
    <section aria-labelledby="referrals-title">
      <h3 id="referrals-title">Referrals</h3>
      <dl className="loyalty-balance">
        <div>
          <dt>Code</dt>
          <dd>
            <code data-testid="referral-code">{r.code}</code>
          </dd>
        </div>
        <div>
          <dt>Link</dt>
          <dd>
            <code data-testid="referral-link">{r.link}</code>
          </dd>
        </div>
        <div>
          <dt>Referred by</dt>
          <dd data-testid="referred-by">{r.referred_by ? `${r.referred_by.referrer_name ?? r.referred_by.referrer_id} (${referralStateText(r.referred_by)})` : '—'}</dd>
        </div>
      </dl>
      {r.referrals.length === 0 ? (
        <p>No one has joined with this code yet.</p>
      ) : (
        <DataTable columns={['Customer', 'State', 'Since']} wrapClassName="table-scroll">
          {r.referrals.map((x) => (
            <tr key={x.id}>
              <th scope="row">{x.referee_name ?? x.referee_id}</th>
              <td data-testid={`referral-state-${x.referee_id}`}>{referralStateText(x)}</td>
              <td>{formatDateTime(x.created_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
