// A company's postal address is stored, served and validated under the same rule as a
// customer's addresses: known parts only, one line each, country as ISO 3166-1 alpha-2.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });

test('a company address is stored, changed, validated like a customer\'s and cleared', async () => {
  const address = { line1: '1 Main St', line2: 'Suite 4', city: 'Springfield', region: 'IL', postal_code: '62701', country: 'US' };
  const created = expectStatus(await server.api('POST', '/companies', { body: { name: 'Acme', address } }), 201);
  assert.deepEqual(created.address, address);
  assert.deepEqual(expectStatus(await server.api('GET', `/companies/${created.id}`), 200).address, address);

  for (const [bad, field] of [[{ country: 'USA' }, 'address.country'], [{ country: 'us' }, 'address.country'],
    [{ city: 'A\nB' }, 'address.city'], [{ planet: 'Mars' }, 'address.planet'], [{ line1: 5 }, 'address.line1']]) {
    expectProblem(await server.api('PATCH', `/companies/${created.id}`, { body: { address: bad } }), 422, { field });
    // The customer rule answers the same, under its own path.
    expectProblem(await server.api('POST', '/customers', { body: { first_name: 'A', addresses: [bad] } }), 422,
      { field: field.replace('address', 'addresses[0]') });
  }
  const unchanged = expectStatus(await server.api('GET', `/companies/${created.id}`), 200);
  assert.deepEqual(unchanged.address, address, 'nothing was written');
  assert.equal(unchanged.version, 1);

  const moved = expectStatus(await server.api('PATCH', `/companies/${created.id}`, { body: { address: { city: ' Köln ', country: 'DE' } } }), 200);
  assert.deepEqual(moved.address, { city: 'Köln', country: 'DE' });
  const cleared = expectStatus(await server.api('PATCH', `/companies/${created.id}`, { body: { address: null } }), 200);
  assert.equal(cleared.address, null);
});
