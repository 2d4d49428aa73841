// Settings → Loyalty: what a rewarded event gives (docs/design/loyalty.md § Referrals, § Review
// rewards) — the programme's bonus points (the default), or a voucher issued when it is rewarded,
// with its value, currency, minimum order and days of validity. One form per event: each side of
// a referral (`referral_rewards.referrer|referee`), a published review (`review_reward`). Saved
// with If-Match, the rest of the programme sent back unchanged. Read-only without the
// loyalty_programmes edit level; the server checks every field again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { can, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import type { LoyaltyProgramme } from './types';
import { EMPTY_RULES, VoucherRulesFields, rulesBody, type RulesDraft } from './VoucherRulesFields';
import { voucherFieldOf, type VoucherValueType } from './vouchers';

/** One reward the form edits, stored at `path` in the programme ("referral_rewards.referee"). */
export interface RewardSide {
  key: string;
  label: string;
  path: string;
}
export const REFERRAL_SIDES: RewardSide[] = [
  { key: 'referrer', label: 'The customer who referred', path: 'referral_rewards.referrer' },
  { key: 'referee', label: 'The new customer', path: 'referral_rewards.referee' },
];
export const REVIEW_SIDES: RewardSide[] = [{ key: 'review', label: 'The reviewer', path: 'review_reward' }];

interface SideDraft {
  kind: 'points' | 'voucher';
  rules: RulesDraft;
  days: string;
}
type Stored = { kind: string; voucher?: Record<string, unknown> } | undefined;

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function storedAt(programme: LoyaltyProgramme, path: string): Stored {
  let at: unknown = programme;
  for (const part of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at && typeof at === 'object' ? (at as Stored) : undefined;
}

/** The programme with each side's reward set at its path (objects along the way copied, not shared). */
export function withRewards(programme: LoyaltyProgramme, sides: RewardSide[], rewards: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const body: Record<string, unknown> = { ...programme };
  for (const side of sides) {
    const parts = side.path.split('.');
    let at = body;
    for (const part of parts.slice(0, -1)) {
      at[part] = { ...((at[part] as Record<string, unknown>) ?? {}) };
      at = at[part] as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = rewards[side.key];
  }
  return body;
}

/** The form's state from a stored reward ({kind, voucher?: {value, currency, min_order, expires_in_days}}). */
export function sideDraftOf(stored: Stored): SideDraft {
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

/** The request's reward: a voucher's rules without a fixed date, its validity in days instead. */
export function sideBody(draft: SideDraft): Record<string, unknown> {
  if (draft.kind === 'points') return { kind: 'points' };
  const voucher = rulesBody({ ...draft.rules, expires_on: '' });
  if (draft.days.trim()) voucher.expires_in_days = Number(draft.days);
  return { kind: 'voucher', voucher };
}

/** "referral_rewards.referee.voucher.value.amount" → ["referee", "amount"] for the sides given. */
export function sideFieldOf(path: string, sides: RewardSide[]): [string, string] | null {
  const side = sides.find((s) => path === s.path || path.startsWith(`${s.path}.`));
  if (!side) return null;
  const rest = path === side.path ? 'kind' : path.slice(side.path.length + 1);
  if (rest === 'kind') return [side.key, 'kind'];
  if (rest === 'voucher.expires_in_days') return [side.key, 'days'];
  const field = rest.startsWith('voucher.') ? voucherFieldOf(rest.slice('voucher.'.length)) : null;
  return field ? [side.key, field] : [side.key, 'kind'];
}

// `saved` lives in the parent: the form is keyed by the programme's version, so the reload after a
// save mounts a new one, which would drop a notice held here before anyone could read it.
export function RewardChoiceSettings({
  programme,
  sides,
  title,
  intro,
  pointsLabel,
  saveLabel,
  savedText,
  saved,
  setSaved,
  onSaved,
}: {
  programme: LoyaltyProgramme;
  sides: RewardSide[];
  title: string;
  intro: string;
  pointsLabel: string;
  saveLabel: string;
  savedText: string;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  onSaved: () => void;
}) {
  const { me } = useSession();
  const editable = can(me, 'loyalty_programmes', 'edit');
  const kinds = [
    { value: 'points', label: pointsLabel },
    { value: 'voucher', label: 'A voucher' },
  ];
  const [drafts, setDrafts] = useState<Record<string, SideDraft>>(() => Object.fromEntries(sides.map((s) => [s.key, sideDraftOf(storedAt(programme, s.path))])));
  const [fields, setFields] = useState<Record<string, Record<string, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const update = (key: string, change: Partial<SideDraft>) => setDrafts((d) => ({ ...d, [key]: { ...d[key], ...change } }));
  const headingId = `${sides[0].key}-reward-title`;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setSaved(false);
    const body = withRewards(programme, sides, Object.fromEntries(sides.map((s) => [s.key, sideBody(drafts[s.key])])));
    try {
      await api<LoyaltyProgramme>('PUT', `/loyalty/programmes/${programme.id}`, { body, ifMatch: programme.version });
      setSaved(true);
      onSaved();
    } catch (err) {
      const placed: Record<string, Record<string, string>> = {};
      const rest = placeErrors(err, (path) => {
        const at = sideFieldOf(path, sides);
        return at ? `${at[0]}.${at[1]}` : null;
      });
      for (const [key, message] of Object.entries(rest.fields)) {
        const [side, field] = key.split('.');
        placed[side] = { ...placed[side], [field]: message };
      }
      setFields(placed);
      setError(rest.rest);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{intro}</p>
      <form onSubmit={(e) => void save(e)} aria-label={title}>
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            {savedText}
          </p>
        )}
        <fieldset disabled={!editable}>
          {sides.map(({ key, label }) => {
            const draft = drafts[key];
            const errors = fields[key] ?? {};
            return (
              <fieldset key={key} className="referral-reward-side">
                <legend>{label}</legend>
                <SelectField label="Reward" value={draft.kind} onChange={(e) => update(key, { kind: e.target.value as SideDraft['kind'] })} options={kinds} error={errors.kind} />
                {draft.kind === 'voucher' && (
                  <>
                    <VoucherRulesFields draft={draft.rules} setDraft={(rules) => update(key, { rules })} fields={errors} withExpiry={false} />
                    <Field
                      label="Valid for (days, optional)"
                      type="number"
                      min={1}
                      max={3650}
                      step={1}
                      value={draft.days}
                      onChange={(e) => update(key, { days: e.target.value })}
                      error={errors.days}
                    />
                  </>
                )}
              </fieldset>
            );
          })}
          <div className="actions">
            <button type="submit" className="primary">
              {saveLabel}
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
