// Settings → Loyalty → Tiers (docs/design/loyalty.md § Tiers): the basis (points earned or money
// spent), the window, the grace period, and the tiers with their benefits. Editable with the
// loyalty_programmes edit level; the server validates again (ascending thresholds, names).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { placeErrors } from '../../ui/errors';

interface TierRow {
  name: string;
  threshold: number | string;
  multiplier: number;
  free_shipping: boolean;
  support_priority: string;
}

interface Settings {
  basis: 'points_earned' | 'money_spent';
  window: { type: 'rolling' | 'calendar_year'; months?: number };
  grace_days: number;
  tiers: TierRow[];
}

const PRIORITIES = ['normal', 'high', 'urgent'].map((p) => ({ value: p, label: p }));

export function TierSettings({ programme }: { programme: string }) {
  const settings = useApi<Settings>(`/loyalty/programmes/${programme}/tiers`);
  if (settings.error !== undefined && !settings.data) return <ErrorNote error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading what="the tiers" />;
  return <TierForm programme={programme} initial={settings.data} />;
}

function TierForm({ programme, initial }: { programme: string; initial: Settings }) {
  const { me } = useSession();
  const editable = can(me, 'loyalty_programmes', 'edit');
  const [draft, setDraft] = useState<Settings>(initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const setTier = (i: number, patch: Partial<TierRow>) => setDraft((d) => ({ ...d, tiers: d.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const money = draft.basis === 'money_spent';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setSaved(null);
    const body = {
      ...draft,
      window: draft.window.type === 'rolling' ? { type: 'rolling', months: Number(draft.window.months ?? 12) } : { type: 'calendar_year' },
      tiers: draft.tiers.map((t) => ({ ...t, threshold: money ? String(t.threshold) : Number(t.threshold), multiplier: Number(t.multiplier) })),
    };
    try {
      setDraft(await api<Settings>('PUT', `/loyalty/programmes/${programme}/tiers`, { body }));
      setSaved('Saved. Members move up at their next earning and down only after their period and grace.');
    } catch (err) {
      const placed = placeErrors(err, (path) => path);
      setFields(placed.fields);
      setError(placed.rest);
    }
  };

  return (
    <section className="card" aria-labelledby="tiers-title">
      <h2 id="tiers-title">Tiers</h2>
      <form onSubmit={(e) => void save(e)} aria-label="Tiers">
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
        <fieldset disabled={!editable}>
          <SelectField
            label="Reached by"
            value={draft.basis}
            onChange={(e) => setDraft({ ...draft, basis: e.target.value as Settings['basis'] })}
            options={[
              { value: 'points_earned', label: 'Points earned (never the balance)' },
              { value: 'money_spent', label: 'Money spent' },
            ]}
            error={fields.basis}
          />
          <SelectField
            label="Over"
            value={draft.window.type}
            onChange={(e) => setDraft({ ...draft, window: { ...draft.window, type: e.target.value as 'rolling' | 'calendar_year' } })}
            options={[
              { value: 'rolling', label: 'A rolling window of months' },
              { value: 'calendar_year', label: 'The calendar year' },
            ]}
            error={fields['window.type']}
          />
          {draft.window.type === 'rolling' && (
            <Field label="Window (months)" type="number" min={1} max={60} value={draft.window.months ?? 12} onChange={(e) => setDraft({ ...draft, window: { type: 'rolling', months: Number(e.target.value) } })} error={fields['window.months']} />
          )}
          <Field label="Grace period before a downgrade (days)" type="number" min={0} max={365} value={draft.grace_days} onChange={(e) => setDraft({ ...draft, grace_days: Number(e.target.value) })} error={fields.grace_days} />
          {draft.tiers.map((t, i) => (
            <fieldset key={i} className="tier-row">
              <legend>Tier {i + 1}</legend>
              <Field label="Name" value={t.name} onChange={(e) => setTier(i, { name: e.target.value })} error={fields[`tiers[${i}].name`]} maxLength={40} />
              <Field label={money ? 'From amount spent' : 'From points earned'} value={String(t.threshold)} onChange={(e) => setTier(i, { threshold: e.target.value })} error={fields[`tiers[${i}].threshold`]} />
              <Field label="Earn multiplier" type="number" min={1} max={10} step={0.1} value={t.multiplier} onChange={(e) => setTier(i, { multiplier: Number(e.target.value) })} error={fields[`tiers[${i}].multiplier`]} />
              <SelectField label="Support priority" value={t.support_priority} onChange={(e) => setTier(i, { support_priority: e.target.value })} options={PRIORITIES} />
              <label>
                <input type="checkbox" checked={t.free_shipping} onChange={(e) => setTier(i, { free_shipping: e.target.checked })} /> Free shipping
              </label>
              <button type="button" onClick={() => setDraft((d) => ({ ...d, tiers: d.tiers.filter((_, j) => j !== i) }))}>
                Remove tier
              </button>
            </fieldset>
          ))}
          {fields.tiers && <p className="field-error">{fields.tiers}</p>}
          <button type="button" onClick={() => setDraft((d) => ({ ...d, tiers: [...d.tiers, { name: '', threshold: '', multiplier: 1, free_shipping: false, support_priority: 'normal' }] }))}>
            Add a tier
          </button>
        </fieldset>
        {editable && (
          <div className="actions">
            <button type="submit" className="primary">
              Save tiers
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
