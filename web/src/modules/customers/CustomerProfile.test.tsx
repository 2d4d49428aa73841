// The customer page's cards as a reader sees them: phones formatted for reading but dialled in
// E.164, money with its currency.
import { act } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ActionName, Level, Me, Overview } from '../../api/types';
import { SessionContext } from '../../app/session';
import { testRoot } from '../../testing/testRoot';
import { CustomerProfile } from './CustomerProfile';

const all: Record<ActionName, Level> = { read: 'all', create: 'all', edit: 'all', delete: 'all', export: 'all', import: 'all' };
const me = { actor: 'usr_1', access: { admin: true, fields: {}, grants: { customers: all, companies: all, interactions: all, audit: all } } } as Me;

const overview: Overview = {
  customer: {
    id: 'cus_1', first_name: 'Ada', last_name: 'Lovelace', display_name: 'Ada Lovelace', company_id: null, owner_id: null,
    lifecycle_stage: 'customer', emails: [], tags: [], custom_fields: {}, consent: {},
    phones: [{ number: '+4915234944775', display: '+49 1523 4944775', label: 'mobile', primary: true }],
    created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', version: 1,
  },
  company: null, consent: {}, interaction_counts: {}, interaction_total: 0, last_contact_at: null, timeline: [],
  value: {
    order_count: 3, currency: 'EUR', total_spent: '900.20', average_order_value: '300.07', first_purchase_at: null,
    last_purchase_at: null, days_since_last_purchase: null, favourite_category: null, lifetime_value: '900.20',
  },
};

const t = testRoot();
beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: [] }), { status: 200 })));
});
afterEach(() => vi.unstubAllGlobals());

it('shows a phone formatted for reading and keeps E.164 in the link; money carries its currency', async () => {
  await act(async () =>
    t.root.render(
      <SessionContext.Provider value={{ me, signOut: async () => undefined }}>
        <CustomerProfile overview={overview} customFields={[]} />
      </SessionContext.Provider>,
    ),
  );
  const link = t.container.querySelector<HTMLAnchorElement>('a[href^="tel:"]')!;
  expect(link.textContent).toBe('+49 1523 4944775');
  expect(link.getAttribute('href')).toBe('tel:+4915234944775');
  const lifetime = [...t.container.querySelectorAll('dt')].find((dt) => dt.textContent === 'Lifetime value')!;
  expect(lifetime.nextElementSibling!.textContent).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(900.2));
  expect(lifetime.nextElementSibling!.textContent).toMatch(/€/);
});
