import { describe, expect, it } from 'vitest';
import { checkCustomerDraft, checkDate, checkEmail, checkPhone, normalizePhone } from './validation';

describe('client-side validation mirrors the server', () => {
  it('accepts and refuses emails like NormalizeEmail', () => {
    expect(checkEmail('ada@example.com')).toBeNull();
    expect(checkEmail('')).toBeNull();
    for (const bad of ['ada', '@example.com', 'ada@example', 'a@b@c.com', 'ada@ex..com', 'a da@example.com', 'ada@.com']) {
      expect(checkEmail(bad), bad).not.toBeNull();
    }
  });

  it('normalises phones to E.164 with the same rules', () => {
    expect(normalizePhone('+49 151 2345-678')).toBe('+491512345678');
    expect(normalizePhone('0049 (151) 2345678')).toBe('+491512345678');
    expect(normalizePhone('0151 2345678')).toBeNull();
    expect(checkPhone('0151 2345678')).toMatch(/country code/);
    expect(checkPhone('+0 151 2345678')).toMatch(/never start with 0/);
    expect(checkPhone('+49 12')).toMatch(/between 8 and 15/);
    expect(checkPhone('+49 abc')).toMatch(/only digits/);
    expect(checkPhone('+1 415 555 0100')).toBeNull();
  });

  it('checks real dates', () => {
    expect(checkDate('2024-02-29')).toBeNull();
    expect(checkDate('2023-02-29')).not.toBeNull();
    expect(checkDate('29.02.2024')).not.toBeNull();
  });

  it('names the server field paths', () => {
    const errors = checkCustomerDraft({ first_name: '', last_name: '', email: 'nope', phone: '12', birthday: '2999-01-01' });
    expect(Object.keys(errors).sort()).toEqual(['birthday', 'emails[0].address', 'phones[0].number']);
    expect(checkCustomerDraft({ first_name: '', last_name: '', email: '', phone: '' })).toHaveProperty('first_name');
  });
});
