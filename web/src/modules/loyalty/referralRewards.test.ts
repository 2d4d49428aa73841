import { describe, expect, it } from 'vitest';
import { sideBody, sideDraftOf, sideFieldOf } from './ReferralRewardSettings';

describe('referral reward settings', () => {
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
    expect(sideFieldOf('referral_rewards.referee.voucher.value.amount')).toEqual(['referee', 'amount']);
    expect(sideFieldOf('referral_rewards.referrer.voucher.expires_in_days')).toEqual(['referrer', 'days']);
    expect(sideFieldOf('referral_rewards.referrer.kind')).toEqual(['referrer', 'kind']);
    expect(sideFieldOf('referral_rewards.referee.voucher.currency')).toEqual(['referee', 'currency']);
    expect(sideFieldOf('earn.referral')).toBeNull();
  });
});
