import { describe, expect, it } from 'vitest';
import { niceCeiling, ticks } from './chartScale';

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(11)).toBe(20);
    expect(niceCeiling(200)).toBe(200);
    expect(niceCeiling(201)).toBe(500);
    expect(niceCeiling(0.3)).toBe(0.5);
  });
});

describe('ticks', () => {
  it('spans zero to the top in equal steps', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1, 2)).toEqual([0, 0.5, 1]);
  });
});
