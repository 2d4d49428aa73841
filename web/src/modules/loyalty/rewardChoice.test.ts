import { describe, expect, it } from 'vitest';
import { REFERRAL_SIDES, REVIEW_SIDES, sideBody, sideDraftOf, sideFieldOf, withRewards } from './RewardChoiceSettings';
import type { LoyaltyProgramme } from './types';

describe('reward settings (points or a voucher)', () => {
  it('reads points, or a voucher with its value and validity, and writes the same back', () => {
    expect(sideBody(sideDraftOf(undefined))).toEqual({ kind: 'points' });
    expect(sideBody(sideDraftOf({ kind: 'points' }))).toEqual({ kind: 'points' });
    const stored = { kind: 'voucher', voucher: { value: { type: 'percent_off', percent: 10 }, currency: 'EUR', min_order: '20.00', expires_in_days: 60 } };
    const draft = sideDraftOf(stored);
    expect(draft.kind).toBe('voucher');
    expect(draft.days).toBe('60');
    expect(sideBody(draft)).toEqual({ kind: 'voucher', voucher: { value: { type: 'percent_off', percent: 10 }, currency: 'EUR', min_order: '20.00', expires_in_days: 60 } });
  });

  it('sends no fixed expiry date: a referral voucher is valid for days from when it is issued', () => {
    const draft = sideDraftOf({ kind: 'voucher', voucher: { value: { type: 'free_shipping' } } });
    const body = sideBody({ ...draft, rules: { ...draft.rules, expires_on: '2030-01-01' } });
    expect(body.voucher).not.toHaveProperty('expires_at');
    expect(body.voucher).not.toHaveProperty('expires_in_days');
  });

  it('places server errors on the side and field they name', () => {
    expect(sideFieldOf('referral_rewards.referee.voucher.value.amount', REFERRAL_SIDES)).toEqual(['referee', 'amount']);
    expect(sideFieldOf('referral_rewards.referrer.voucher.expires_in_days', REFERRAL_SIDES)).toEqual(['referrer', 'days']);
    expect(sideFieldOf('referral_rewards.referrer.kind', REFERRAL_SIDES)).toEqual(['referrer', 'kind']);
    expect(sideFieldOf('referral_rewards.referee.voucher.currency', REFERRAL_SIDES)).toEqual(['referee', 'currency']);
    expect(sideFieldOf('earn.referral', REFERRAL_SIDES)).toBeNull();
    expect(sideFieldOf('review_reward.voucher.value.percent', REVIEW_SIDES)).toEqual(['review', 'percent']);
    expect(sideFieldOf('review_reward', REVIEW_SIDES)).toEqual(['review', 'kind']);
    expect(sideFieldOf('review_rewards.kind', REVIEW_SIDES)).toBeNull();
  });

  it('sets each reward at its path, leaving the rest of the programme and the other side alone', () => {
    const programme = {
      id: 'club',
      name: 'Club',
      referral_rewards: { referrer: { kind: 'points' }, referee: { kind: 'points' } },
      review_reward: { kind: 'points' },
    } as unknown as LoyaltyProgramme;
    const voucher = { kind: 'voucher', voucher: { value: { type: 'free_shipping' } } };
    const body = withRewards(programme, REFERRAL_SIDES.slice(1), { referee: voucher });
    expect(body).toEqual({ ...programme, referral_rewards: { referrer: { kind: 'points' }, referee: voucher } });
    expect(programme.referral_rewards?.referee).toEqual({ kind: 'points' });  // not shared
    expect(withRewards(programme, REVIEW_SIDES, { review: voucher }).review_reward).toEqual(voucher);
  });
});
