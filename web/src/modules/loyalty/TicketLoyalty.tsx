// The customer's loyalty beside a ticket (issue 16: "a support agent sees a customer's tier and
// can grant a goodwill reward from the ticket"): tier and points at a glance, and — for roles with
// loyalty create — a goodwill grant and a voucher whose reason names the ticket, so the ledger,
// the timeline and the audit trail say why. Nothing shows without a programme or loyalty read.
// The server checks access again and caps a grant at the programme's goodwill_max.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import { IssueForm } from './CustomerVouchers';
import { Disclosure } from './Disclosure';
import type { LoyaltyMember, LoyaltyMovement, LoyaltyProgramme } from './types';

interface Props {
  customerId: string;
  /** Names the ticket in a grant's or voucher's reason; a chat beside its own ticket may not know it. */
  ticketNumber?: number;
}

export function TicketLoyalty({ customerId, ticketNumber }: Props) {
  const { me } = useSession();
  const readable = can(me, 'loyalty', 'read');
  // Asked first, so that a desk without a programme makes no request the server refuses (422).
  const programmes = useApi<{ data: LoyaltyProgramme[] }>(readable ? '/loyalty/programmes' : null);
  const hasProgramme = (programmes.data?.data.length ?? 0) > 0;
  const member = useApi<LoyaltyMember>(readable && hasProgramme ? `/customers/${customerId}/loyalty?limit=1` : null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!readable || !hasProgramme) return null;
  // Any failure leaves the ticket's panel as it was, without loyalty.
  if (member.error !== undefined || !member.data) return null;
  const m = member.data;
  const unit = m.programme.points_name;
  const why = ticketNumber === undefined ? 'Goodwill' : `Goodwill for ticket #${ticketNumber}`;
  const next = m.tier?.progress.next;
  return (
    <section className="ticket-loyalty" aria-labelledby="ticket-loyalty-title">
      <h3 id="ticket-loyalty-title">{m.programme.name}</h3>
      <p data-testid="ticket-loyalty-summary">
        {m.tier && <strong>{m.tier.current ? m.tier.current.name : 'No tier yet'}</strong>}
        {m.tier && ' · '}
        {m.balance.available} {unit} available
        {m.balance.pending > 0 && ` · ${m.balance.pending} pending`}
        {m.balance.debt < 0 && ` · ${-m.balance.debt} owed`}
      </p>
      {m.tier?.current && (m.tier.current.free_shipping || m.tier.current.support_priority !== 'normal') && (
        <p className="field-hint">
          {[m.tier.current.free_shipping ? 'free shipping' : null, m.tier.current.support_priority !== 'normal' ? `${m.tier.current.support_priority} support priority` : null]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {next && (
        <p className="field-hint">
          {String(next.remaining)} to {next.name}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="ticket-loyalty-notice">
          {notice}
        </p>
      )}
      {can(me, 'loyalty', 'create') && (
        <>
          <GrantForm
            customerId={customerId}
            programme={m.programme.id}
            unit={unit}
            defaultReason={why}
            onGranted={(moved) => {
              setNotice(`Granted. Available now: ${moved.balance.available} ${unit}.`);
              member.reload();
            }}
          />
          <IssueForm customerId={customerId} defaultNote={why} onIssued={(code) => setNotice(`Issued voucher ${code}. Give the customer this code.`)} />
        </>
      )}
    </section>
  );
}

interface GrantProps {
  customerId: string;
  programme: string;
  unit: string;
  defaultReason: string;
  onGranted: (moved: LoyaltyMovement) => void;
}

function GrantForm({ customerId, programme, unit, defaultReason, onGranted }: GrantProps) {
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState(defaultReason);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setBusy(true);
    try {
      const body = { programme, points: Number(points), reason: reason.trim() || defaultReason };
      onGranted(await api<LoyaltyMovement>('POST', `/customers/${customerId}/loyalty/grants`, { body }));
      setPoints('');
    } catch (err) {
      const placed = placeErrors(err, (path) => (path === 'points' || path === 'reason' ? path : null));
      setFields(placed.fields);
      setError(placed.rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Disclosure className="card" summary={`Grant goodwill ${unit}`}>
      <form onSubmit={(e) => void submit(e)} aria-label="Grant goodwill points">
        <FormError message={error} />
        <Field label="Points" type="number" min={1} step={1} value={points} onChange={(e) => setPoints(e.target.value)} error={fields.points} required />
        <Field label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={fields.reason} maxLength={500} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Grant
          </button>
        </div>
      </form>
    </Disclosure>
  );
}
