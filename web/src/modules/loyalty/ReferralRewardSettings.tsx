// Settings → Loyalty: what each side of a rewarded referral gets (docs/design/loyalty.md §
// Referrals) — the programme's referral points (the default), or a voucher issued when the
// referral is rewarded, with its value, currency, minimum order and days of validity. Saved as the
// programme's `referral_rewards` with If-Match, the rest of the programme sent back unchanged.
// Read-only without the loyalty_programmes edit level; the server checks every field again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { can, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import type { LoyaltyProgramme } from './types';
import { EMPTY_RULES, VoucherRulesFields, rulesBody, type RulesDraft } from './VoucherRulesFields';
import { voucherFieldOf, type VoucherValueType } from './vouchers';

type Side = 'referrer' | 'referee';
const SIDES: { side: Side; label: string }[] = [
  { side: 'referrer', label: 'The customer who referred' },
  { side: 'referee', label: 'The new customer' },
];
const KINDS = [
  { value: 'points', label: 'The referral bonus in points' },
  { value: 'voucher', label: 'A voucher' },
];

interface SideDraft {
  kind: 'points' | 'voucher';
  rules: RulesDraft;
  days: string;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The form's state from a stored side ({kind, voucher?: {value, currency, min_order, expires_in_days}}). */
export function sideDraftOf(stored: { kind: string; voucher?: Record<string, unknown> } | undefined): SideDraft {
  if (!stored || stored.kind !== 'voucher' || !stored.voucher) return { kind: 'points', rules: EMPTY_RULES, days: '' };
  const v = stored.voucher;
  const value = (v.value ?? {}) as Record<string, unknown>;
  return {
    kind: 'voucher',
    rules: {
      ...EMPTY_RULES,
      type: (text(value.type) || 'amount_off') as VoucherValueType,
      amount: text(value.amount),
      percent: text(value.percent) || EMPTY_RULES.percent,
      product: text(value.product_id),
      currency: text(v.currency),
      min_order: text(v.min_order),
    },
    days: text(v.expires_in_days),
  };
}

/** The request's side: a voucher's rules without a fixed date, its validity in days instead. */
export function sideBody(draft: SideDraft): Record<string, unknown> {
  if (draft.kind === 'points') return { kind: 'points' };
  const voucher = rulesBody({ ...draft.rules, expires_on: '' });
  if (draft.days.trim()) voucher.expires_in_days = Number(draft.days);
  return { kind: 'voucher', voucher };
}

/** "referral_rewards.referee.voucher.value.amount" → ["referee", "amount"]. */
export function sideFieldOf(path: string): [Side, string] | null {
  const match = /^referral_rewards\.(referrer|referee)(?:\.(.*))?$/.exec(path);
  if (!match) return null;
  const side = match[1] as Side;
  const rest = match[2] ?? 'kind';
  if (rest === 'kind') return [side, 'kind'];
  if (rest === 'voucher.expires_in_days') return [side, 'days'];
  const field = rest.startsWith('voucher.') ? voucherFieldOf(rest.slice('voucher.'.length)) : null;
  return field ? [side, field] : [side, 'kind'];
}

// `saved` lives in the parent: the form is keyed by the programme's version, so the reload after a
// save mounts a new one, which would drop a notice held here before anyone could read it.
export function ReferralRewardSettings({
  programme,
  saved,
  setSaved,
  onSaved,
}: {
  programme: LoyaltyProgramme;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  onSaved: () => void;
}) {
  const { me } = useSession();
  const editable = can(me, 'loyalty_programmes', 'edit');
  const [drafts, setDrafts] = useState<Record<Side, SideDraft>>(() => ({
    referrer: sideDraftOf(programme.referral_rewards?.referrer),
    referee: sideDraftOf(programme.referral_rewards?.referee),
  }));
  const [fields, setFields] = useState<Record<Side, Record<string, string>>>({ referrer: {}, referee: {} });
  const [error, setError] = useState<string | null>(null);
  const update = (side: Side, change: Partial<SideDraft>) => setDrafts((d) => ({ ...d, [side]: { ...d[side], ...change } }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({ referrer: {}, referee: {} });
    setError(null);
    setSaved(false);
    const body = { ...programme, referral_rewards: { referrer: sideBody(drafts.referrer), referee: sideBody(drafts.referee) } };
    try {
      await api<LoyaltyProgramme>('PUT', `/loyalty/programmes/${programme.id}`, { body, ifMatch: programme.version });
      setSaved(true);
      onSaved();
    } catch (err) {
      const placed: Record<Side, Record<string, string>> = { referrer: {}, referee: {} };
      const rest = placeErrors(err, (path) => {
        const at = sideFieldOf(path);
        return at ? `${at[0]}.${at[1]}` : null;
      });
      for (const [key, message] of Object.entries(rest.fields)) {
        const [side, field] = key.split('.') as [Side, string];
        placed[side][field] = message;
      }
      setFields(placed);
      setError(rest.rest);
    }
  };

  return (
    <section className="card" aria-labelledby="referral-rewards-title">
      <h2 id="referral-rewards-title">Referral rewards</h2>
      <p>What each side gets once the new customer's first order is past the return window.</p>
      <form onSubmit={(e) => void save(e)} aria-label="Referral rewards">
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            Saved. Referrals rewarded from now on get these.
          </p>
        )}
        <fieldset disabled={!editable}>
          {SIDES.map(({ side, label }) => (
            <fieldset key={side} className="referral-reward-side">
              <legend>{label}</legend>
              <SelectField label="Reward" value={drafts[side].kind} onChange={(e) => update(side, { kind: e.target.value as SideDraft['kind'] })} options={KINDS} error={fields[side].kind} />
              {drafts[side].kind === 'voucher' && (
                <>
                  <VoucherRulesFields draft={drafts[side].rules} setDraft={(rules) => update(side, { rules })} fields={fields[side]} withExpiry={false} />
                  <Field
                    label="Valid for (days, optional)"
                    type="number"
                    min={1}
                    max={3650}
                    step={1}
                    value={drafts[side].days}
                    onChange={(e) => update(side, { days: e.target.value })}
                    error={fields[side].days}
                  />
                </>
              )}
            </fieldset>
          ))}
          <div className="actions">
            <button type="submit" className="primary">
              Save referral rewards
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
