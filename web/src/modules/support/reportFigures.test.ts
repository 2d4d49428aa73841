import { describe, expect, it } from 'vitest';
import { daysBefore, formatDuration, formatShare } from './reportFigures';

describe('report figures', () => {
  it('words durations in the largest sensible unit', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(720)).toBe('12 min');
    expect(formatDuration(12_600)).toBe('3.5 h');
    expect(formatDuration(181_440)).toBe('2.1 d');
  });
  it('words shares as percentages', () => {
    expect(formatShare(null)).toBe('—');
    expect(formatShare(2 / 3)).toBe('67 %');
  });
  it('counts days back in UTC', () => {
    expect(daysBefore(new Date('2024-03-01T10:00:00Z'), 29)).toBe('2024-02-01');
  });
});
