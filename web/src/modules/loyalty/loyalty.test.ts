import { describe, expect, it } from 'vitest';
import { allowedMovements, describeEntry, signedPoints, tierProgress } from './types';
import { voucherFieldOf, voucherValue } from './vouchers';

describe('loyalty helpers', () => {
  it('describes what each entry did', () => {
    expect(describeEntry({ kind: 'earn', cause: 'order:ord_1' })).toBe('Earned for order ord_1');
    expect(describeEntry({ kind: 'earn', cause: 'bonus:first_order' })).toBe('Bonus: first order');
    expect(describeEntry({ kind: 'earn', cause: 'bonus:birthday 2027' })).toBe('Bonus: birthday 2027');
    expect(describeEntry({ kind: 'earn', cause: 'referral:ref_1:referrer' })).toBe('Referral reward (brought a customer)');
    expect(describeEntry({ kind: 'adjust', cause: 'goodwill: Late parcel' })).toBe('Goodwill: Late parcel');
    expect(describeEntry({ kind: 'redeem', cause: 'reward: Free coffee' })).toBe('Redeemed — Free coffee');
    expect(describeEntry({ kind: 'reverse', cause: 'order:ord_2' })).toMatch(/order ord_2 refunded/);
  });
  it('signs points', () => {
    expect(signedPoints(40)).toBe('+40');
    expect(signedPoints(-15)).toBe('\u221215');
    expect(signedPoints(0)).toBe('0');
  });
  it('offers adjustments only with the edit permission', () => {
    expect(allowedMovements(true, false)).toEqual(['grants', 'redemptions']);
    expect(allowedMovements(true, true)).toEqual(['grants', 'adjustments', 'redemptions']);
    expect(allowedMovements(false, false)).toEqual([]);
  });
});

describe('vouchers', () => {
  it('sends only the field a value type needs', () => {
    expect(voucherValue('amount_off', ' 5.00 ', '10', 'p')).toEqual({ type: 'amount_off', amount: '5.00' });
    expect(voucherValue('percent_off', '', '15', '')).toEqual({ type: 'percent_off', percent: 15 });
    expect(voucherValue('free_shipping', '1', '2', '3')).toEqual({ type: 'free_shipping' });
  });
  it('places the server errors on the form fields', () => {
    expect(voucherFieldOf('value.amount')).toBe('amount');
    expect(voucherFieldOf('count')).toBe('count');
    expect(voucherFieldOf('scope.product_ids')).toBeNull();
  });
});

describe('tier progress', () => {
  it('says what is left to the next tier', () => {
    expect(tierProgress({ basis: 'points_earned', value: 120, next: { name: 'Gold', threshold: 300, remaining: 180 } }, 'beans')).toEqual({ text: '180 beans to Gold', ratio: 0.4 });
    expect(tierProgress({ basis: 'money_spent', value: '50.00', next: { name: 'Gold', threshold: '200.00', remaining: '150.00' } }, 'beans').text).toBe('150.00 spent to Gold');
    expect(tierProgress({ basis: 'points_earned', value: 900, next: null }, 'beans')).toEqual({ text: 'Top tier', ratio: 1 });
  });
});
