// The earn rules' conditions and limits as a form edits them (EarnRuleSettings.tsx): for the order
// rules a minimum order and excluded products and categories (comma-separated text), a cap per
// period where a rule can recur for one member, and whether the tier's multiplier applies — read
// from the served programme, written back as the rule's object with its points unchanged, and the
// server's field paths ("earn.per_order.cap.points") placed on the rule and field they name.
import type { CapPeriod, LoyaltyProgramme, OrderBonusRule } from './types';

export type RuleKey = 'spend' | 'per_order' | 'first_order' | 'review_published' | 'survey_answered' | 'referral' | 'signup' | 'birthday';
export interface RuleShape {
  rule: RuleKey;
  label: string;
  /** An order rule: minimum order and exclusions. */
  conditions: boolean;
  /** The rule can recur for one member, so it takes a cap per period. */
  capped: boolean;
}
export const RULES: RuleShape[] = [
  { rule: 'spend', label: 'Points per amount spent', conditions: true, capped: true },
  { rule: 'per_order', label: 'Bonus per order', conditions: true, capped: true },
  { rule: 'first_order', label: 'First-order bonus', conditions: true, capped: false },
  { rule: 'review_published', label: 'Published review bonus', conditions: false, capped: true },
  { rule: 'survey_answered', label: 'Answered survey bonus', conditions: false, capped: true },
  { rule: 'referral', label: 'Referral bonus', conditions: false, capped: true },
  { rule: 'signup', label: 'Sign-up bonus', conditions: false, capped: false },
  { rule: 'birthday', label: 'Birthday bonus', conditions: false, capped: false },
];

export interface RuleDraft {
  min_order: string;
  excluded_products: string;
  excluded_categories: string;
  cap_points: string;
  cap_period: CapPeriod;
  tier_multiplier: boolean;
}

/** Any rule as served: an order rule's fields, or the subset an event bonus has. */
type StoredRule = Partial<OrderBonusRule>;

function ruleOf(programme: LoyaltyProgramme | undefined, rule: RuleKey): StoredRule {
  const stored: unknown = programme?.earn?.[rule];
  // A whole number is a bonus's older form: its points alone.
  if (typeof stored === 'number') return { points: stored };
  return stored && typeof stored === 'object' ? (stored as StoredRule) : {};
}

/** The server's default when a rule does not say: order rules are multiplied, bonuses are not. */
function multipliedByDefault(rule: RuleKey): boolean {
  return rule === 'spend' || rule === 'per_order';
}

/** "Gift cards, Postage ,," → ["Gift cards", "Postage"]: trimmed, empties and repeats dropped. */
export function listOf(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

export function ruleDraftOf(programme: LoyaltyProgramme | undefined, rule: RuleKey): RuleDraft {
  const stored = ruleOf(programme, rule);
  const min = stored.min_order ?? '0.00';
  return {
    min_order: Number(min) === 0 ? '' : min,
    excluded_products: (stored.excluded_products ?? []).join(', '),
    excluded_categories: (stored.excluded_categories ?? []).join(', '),
    cap_points: stored.cap ? String(stored.cap.points) : '',
    cap_period: stored.cap?.period ?? 'month',
    tier_multiplier: stored.tier_multiplier ?? multipliedByDefault(rule),
  };
}

/** The rule's object for the PUT: its stored points (and `per`) kept, conditions and limits replaced. */
export function ruleBody(programme: LoyaltyProgramme | undefined, shape: RuleShape, draft: RuleDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { ...ruleOf(programme, shape.rule), tier_multiplier: draft.tier_multiplier };
  if (shape.conditions) {
    body.min_order = draft.min_order.trim() === '' ? '0.00' : draft.min_order.trim();
    body.excluded_products = listOf(draft.excluded_products);
    body.excluded_categories = listOf(draft.excluded_categories);
  }
  if (shape.capped) {
    body.cap = draft.cap_points.trim() === '' ? null : { points: Number(draft.cap_points), period: draft.cap_period };
  } else {
    delete body.cap;
  }
  return body;
}

/** "earn.per_order.cap.points" → ["per_order", "cap_points"]; "earn.spend.excluded_products[2]" → ["spend", "excluded_products"]. */
export function ruleFieldOf(path: string): [RuleKey, keyof RuleDraft] | null {
  const match = /^earn\.([a-z_]+)(?:\.([a-z_]+))?(?:\.([a-z_]+))?/.exec(path);
  if (!match || !RULES.some((r) => r.rule === match[1])) return null;
  const rule = match[1] as RuleKey;
  const [field, sub] = [match[2], match[3]];
  if (field === 'cap') return [rule, sub === 'period' ? 'cap_period' : 'cap_points'];
  if (field === 'min_order' || field === 'excluded_products' || field === 'excluded_categories' || field === 'tier_multiplier') return [rule, field];
  return null;
}
