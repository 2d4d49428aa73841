// Settings → Loyalty (docs/design/loyalty.md § Programmes): the programme's name, points name,
// currency, return window, points per amount spent, bonuses, referral limits and expiry. Whoever
// may configure loyalty programmes edits; everyone else reads. Fields the form does not show are
// kept as they are: the whole programme is sent back. Each rule's conditions and limits
// (minimums, exclusions, caps, the tier multiplier) and the referral rewards are forms of their own
// (EarnRuleSettings.tsx, RewardChoiceSettings.tsx, also for a review's reward); below them, replaying past orders, tiers,
// rewards and vouchers.
import { useState, type FormEvent } from 'react';
import { api, type Page } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { placeErrors } from '../../ui/errors';
import type { LoyaltyProgramme } from './types';
import { EarnRuleSettings } from './EarnRuleSettings';
import { ReferralReport } from './ReferralReport';
import { REFERRAL_SIDES, REVIEW_SIDES, RewardChoiceSettings } from './RewardChoiceSettings';
import { ReplayPastOrders } from './ReplayPastOrders';
import { RewardsCatalogue } from './RewardsCatalogue';
import { StampCardSettings } from './StampCardSettings';
import { TierSettings } from './TierSettings';
import { VoucherBatches } from './VoucherBatches';

const NEW_ID = 'points';
const EXPIRY_MODES = [
  { value: 'none', label: 'Never' },
  { value: 'per_lot', label: 'Each earning, a number of months after it was earned' },
  { value: 'inactivity', label: 'Everything, after a number of months without activity' },
];
const FIELDS = [
  'name',
  'points_name',
  'currency',
  'pending_days',
  'spend_points',
  'spend_per',
  'per_order',
  'first_order',
  'signup',
  'birthday',
  'review_published',
  'survey_answered',
  'referral',
  'network_per_week',
  'referrer_cap',
  'referrer_cap_days',
  'expiry_mode',
  'expiry_months',
] as const;
type FormState = Record<(typeof FIELDS)[number], string>;

function draftOf(p: LoyaltyProgramme | undefined): FormState {
  return {
    name: p?.name ?? 'Loyalty points',
    points_name: p?.points_name ?? 'points',
    currency: p?.currency ?? 'EUR',
    pending_days: String(p?.pending_days ?? 14),
    spend_points: String(p?.earn?.spend?.points ?? 1),
    spend_per: p?.earn?.spend?.per ?? '1.00',
    per_order: String(p?.earn?.per_order?.points ?? 0),
    first_order: String(p?.earn?.first_order?.points ?? 0),
    signup: String(p?.earn?.signup?.points ?? 0),
    birthday: String(p?.earn?.birthday?.points ?? 0),
    review_published: String(p?.earn?.review_published?.points ?? 0),
    survey_answered: String(p?.earn?.survey_answered?.points ?? 0),
    referral: String(p?.earn?.referral?.points ?? 0),
    network_per_week: String(p?.referral_limits?.network_per_week ?? 3),
    referrer_cap: String(p?.referral_limits?.referrer_cap ?? 10),
    referrer_cap_days: String(p?.referral_limits?.referrer_cap_days ?? 30),
    expiry_mode: p?.expiry?.mode ?? 'none',
    expiry_months: p?.expiry?.months ? String(p.expiry.months) : '',
  };
}

/** Server paths ("earn.spend.per") to the form's fields. */
function fieldOf(path: string): string | null {
  const map: Record<string, string> = {
    'earn.spend.points': 'spend_points',
    'earn.spend.per': 'spend_per',
    'earn.per_order': 'per_order',
    'earn.per_order.points': 'per_order',
    'earn.first_order': 'first_order',
    'earn.first_order.points': 'first_order',
    'earn.signup': 'signup',
    'earn.signup.points': 'signup',
    'earn.birthday': 'birthday',
    'earn.birthday.points': 'birthday',
    'earn.review_published': 'review_published',
    'earn.review_published.points': 'review_published',
    'earn.survey_answered': 'survey_answered',
    'earn.survey_answered.points': 'survey_answered',
    'earn.referral': 'referral',
    'earn.referral.points': 'referral',
    'referral_limits.network_per_week': 'network_per_week',
    'referral_limits.referrer_cap': 'referrer_cap',
    'referral_limits.referrer_cap_days': 'referrer_cap_days',
    'expiry.mode': 'expiry_mode',
    'expiry.months': 'expiry_months',
  };
  if (map[path]) return map[path];
  return (FIELDS as readonly string[]).includes(path) ? path : null;
}

export function LoyaltySettingsTab() {
  const programmes = useApi<Page<LoyaltyProgramme>>('/loyalty/programmes');
  // Kept here, not in the forms: a save reloads the programme, whose new version remounts each
  // form (their keys name the form too: siblings with one key are duplicated by React).
  const [saved, setSaved] = useState<string | null>(null);
  const [referralSaved, setReferralSaved] = useState(false);
  const [rulesSaved, setRulesSaved] = useState(false);
  const [reviewSaved, setReviewSaved] = useState(false);
  if (programmes.error !== undefined && !programmes.data) return <ErrorNote error={programmes.error} onRetry={programmes.reload} />;
  if (!programmes.data) return <Loading what="the loyalty programme" />;
  const current = programmes.data.data[0];
  return (
    <>
      <ProgrammeForm
        key={current ? `programme:${current.id}:${current.version}` : 'new'}
        programme={current}
        saved={saved}
        setSaved={setSaved}
        onSaved={programmes.reload}
      />
      {current && (
        <EarnRuleSettings key={`rules:${current.id}:${current.version}`} programme={current} saved={rulesSaved} setSaved={setRulesSaved} onSaved={programmes.reload} />
      )}
      {current && (
        <RewardChoiceSettings
          key={`referral:${current.id}:${current.version}`}
          programme={current}
          sides={REFERRAL_SIDES}
          title="Referral rewards"
          intro="What each side gets once the new customer's first order is past the return window."
          pointsLabel="The referral bonus in points"
          saveLabel="Save referral rewards"
          savedText="Saved. Referrals rewarded from now on get these."
          saved={referralSaved}
          setSaved={setReferralSaved}
          onSaved={programmes.reload}
        />
      )}
      {current && (
        <RewardChoiceSettings
          key={`review:${current.id}:${current.version}`}
          programme={current}
          sides={REVIEW_SIDES}
          title="Review reward"
          intro="What a customer gets when staff publish their review: once per product, never for a rejected review, never taken back by a later edit."
          pointsLabel="The published review bonus in points"
          saveLabel="Save review reward"
          savedText="Saved. Reviews published from now on get this."
          saved={reviewSaved}
          setSaved={setReviewSaved}
          onSaved={programmes.reload}
        />
      )}
      {current && <ReplayPastOrders programme={current.id} />}
      {current && <TierSettings programme={current.id} />}
      {current && <RewardsCatalogue programme={current.id} />}
      <StampCardSettings />
      <ReferralReport />
      <VoucherBatches />
    </>
  );
}

function ProgrammeForm({
  programme,
  saved,
  setSaved,
  onSaved,
}: {
  programme: LoyaltyProgramme | undefined;
  saved: string | null;
  setSaved: (message: string | null) => void;
  onSaved: () => void;
}) {
  const { me } = useSession();
  const editable = can(me, 'loyalty_programmes', programme ? 'edit' : 'create');
  const [form, setForm] = useState<FormState>(() => draftOf(programme));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setSaved(null);
    const whole = (text: string) => (text.trim() === '' ? undefined : Number(text));
    const body = {
      ...(programme ?? {}),
      name: form.name,
      points_name: form.points_name,
      currency: form.currency.trim().toUpperCase(),
      pending_days: whole(form.pending_days),
      expiry: { ...(programme?.expiry ?? {}), mode: form.expiry_mode, months: form.expiry_mode === 'none' ? null : whole(form.expiry_months) },
      earn: {
        ...(programme?.earn ?? {}),
        spend: { ...(programme?.earn?.spend ?? {}), points: whole(form.spend_points), per: form.spend_per },
        // Each rule's conditions, caps and multiplier flag (EarnRuleSettings.tsx) go back as they are.
        per_order: { ...(programme?.earn?.per_order ?? {}), points: whole(form.per_order) },
        first_order: { ...(programme?.earn?.first_order ?? {}), points: whole(form.first_order) },
        signup: { ...(programme?.earn?.signup ?? {}), points: whole(form.signup) },
        birthday: { ...(programme?.earn?.birthday ?? {}), points: whole(form.birthday) },
        review_published: { ...(programme?.earn?.review_published ?? {}), points: whole(form.review_published) },
        survey_answered: { ...(programme?.earn?.survey_answered ?? {}), points: whole(form.survey_answered) },
        referral: { ...(programme?.earn?.referral ?? {}), points: whole(form.referral) },
      },
      referral_limits: {
        network_per_week: whole(form.network_per_week),
        referrer_cap: whole(form.referrer_cap),
        referrer_cap_days: whole(form.referrer_cap_days),
      },
    };
    try {
      await api<LoyaltyProgramme>('PUT', `/loyalty/programmes/${programme?.id ?? NEW_ID}`, { body, ifMatch: programme?.version });
      setSaved('Saved. New orders earn by these rules.');
      onSaved();
    } catch (err) {
      const placed = placeErrors(err, fieldOf);
      setFields(placed.fields);
      setError(placed.rest);
    }
  };

  return (
    <section className="card" aria-labelledby="loyalty-settings-title">
      <h2 id="loyalty-settings-title">Loyalty programme</h2>
      <p>
        Orders earn points by these rules. Points from an order stay pending for the return window, then become available; a refund takes
        back its share, a cancellation all of them.
      </p>
      <form onSubmit={(e) => void save(e)}>
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
        <fieldset disabled={!editable}>
          <Field label="Programme name" value={form.name} onChange={set('name')} error={fields.name} required maxLength={200} />
          <Field label="What the points are called" value={form.points_name} onChange={set('points_name')} error={fields.points_name} maxLength={40} />
          <Field label="Currency" value={form.currency} onChange={set('currency')} error={fields.currency} hint="Orders in another currency earn nothing." maxLength={3} />
          <Field label="Points per amount spent" type="number" min={0} step={1} value={form.spend_points} onChange={set('spend_points')} error={fields.spend_points} />
          <Field label="…for every" value={form.spend_per} onChange={set('spend_per')} error={fields.spend_per} hint="Whole amounts only, rounded down once per order: 1 point per 1.00 on 12.99 is 12." />
          <Field label="Return window (days points stay pending)" type="number" min={0} max={365} step={1} value={form.pending_days} onChange={set('pending_days')} error={fields.pending_days} />
          <Field label="Bonus per order" type="number" min={0} step={1} value={form.per_order} onChange={set('per_order')} error={fields.per_order} />
          <Field label="First-order bonus" type="number" min={0} step={1} value={form.first_order} onChange={set('first_order')} error={fields.first_order} />
          <Field label="Sign-up bonus" type="number" min={0} step={1} value={form.signup} onChange={set('signup')} error={fields.signup} />
          <Field label="Birthday bonus" type="number" min={0} step={1} value={form.birthday} onChange={set('birthday')} error={fields.birthday} hint="Once a year, on the birthday in the customer's profile." />
          <Field label="Published review bonus" type="number" min={0} step={1} value={form.review_published} onChange={set('review_published')} error={fields.review_published} hint="Once per product a customer reviews, when staff publish the review." />
          <Field label="Answered survey bonus" type="number" min={0} step={1} value={form.survey_answered} onChange={set('survey_answered')} error={fields.survey_answered} />
          <Field label="Referral bonus (to each side)" type="number" min={0} step={1} value={form.referral} onChange={set('referral')} error={fields.referral} hint="When a referred customer's first order is past the return window." />
          <Field
            label="Referrals from one network per week"
            type="number"
            min={1}
            max={1000}
            step={1}
            value={form.network_per_week}
            onChange={set('network_per_week')}
            error={fields.network_per_week}
            hint="One more from the same neighbourhood of addresses in 7 days is refused (when the shop passes the visitor's address)."
          />
          <Field label="Referrals one customer may bring" type="number" min={1} max={1000} step={1} value={form.referrer_cap} onChange={set('referrer_cap')} error={fields.referrer_cap} />
          <Field
            label="…in days"
            type="number"
            min={1}
            max={365}
            step={1}
            value={form.referrer_cap_days}
            onChange={set('referrer_cap_days')}
            error={fields.referrer_cap_days}
            hint="Refused referrals do not count. Every programme's limits apply to every referral."
          />
          <SelectField label="Points expire" value={form.expiry_mode} onChange={set('expiry_mode')} options={EXPIRY_MODES} error={fields.expiry_mode} />
          {form.expiry_mode !== 'none' && (
            <Field label="Months" type="number" min={1} max={120} step={1} value={form.expiry_months} onChange={set('expiry_months')} error={fields.expiry_months} />
          )}
        </fieldset>
        {editable ? (
          <div className="actions">
            <button type="submit" className="primary">
              Save programme
            </button>
          </div>
        ) : (
          <p className="field-hint">Your role may read the programme but not change it.</p>
        )}
      </form>
    </section>
  );
}
