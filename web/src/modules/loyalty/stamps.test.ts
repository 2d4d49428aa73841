import { describe, expect, it } from 'vitest';
import { slugOf } from './StampCardSettings';
import { cardRule, fillState, stampSlots, stampSummary } from './stamps';

describe('stamp cards', () => {
  it('draws the open card slot by slot', () => {
    expect(stampSlots(2, 4)).toEqual([true, true, false, false]);
    expect(stampSlots(0, 2)).toEqual([false, false]);
  });
  it('says where the customer stands, including stamps owed', () => {
    expect(stampSummary({ stamps: 3, required: 10, debt: 0, filled: 0 })).toBe('3 of 10 stamps');
    expect(stampSummary({ stamps: 0, required: 10, debt: 1, filled: 2 })).toBe('owes 1 stamp; 2 cards filled');
  });
  it('names a fill voucher state and the rule', () => {
    expect(fillState({ revoked_at: '2026-01-01T00:00:00Z', used: false })).toBe('withdrawn (refund)');
    expect(fillState({ revoked_at: null, used: true })).toBe('used');
    expect(cardRule({ per: 'item', products: [], categories: ['coffee'] })).toBe('one stamp per item (category coffee)');
    expect(cardRule({ per: 'order', products: [], categories: [] })).toBe('one stamp per order (any purchase)');
  });
  it('makes a card id from its name', () => {
    expect(slugOf('Coffee Card №1!')).toBe('coffee-card-no1');
    expect(slugOf('  Été  ')).toBe('ete');
  });
});

describe('referrals', () => {
  it('names a refusal by its signal', async () => {
    const { referralStateText, conversionText } = await import('./referrals');
    expect(referralStateText({ state: 'refused', signal: 'same_email' })).toBe('Refused: same email as the referrer');
    expect(referralStateText({ state: 'qualifying', signal: null })).toBe('First order placed');
    expect(conversionText(0.625)).toBe('63%');
  });
});
