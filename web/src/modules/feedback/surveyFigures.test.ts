import { describe, expect, it } from 'vitest';
import { headline, sentimentWord, share } from './types';

describe('survey figures', () => {
  it('words the NPS with its interval and the averages with two places', () => {
    expect(headline('nps', { n: 10, average: 7.3, nps: 30, ci95: [-18.4, 78.4] })).toBe('30 (95 % interval −18 to 78)');
    expect(headline('csat', { n: 1, average: 4, ci95: null })).toBe('4.00');
    expect(headline('ces', { n: 0, average: null, ci95: null })).toBe('—');
  });
  it('words shares and sentiment', () => {
    expect(share(0.333)).toBe('33 %');
    expect(share(null)).toBe('—');
    expect(sentimentWord(-0.8)).toBe('negative');
    expect(sentimentWord(0)).toBe('neutral');
    expect(sentimentWord(null)).toBe('');
  });
});
