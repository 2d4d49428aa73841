// A customer's loyalty (the customer page's Loyalty tab; docs/design/loyalty.md § API): balance,
// pending points and any debt, the history newest first, and the movements the caller's role
// allows — a goodwill grant and a redemption (loyalty create), an adjustment with its required
// reason (loyalty edit, a permission of its own); below it, the stamp cards (CustomerStampCards.tsx),
// the vouchers (CustomerVouchers.tsx) and the referrals (CustomerReferrals.tsx).
// The server checks all of it again.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Page } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { placeErrors } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { CustomerReferrals } from './CustomerReferrals';
import { CustomerStampCards } from './CustomerStampCards';
import { CustomerVouchers } from './CustomerVouchers';
import { allowedMovements, describeEntry, signedPoints, tierProgress, type LoyaltyMember, type LoyaltyMovement, type LoyaltyProgramme, type MovementKind } from './types';

const MOVEMENT_LABELS: Record<MovementKind, string> = {
  grants: 'Grant goodwill points',
  adjustments: 'Adjust the balance (+ or −)',
  redemptions: 'Redeem points',
};

export function LoyaltyCard({ customerId }: { customerId: string }) {
  // A reward bought below spends points: the points card is read again.
  const [spent, setSpent] = useState(0);
  return (
    <>
      <PointsCard key={spent} customerId={customerId} />
      <CustomerStampCards key={`stamps-${spent}`} customerId={customerId} />
      <CustomerVouchers customerId={customerId} onPointsChanged={() => setSpent((n) => n + 1)} />
      <CustomerReferrals customerId={customerId} />
    </>
  );
}

function PointsCard({ customerId }: { customerId: string }) {
  const { me } = useSession();
  // With several programmes, a picker (for those who may read the programmes); the server's
  // default is the oldest programme.
  const programmes = useApi<Page<LoyaltyProgramme>>(can(me, 'loyalty_programmes', 'read') ? '/loyalty/programmes' : null);
  const [programme, setProgramme] = useState('');
  const member = useApi<LoyaltyMember>(`/customers/${customerId}/loyalty?limit=50${programme ? `&programme=${encodeURIComponent(programme)}` : ''}`);
  // Kept here: the reload after a movement shows Loading for a moment, which unmounts the form.
  const [done, setDone] = useState<string | null>(null);
  if (member.error instanceof ApiError && member.error.status === 422) {
    return <Empty>No loyalty programme is set up yet (Settings → Loyalty).</Empty>;
  }
  if (member.error !== undefined && !member.data) return <ErrorNote error={member.error} onRetry={member.reload} />;
  if (!member.data) return <Loading what="loyalty points" />;
  const m = member.data;
  const unit = m.programme.points_name;
  const kinds = allowedMovements(can(me, 'loyalty', 'create'), can(me, 'loyalty', 'edit'));
  return (
    <section aria-labelledby="loyalty-title">
      <h2 id="loyalty-title">{m.programme.name}</h2>
      {(programmes.data?.data.length ?? 0) > 1 && (
        <SelectField
          label="Programme"
          value={m.programme.id}
          onChange={(e) => setProgramme(e.target.value)}
          options={(programmes.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      <dl className="loyalty-balance">
        <div>
          <dt>Available</dt>
          <dd data-testid="loyalty-available">
            {m.balance.available} {unit}
          </dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd data-testid="loyalty-pending">
            {m.balance.pending} {unit}
          </dd>
        </div>
        {m.tier && (
          <div>
            <dt>Tier</dt>
            <dd data-testid="loyalty-tier">
              {m.tier.current ? m.tier.current.name : 'None yet'}
              {m.tier.current?.free_shipping && <span className="field-hint"> · free shipping</span>}
              {m.tier.current && m.tier.current.support_priority !== 'normal' && <span className="field-hint"> · {m.tier.current.support_priority} support priority</span>}
              <br />
              <progress max={1} value={tierProgress(m.tier.progress, unit).ratio} aria-label="Progress to the next tier" />{' '}
              <span className="field-hint" data-testid="loyalty-tier-progress">
                {tierProgress(m.tier.progress, unit).text}
              </span>
            </dd>
          </div>
        )}
        {m.balance.debt < 0 && (
          <div>
            <dt>Owed</dt>
            <dd data-testid="loyalty-debt">
              {-m.balance.debt} {unit} <span className="field-hint">(taken back after they were spent; settled by the next points)</span>
            </dd>
          </div>
        )}
      </dl>
      {kinds.length > 0 && <MovementForm customerId={customerId} programme={m.programme.id} kinds={kinds} unit={unit} done={done} setDone={setDone} onDone={member.reload} />}
      <h3>History</h3>
      {m.history.data.length === 0 ? (
        <Empty>No {unit} yet.</Empty>
      ) : (
        <DataTable columns={['When', 'What', unit.charAt(0).toUpperCase() + unit.slice(1), 'By']} wrapClassName="table-scroll">
          {m.history.data.map((h) => (
            <tr key={h.seq}>
              <td>{formatDateTime(h.created_at)}</td>
              <th scope="row">{describeEntry(h)}</th>
              <td>{signedPoints(h.points)}</td>
              <td>{h.actor.startsWith('system:') ? 'Rapport' : h.actor}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

interface MovementFormProps {
  customerId: string;
  programme: string;
  kinds: MovementKind[];
  unit: string;
  done: string | null;
  setDone: (message: string | null) => void;
  onDone: () => void;
}

function MovementForm({ customerId, programme, kinds, unit, done, setDone, onDone }: MovementFormProps) {
  const [kind, setKind] = useState<MovementKind>(kinds[0]);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textKey = kind === 'redemptions' ? 'reward' : 'reason';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setDone(null);
    if (kind === 'adjustments' && !reason.trim()) {
      setFields({ reason: 'Say why the balance changes.' });
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = { programme, points: Number(points) };
      if (reason.trim()) body[textKey] = reason.trim();
      const moved = await api<LoyaltyMovement>('POST', `/customers/${customerId}/loyalty/${kind}`, { body });
      setDone(`Done. Available now: ${moved.balance.available} ${unit}.`);
      setPoints('');
      setReason('');
      onDone();
    } catch (err) {
      const placed = placeErrors(err, (path) => (path === 'points' ? 'points' : path === textKey ? 'reason' : null));
      setFields(placed.fields);
      setError(placed.rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card loyalty-movement" onSubmit={(e) => void submit(e)} aria-label="Change the points">
      <FormError message={error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <SelectField label="What" value={kind} onChange={(e) => setKind(e.target.value as MovementKind)} options={kinds.map((k) => ({ value: k, label: MOVEMENT_LABELS[k] }))} />
      <Field label="Points" type="number" step={1} value={points} onChange={(e) => setPoints(e.target.value)} error={fields.points} required />
      <Field
        label={kind === 'redemptions' ? 'Reward (optional)' : kind === 'adjustments' ? 'Reason' : 'Reason (optional)'}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fields.reason}
        maxLength={500}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {MOVEMENT_LABELS[kind].split(' (')[0]}
        </button>
      </div>
    </form>
  );
}
