import { describe, expect, it } from 'vitest';
import { periodLabel } from './LoyaltyReports';

describe('periodLabel', () => {
  it('names a month, a quarter and a year by their first day', () => {
    expect(periodLabel('2025-03-01', 'month')).toBe('2025-03');
    expect(periodLabel('2025-01-01', 'quarter')).toBe('2025 Q1');
    expect(periodLabel('2025-10-01', 'quarter')).toBe('2025 Q4');
    expect(periodLabel('2025-01-01', 'year')).toBe('2025');
  });
});
