import { describe, expect, it } from 'vitest';
import { addressBody, addressDraft, checkAddress, formatAddress } from './address';

describe('addresses', () => {
  it('reads as one line of the parts that are set', () => {
    expect(formatAddress({ line1: '1 Main St', city: 'Springfield', postal_code: '62701', region: 'IL', country: 'US' })).toBe(
      '1 Main St, 62701 Springfield, IL, US',
    );
    expect(formatAddress({})).toBe('');
  });

  it('sends the set parts with the country upper-cased, or null when blank', () => {
    const draft = addressDraft({ city: 'Köln' });
    expect(addressBody({ ...draft, country: ' de ' })).toEqual({ city: 'Köln', country: 'DE' });
    expect(addressBody(addressDraft(null))).toBeNull();
  });

  it('checks the country code like the server, keyed like its errors', () => {
    expect(checkAddress({ ...addressDraft(null), country: 'Germany' }, 'address')).toEqual({
      'address.country': 'must be an ISO 3166-1 alpha-2 code such as DE',
    });
    expect(checkAddress({ ...addressDraft(null), country: 'us' }, 'address')).toEqual({});
  });
});
