import { describe, expect, it } from 'vitest';
import { fromLines, toLines } from './SynonymsTab';
import { draftOf, inputOf } from './types';

describe('synonym lines', () => {
  it('reads one group a line, comma-separated, and writes it back', () => {
    const groups = fromLines('parcel, package ,shipment\n\n refund, money back \n,');
    expect(groups).toEqual([
      ['parcel', 'package', 'shipment'],
      ['refund', 'money back'],
    ]);
    expect(toLines(groups)).toBe('parcel, package, shipment\nrefund, money back');
  });
});

describe('article drafts', () => {
  it('turns the form into a request: tags split, empty optional fields null, no empty slug', () => {
    const draft = { ...draftOf(undefined), title: 'T', body: 'B', tags: ' a, b ,, ', topic: ' ', category_id: '' };
    expect(inputOf(draft)).toEqual({ title: 'T', body: 'B', category_id: null, tags: ['a', 'b'], topic: null, language: 'en' });
    expect(inputOf({ ...draft, slug: 'my-slug' }).slug).toBe('my-slug');
  });
});
