import { describe, expect, it } from 'vitest';
import { formatMoney, formatPhone } from './format';

describe('formatPhone', () => {
  it('shows the formatted number the server gives', () => {
    expect(formatPhone({ number: '+4915234944775', display: '+49 1523 4944775' })).toBe('+49 1523 4944775');
  });
  it('falls back to the stored E.164 number', () => {
    expect(formatPhone({ number: '+4915234944775' })).toBe('+4915234944775');
  });
});

describe('formatMoney', () => {
  const en = (amount: string, currency: string | null) => formatMoney(amount, currency);
  it('shows the amount with its currency', () => {
    expect(en('900.20', 'USD')).toMatch(/^\$\s?900\.20$|^US\$\s?900\.20$|900[.,]20\s?\$/);
    expect(en('900.20', 'EUR')).toMatch(/€/);
    expect(en('900.20', 'EUR')).toMatch(/900[.,]20/);
  });
  it('keeps an unknown code beside the amount, and a plain number without one', () => {
    expect(en('12.50', 'ZZZZ')).toMatch(/^12[.,]50 ZZZZ$/);
    expect(en('12.50', null)).toMatch(/^12[.,]50$/);
  });
  it('shows a dash for no amount', () => {
    expect(formatMoney(null, 'USD')).toBe('—');
  });
});
