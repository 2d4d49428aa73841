import { describe, expect, it } from 'vitest';
import { buildFilter, decodeView, defaultView, encodeView, visibleRange } from './listQuery';

describe('customers list query', () => {
  it('builds the API filter tree from conditions', () => {
    const view = { ...defaultView(), conditions: [
      { field: 'lifecycle_stage', op: 'eq' as const, value: 'customer' },
      { field: 'interaction_count', op: 'gte' as const, value: '3' },
      { field: 'tags', op: 'in' as const, value: 'vip, gold' },
      { field: 'email', op: 'contains' as const, value: '' },
    ] };
    expect(buildFilter(view, { interaction_count: 'number' })).toEqual({ and: [
      { field: 'lifecycle_stage', op: 'eq', value: 'customer' },
      { field: 'interaction_count', op: 'gte', value: 3 },
      { field: 'tags', op: 'in', value: ['vip', 'gold'] },
    ] });
    expect(buildFilter({ ...view, match: 'or', conditions: view.conditions.slice(0, 1) }, {})).toEqual(
      { field: 'lifecycle_stage', op: 'eq', value: 'customer' });
    expect(buildFilter(defaultView(), {})).toBeNull();
    expect(buildFilter({ ...defaultView(), conditions: [{ field: 'created_at', op: 'gte', value: '2026-01-01' }] }, { created_at: 'instant' }))
      .toEqual({ field: 'created_at', op: 'gte', value: '2026-01-01T00:00:00Z' });
  });

  it('nests groups: stage is customer AND (tag vip OR tag gold)', () => {
    const view = { ...defaultView(), conditions: [
      { field: 'lifecycle_stage', op: 'eq' as const, value: 'customer' },
      { match: 'or' as const, conditions: [
        { field: 'tags', op: 'eq' as const, value: 'vip' },
        { field: 'tags', op: 'eq' as const, value: 'gold' },
      ] },
    ] };
    expect(buildFilter(view, {})).toEqual({ and: [
      { field: 'lifecycle_stage', op: 'eq', value: 'customer' },
      { or: [{ field: 'tags', op: 'eq', value: 'vip' }, { field: 'tags', op: 'eq', value: 'gold' }] },
    ] });
    expect(decodeView(encodeView(view))).toEqual(view);
  });

  it('round-trips a view through a shareable link, refusing junk', () => {
    const view = { ...defaultView(), q: 'Müller', conditions: [{ field: 'tags', op: 'eq' as const, value: 'vip' }] };
    expect(decodeView(encodeView(view))).toEqual(view);
    expect(decodeView('%%%')).toBeNull();
  });

  it('renders only the visible window of a long list', () => {
    expect(visibleRange(0, 440, 44, 100000)).toEqual({ first: 0, last: 18 });
    expect(visibleRange(44 * 5000, 440, 44, 100000)).toEqual({ first: 4992, last: 5018 });
    expect(visibleRange(44 * 99990, 440, 44, 100000).last).toBe(100000);
  });
});
