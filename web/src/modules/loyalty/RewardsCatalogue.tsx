// Settings → Loyalty → Rewards (docs/design/loyalty.md § Rewards): what customers can buy with
// their points — each issues a single-use voucher — with stock, a per-customer limit and optionally
// a lowest tier that may buy it. Adding needs loyalty_programmes create, switching on/off and
// restocking edit; the server checks again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { errorText, placeErrors } from '../../ui/errors';
import { Disclosure } from './Disclosure';
import { EMPTY_RULES, VoucherRulesFields, rulesBody, type RulesDraft } from './VoucherRulesFields';
import { voucherFieldOf, type Reward } from './vouchers';

export function RewardsCatalogue({ programme }: { programme: string }) {
  const { me } = useSession();
  const rewards = useApi<{ data: Reward[] }>('/loyalty/rewards');
  const [problem, setProblem] = useState<string | null>(null);
  const editable = can(me, 'loyalty_programmes', 'edit');
  const toggle = async (r: Reward) => {
    setProblem(null);
    try {
      await api<Reward>('PATCH', `/loyalty/rewards/${r.id}`, { body: { active: !r.active }, ifMatch: r.version });
      rewards.reload();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <section className="card" aria-labelledby="rewards-title">
      <h2 id="rewards-title">Rewards</h2>
      <p>Bought with points; each gives the customer a single-use voucher.</p>
      {can(me, 'loyalty_programmes', 'create') && <RewardForm programme={programme} onCreated={rewards.reload} />}
      <FormError message={problem} />
      {rewards.error !== undefined && !rewards.data ? (
        <ErrorNote error={rewards.error} onRetry={rewards.reload} />
      ) : !rewards.data ? (
        <Loading what="rewards" />
      ) : rewards.data.data.length === 0 ? (
        <Empty>No rewards yet.</Empty>
      ) : (
        <DataTable columns={['Reward', 'Worth', 'Points', 'For', 'Left', 'Bought', 'Offer']} wrapClassName="table-scroll">
          {rewards.data.data.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              <td>{r.description}</td>
              <td>{r.points}</td>
              <td>{r.min_tier ? `${r.min_tier} and above` : 'every member'}</td>
              <td>{r.stock ?? 'unlimited'}</td>
              <td>{r.redeemed}</td>
              <td>
                {editable && (
                  <button type="button" onClick={() => void toggle(r)}>
                    {r.active ? 'Withdraw' : 'Offer again'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function RewardForm({ programme, onCreated }: { programme: string; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [points, setPoints] = useState('');
  const [stock, setStock] = useState('');
  const [validDays, setValidDays] = useState('90');
  const [minTier, setMinTier] = useState('');
  const [draft, setDraft] = useState<RulesDraft>(EMPTY_RULES);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    const body: Record<string, unknown> = { ...rulesBody({ ...draft, expires_on: '' }), programme, name, points: Number(points) };
    if (stock.trim()) body.stock = Number(stock);
    if (validDays.trim()) body.valid_days = Number(validDays);
    if (minTier.trim()) body.min_tier = minTier.trim();
    try {
      await api<Reward>('POST', '/loyalty/rewards', { body });
      setName('');
      setPoints('');
      onCreated();
    } catch (err) {
      const placed = placeErrors(err, (path) => (['points', 'stock', 'valid_days', 'min_tier'].includes(path) ? path : voucherFieldOf(path)));
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  return (
    <Disclosure summary="New reward">
      <form onSubmit={(e) => void submit(e)} aria-label="New reward">
        <FormError message={error} />
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} required maxLength={200} />
        <Field label="Price in points" type="number" min={1} step={1} value={points} onChange={(e) => setPoints(e.target.value)} error={fields.points} required />
        <Field label="Stock (empty: unlimited)" type="number" min={0} step={1} value={stock} onChange={(e) => setStock(e.target.value)} error={fields.stock} />
        <Field label="Voucher valid for (days)" type="number" min={1} max={3650} step={1} value={validDays} onChange={(e) => setValidDays(e.target.value)} error={fields.valid_days} />
        <Field label="Only for tier and above (empty: every member)" value={minTier} onChange={(e) => setMinTier(e.target.value)} error={fields.min_tier} maxLength={40} />
        <VoucherRulesFields draft={draft} setDraft={setDraft} fields={fields} withExpiry={false} />
        <div className="actions">
          <button type="submit" className="primary">
            Add reward
          </button>
        </div>
      </form>
    </Disclosure>
  );
}
