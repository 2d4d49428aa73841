// The customer's vouchers on the Loyalty tab (docs/design/loyalty.md § Vouchers): the codes issued
// to them with their state, and "Issue a voucher" for roles with loyalty create (support, from a
// ticket's customer too), and redeeming a reward from the catalogue for points (one above the
// customer's tier shows why instead). The server checks access again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { errorText, placeErrors } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { Disclosure } from './Disclosure';
import { EMPTY_RULES, VoucherRulesFields, rulesBody, type RulesDraft } from './VoucherRulesFields';
import { VOUCHER_STATES, voucherFieldOf, type Reward, type RewardRedemption, type Voucher } from './vouchers';

export function CustomerVouchers({ customerId, onPointsChanged }: { customerId: string; onPointsChanged?: () => void }) {
  const { me } = useSession();
  const vouchers = useApi<{ data: Voucher[] }>(`/customers/${customerId}/loyalty/vouchers`);
  const [issued, setIssued] = useState<string | null>(null);
  if (!can(me, 'loyalty', 'read')) return null;
  return (
    <section aria-labelledby="vouchers-title">
      <h3 id="vouchers-title">Vouchers</h3>
      {issued && (
        <p className="notice" role="status">
          Issued <strong data-testid="issued-code">{issued}</strong>. Give the customer this code.
        </p>
      )}
      {can(me, 'loyalty', 'create') && (
        <>
          <IssueForm customerId={customerId} onIssued={(code) => { setIssued(code); vouchers.reload(); }} />
          <RewardPicker customerId={customerId} onBought={(code) => { setIssued(code); vouchers.reload(); onPointsChanged?.(); }} />
        </>
      )}
      {vouchers.error !== undefined && !vouchers.data ? (
        <ErrorNote error={vouchers.error} onRetry={vouchers.reload} />
      ) : !vouchers.data ? (
        <Loading what="vouchers" />
      ) : vouchers.data.data.length === 0 ? (
        <Empty>No vouchers issued to this customer.</Empty>
      ) : (
        <DataTable columns={['Code', 'Worth', 'State', 'Issued']} wrapClassName="table-scroll">
          {vouchers.data.data.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <code>{v.code}</code>
              </th>
              <td>{v.description}</td>
              <td data-testid={`voucher-state-${v.code}`}>{VOUCHER_STATES[v.state]}</td>
              <td>{formatDateTime(v.created_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** "Issue a voucher": here and beside a ticket (TicketLoyalty.tsx), where `defaultNote` names it. */
export function IssueForm({ customerId, onIssued, defaultNote = '' }: { customerId: string; onIssued: (code: string) => void; defaultNote?: string }) {
  const [draft, setDraft] = useState<RulesDraft>(EMPTY_RULES);
  const [note, setNote] = useState(defaultNote);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setBusy(true);
    try {
      const body = rulesBody(draft);
      if (note.trim()) body.note = note.trim();
      const voucher = await api<Voucher>('POST', `/customers/${customerId}/loyalty/vouchers`, { body });
      setDraft(EMPTY_RULES);
      setNote(defaultNote);
      onIssued(voucher.code);
    } catch (err) {
      const placed = placeErrors(err, voucherFieldOf);
      setFields(placed.fields);
      setError(placed.rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Disclosure className="card" summary="Issue a voucher">
      <form onSubmit={(e) => void submit(e)} aria-label="Issue a voucher">
        <FormError message={error} />
        <VoucherRulesFields draft={draft} setDraft={setDraft} fields={fields} />
        <Field label="Why (on the timeline)" value={note} onChange={(e) => setNote(e.target.value)} error={fields.note} maxLength={200} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Issue voucher
          </button>
        </div>
      </form>
    </Disclosure>
  );
}

/** The active rewards; buying one spends the customer's points and issues its voucher. */
function RewardPicker({ customerId, onBought }: { customerId: string; onBought: (code: string) => void }) {
  // Read for this customer: a reward above their tier is listed with the reason, not offered.
  const rewards = useApi<{ data: Reward[] }>(`/loyalty/rewards?customer_id=${encodeURIComponent(customerId)}`);
  const [error, setError] = useState<string | null>(null);
  const offered = (rewards.data?.data ?? []).filter((r) => r.active && r.stock !== 0);
  if (offered.length === 0) return null;
  const buy = async (reward: Reward) => {
    setError(null);
    try {
      const bought = await api<RewardRedemption>('POST', `/customers/${customerId}/loyalty/reward-redemptions`, { body: { reward_id: reward.id } });
      onBought(bought.voucher.code);
      rewards.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Disclosure className="card" summary="Redeem a reward">
      <FormError message={error} />
      <ul className="plain-list">
        {offered.map((r) => (
          <li key={r.id}>
            {r.name} ({r.description}) — {r.points} points{r.min_tier ? ` · ${r.min_tier} and above` : ''}{' '}
            {r.available === false ? (
              <em data-testid={`reward-unavailable-${r.id}`}>{r.unavailable_reason}</em>
            ) : (
              <button type="button" onClick={() => void buy(r)}>
                Redeem
              </button>
            )}
          </li>
        ))}
      </ul>
    </Disclosure>
  );
}
