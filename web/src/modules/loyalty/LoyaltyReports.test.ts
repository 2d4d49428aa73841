import { describe, expect, it } from 'vitest';
import { periodLabel, refusalText } from './LoyaltyReports';

describe('periodLabel', () => {
  it('names a month, a quarter and a year by their first day', () => {
    expect(periodLabel('2025-03-01', 'month')).toBe('2025-03');
    expect(periodLabel('2025-01-01', 'quarter')).toBe('2025 Q1');
    expect(periodLabel('2025-10-01', 'quarter')).toBe('2025 Q4');
    expect(periodLabel('2025-01-01', 'year')).toBe('2025');
  });
});

describe('refusalText', () => {
  const base = { made: 3, qualified: 1, rewarded: 1, conversion_rate: 0.5 };
  it('names each signal with its count', () => {
    expect(refusalText({ ...base, refused: 2, refused_by_signal: { same_email: 1, network_burst: 1 } })).toBe(
      '2 refused this period: same email 1, network burst 1.',
    );
  });
  it('says so when none was refused', () => {
    expect(refusalText({ ...base, refused: 0, refused_by_signal: {} })).toBe('No referral refused this period.');
  });
});
