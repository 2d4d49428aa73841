import { describe, expect, it } from 'vitest';
import { RULES, listOf, ruleBody, ruleDraftOf, ruleFieldOf, type RuleKey } from './earnRules';
import type { LoyaltyProgramme } from './types';

const programme = {
  earn: {
    spend: { points: 2, per: '1.00', min_order: '0.00', excluded_products: ['GIFT-25'], excluded_categories: [], cap: null, tier_multiplier: true },
    per_order: { points: 5, min_order: '10.00', excluded_products: [], excluded_categories: ['Gift cards'], cap: { points: 20, period: 'month' }, tier_multiplier: true },
    first_order: { points: 100, min_order: '0.00', excluded_products: [], excluded_categories: [], tier_multiplier: false },
    review_published: { points: 20, cap: { points: 60, period: 'month' }, tier_multiplier: false },
    signup: { points: 50, tier_multiplier: true },
  },
} as unknown as LoyaltyProgramme;
const shape = (rule: RuleKey) => RULES.find((r) => r.rule === rule)!;

describe('earn rule settings', () => {
  it('shows the stored conditions and limits and sends them back with the points unchanged', () => {
    const per = ruleDraftOf(programme, 'per_order');
    expect(per).toEqual({ min_order: '10.00', excluded_products: '', excluded_categories: 'Gift cards', cap_points: '20', cap_period: 'month', tier_multiplier: true });
    expect(ruleBody(programme, shape('per_order'), per)).toEqual(programme.earn.per_order);
    expect(ruleBody(programme, shape('review_published'), ruleDraftOf(programme, 'review_published'))).toEqual(programme.earn.review_published);
    expect(ruleBody(programme, shape('signup'), ruleDraftOf(programme, 'signup'))).toEqual(programme.earn.signup);
    const spend = ruleDraftOf(programme, 'spend');
    expect(spend.min_order).toBe('');  // 0.00: no minimum, shown empty
    expect(ruleBody(programme, shape('spend'), { ...spend, excluded_categories: 'Gift cards,  Postage, ,Gift cards', cap_points: '500', cap_period: 'year', tier_multiplier: false })).toEqual({
      points: 2,
      per: '1.00',
      min_order: '0.00',
      excluded_products: ['GIFT-25'],
      excluded_categories: ['Gift cards', 'Postage'],
      cap: { points: 500, period: 'year' },
      tier_multiplier: false,
    });
  });

  it('sends no cap where a rule cannot recur, no order conditions on an event bonus, and an emptied cap as none', () => {
    const first = ruleBody(programme, shape('first_order'), { ...ruleDraftOf(programme, 'first_order'), cap_points: '9', min_order: ' 30.00 ' });
    expect(first).not.toHaveProperty('cap');
    expect(first.min_order).toBe('30.00');
    const birthday = ruleBody(programme, shape('birthday'), { ...ruleDraftOf(programme, 'birthday'), cap_points: '9', min_order: '5.00' });
    expect(birthday).toEqual({ tier_multiplier: false });
    expect(ruleBody(programme, shape('per_order'), { ...ruleDraftOf(programme, 'per_order'), cap_points: '' }).cap).toBeNull();
  });

  it('reads an older whole-number bonus as a rule with no conditions, multiplied as the server would', () => {
    const old = { earn: { ...programme.earn, per_order: 3, survey_answered: 4 } } as unknown as LoyaltyProgramme;
    const draft = ruleDraftOf(old, 'per_order');
    expect(draft).toEqual({ min_order: '', excluded_products: '', excluded_categories: '', cap_points: '', cap_period: 'month', tier_multiplier: true });
    expect(ruleBody(old, shape('per_order'), draft)).toEqual({ points: 3, min_order: '0.00', excluded_products: [], excluded_categories: [], cap: null, tier_multiplier: true });
    expect(ruleBody(old, shape('survey_answered'), ruleDraftOf(old, 'survey_answered'))).toEqual({ points: 4, cap: null, tier_multiplier: false });
  });

  it('places server errors on the rule and field they name', () => {
    expect(ruleFieldOf('earn.per_order.cap.points')).toEqual(['per_order', 'cap_points']);
    expect(ruleFieldOf('earn.review_published.cap.period')).toEqual(['review_published', 'cap_period']);
    expect(ruleFieldOf('earn.spend.excluded_categories[3]')).toEqual(['spend', 'excluded_categories']);
    expect(ruleFieldOf('earn.first_order.min_order')).toEqual(['first_order', 'min_order']);
    expect(ruleFieldOf('earn.signup.tier_multiplier')).toEqual(['signup', 'tier_multiplier']);
    expect(ruleFieldOf('earn.spend.points')).toBeNull();
    expect(ruleFieldOf('earn.goodwill_max')).toBeNull();
    expect(listOf(' , ')).toEqual([]);
  });
});
