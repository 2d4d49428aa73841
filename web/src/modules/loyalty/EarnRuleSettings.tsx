// Settings → Loyalty: the conditions and limits of each earn rule (docs/design/loyalty.md § Earn
// rules). The order rules (points per amount spent, the bonus per order, the first-order bonus)
// take a minimum order and products, SKUs and categories left out; every rule that can recur for
// one member takes a cap per day, month or year; every rule says whether the tier's earn
// multiplier applies. The points themselves are the programme form's; this one sends them back
// unchanged, with If-Match. Read-only without the loyalty_programmes edit level; the server checks
// every field again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { can, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import { RULES, ruleBody, ruleDraftOf, ruleFieldOf, type RuleDraft, type RuleKey } from './earnRules';
import type { LoyaltyProgramme } from './types';

const PERIODS = [
  { value: 'day', label: 'per day' },
  { value: 'month', label: 'per calendar month' },
  { value: 'year', label: 'per calendar year' },
];
type Drafts = Record<RuleKey, RuleDraft>;
type FieldsByRule = Partial<Record<RuleKey, Record<string, string>>>;

// `saved` lives in the parent: the form is keyed by the programme's version, so the reload after a
// save mounts a new one, which would drop a notice held here before anyone could read it.
export function EarnRuleSettings({
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
  const [drafts, setDrafts] = useState<Drafts>(() => Object.fromEntries(RULES.map(({ rule }) => [rule, ruleDraftOf(programme, rule)])) as Drafts);
  const [fields, setFields] = useState<FieldsByRule>({});
  const [error, setError] = useState<string | null>(null);
  const update = (rule: RuleKey, change: Partial<RuleDraft>) => setDrafts((d) => ({ ...d, [rule]: { ...d[rule], ...change } }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setSaved(false);
    const earn: Record<string, unknown> = { ...programme.earn };
    for (const shape of RULES) earn[shape.rule] = ruleBody(programme, shape, drafts[shape.rule]);
    try {
      await api<LoyaltyProgramme>('PUT', `/loyalty/programmes/${programme.id}`, { body: { ...programme, earn }, ifMatch: programme.version });
      setSaved(true);
      onSaved();
    } catch (err) {
      const placed: FieldsByRule = {};
      const rest = placeErrors(err, (path) => {
        const at = ruleFieldOf(path);
        return at ? `${at[0]}.${at[1]}` : null;
      });
      for (const [key, message] of Object.entries(rest.fields)) {
        const [rule, field] = key.split('.') as [RuleKey, string];
        placed[rule] = { ...placed[rule], [field]: message };
      }
      setFields(placed);
      setError(rest.rest);
    }
  };

  return (
    <section className="card" aria-labelledby="earn-rules-title">
      <h2 id="earn-rules-title">Earn rule conditions and limits</h2>
      <p>
        Each order rule counts the order's total less the lines it leaves out; an order with nothing left, or less than the rule's minimum,
        earns nothing from that rule. The first-order bonus goes with a member's first order or not at all. Caps count what a member earned
        from the rule since the start of the day, month or year.
      </p>
      <form onSubmit={(e) => void save(e)} aria-label="Earn rule conditions">
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            Saved. New orders and events earn by these conditions.
          </p>
        )}
        <fieldset disabled={!editable}>
          {RULES.map(({ rule, label, conditions, capped }) => {
            const draft = drafts[rule];
            const errors = fields[rule] ?? {};
            return (
              <fieldset key={rule} className="earn-rule">
                <legend>{label}</legend>
                {conditions && (
                  <>
                    <Field label="Minimum order (optional)" inputMode="decimal" placeholder="0.00" value={draft.min_order} onChange={(e) => update(rule, { min_order: e.target.value })} error={errors.min_order} />
                    <Field
                      label="Products left out"
                      value={draft.excluded_products}
                      onChange={(e) => update(rule, { excluded_products: e.target.value })}
                      error={errors.excluded_products}
                      hint="Product ids or SKUs, separated by commas."
                    />
                    <Field
                      label="Categories left out"
                      value={draft.excluded_categories}
                      onChange={(e) => update(rule, { excluded_categories: e.target.value })}
                      error={errors.excluded_categories}
                      hint="Categories as written on the products, separated by commas: the category a line had when the order was placed."
                    />
                  </>
                )}
                {capped && (
                  <div className="field-row">
                    <Field label="At most (points, optional)" type="number" min={1} step={1} value={draft.cap_points} onChange={(e) => update(rule, { cap_points: e.target.value })} error={errors.cap_points} />
                    <SelectField label="Cap period" value={draft.cap_period} onChange={(e) => update(rule, { cap_period: e.target.value as RuleDraft['cap_period'] })} options={PERIODS} error={errors.cap_period} />
                  </div>
                )}
                <label className="checkbox">
                  <input type="checkbox" checked={draft.tier_multiplier} onChange={(e) => update(rule, { tier_multiplier: e.target.checked })} /> The tier's earn multiplier applies
                </label>
                {errors.tier_multiplier && <p className="field-error">{errors.tier_multiplier}</p>}
              </fieldset>
            );
          })}
          {editable && (
            <div className="actions">
              <button type="submit" className="primary">
                Save rule conditions
              </button>
            </div>
          )}
        </fieldset>
      </form>
    </section>
  );
}
