// Deletes go through the area that owns the record and are announced, so what is derived from
// the timeline and the orders follows: the overview's contact counts and last contact, and the
// customer's value. Also the order's short number and its timeline summary.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem, fmt } from './lib/expect.mjs';

let dir;
let server;
let customer;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  customer = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Nina', last_name: 'Simone' } }), 201);
  expectStatus(await server.api('POST', '/products', { body: { sku: 'EB-1', name: 'Espresso beans', category: 'coffee', price: '12.00', currency: 'USD' } }), 201);
  expectStatus(await server.api('POST', '/products', { body: { sku: 'MJ-1', name: 'Milk jug', category: 'gear', price: '9.50', currency: 'USD' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const placeOrder = async (placedAt, lines) => expectStatus(await server.api('POST', `/customers/${customer.id}/orders`, {
  body: { currency: 'USD', channel: 'web', placed_at: placedAt, lines },
}), 201);
const logContact = async (channel, occurredAt) => expectStatus(await server.api('POST', `/customers/${customer.id}/interactions`, {
  body: { channel, direction: 'inbound', kind: 'message', occurred_at: occurredAt },
}), 201);

// Waits until the projection has caught up with `expected` ({counts, total, last}).
async function overviewShows(expected) {
  return waitFor(async () => {
    const res = await server.api('GET', `/customers/${customer.id}/overview`);
    const overview = expectStatus(res, 200);
    const counts = Object.fromEntries(Object.entries(overview.interaction_counts ?? {}).filter(([, n]) => n !== 0));
    assert.deepEqual(counts, expected.counts, `interaction_counts: ${fmt(res)}`);
    assert.equal(overview.interaction_total, expected.total, fmt(res));
    assert.equal(overview.last_contact_at, expected.last, fmt(res));
    return overview;
  }, { message: 'overview' });
}

test('orders get short sequential numbers, and the timeline says what was bought', async () => {
  const first = await placeOrder('2026-01-05T10:00:00Z', [{ sku: 'EB-1', quantity: 2 }, { sku: 'MJ-1' }]);
  assert.equal(first.number, 1001);
  const again = expectStatus(await server.api('GET', `/orders/${first.id}`), 200);
  assert.equal(again.number, 1001);
  const timeline = expectStatus(await server.api('GET', `/customers/${customer.id}/timeline?kind=order`), 200).data;
  assert.equal(timeline[0].subject, 'Order #1001: 2 × Espresso beans, Milk jug — 33.50 USD');
  expectStatus(await server.api('POST', `/orders/${first.id}/refunds`, { body: { amount: '3.50' } }), 201);
  const refund = expectStatus(await server.api('GET', `/customers/${customer.id}/timeline?kind=refund`), 200).data;
  assert.equal(refund[0].subject, 'Order #1001 refunded 3.50 USD: 2 × Espresso beans, Milk jug');
  const many = await placeOrder('2026-01-06T10:00:00Z', ['A', 'B', 'C', 'D', 'E'].map((d) => ({ description: d, unit_price: '1.00' })));
  assert.equal(many.number, 1002);
  const second = expectStatus(await server.api('GET', `/customers/${customer.id}/timeline?kind=order&limit=1`), 200).data;
  assert.equal(second[0].subject, 'Order #1002: A, B, C and 2 more — 5.00 USD');
  expectStatus(await server.api('PATCH', `/orders/${many.id}`, { body: { status: 'cancelled' } }), 200);
  const cancelled = expectStatus(await server.api('GET', `/customers/${customer.id}/timeline?kind=order_cancelled`), 200).data;
  assert.equal(cancelled[0].subject, 'Order #1002 cancelled: A, B, C and 2 more — 5.00 USD');
  // Numbers are never handed out twice, even after the newest order is deleted.
  expectStatus(await server.api('DELETE', `/orders/${many.id}`), 204);
  const next = await placeOrder('2026-01-07T10:00:00Z', [{ sku: 'MJ-1' }]);
  assert.equal(next.number, 1003);
  expectStatus(await server.api('DELETE', `/orders/${next.id}`), 204);
  expectStatus(await server.api('DELETE', `/orders/${first.id}`), 204);
});

test('deleting an order and an interaction brings the overview and the value back in line', async () => {
  const kept = await placeOrder('2026-02-01T10:00:00Z', [{ sku: 'MJ-1' }]);
  const gone = await placeOrder('2026-03-01T10:00:00Z', [{ sku: 'EB-1', quantity: 3 }]);
  await logContact('email', '2026-01-10T10:00:00Z');
  const call = await logContact('phone', '2026-02-20T10:00:00Z');
  await overviewShows({ counts: { web: 2, email: 1, phone: 1 }, total: 4, last: '2026-03-01T10:00:00.000Z' });
  let value = expectStatus(await server.api('GET', `/customers/${customer.id}/value`), 200);
  assert.equal(value.order_count, 2);

  expectProblem(await server.api('DELETE', `/orders/${gone.id}`, { headers: { 'If-Match': '"v7"' } }), 412);
  expectStatus(await server.api('DELETE', `/orders/${gone.id}`, { headers: { 'If-Match': `"v${gone.version}"` } }), 204);
  expectProblem(await server.api('GET', `/orders/${gone.id}`), 404);
  await overviewShows({ counts: { web: 1, email: 1, phone: 1 }, total: 3, last: '2026-02-20T10:00:00.000Z' });

  expectStatus(await server.api('DELETE', `/customers/${customer.id}/interactions/${call.id}`), 204);
  expectProblem(await server.api('DELETE', `/customers/${customer.id}/interactions/${call.id}`), 404);
  const overview = await overviewShows({ counts: { web: 1, email: 1 }, total: 2, last: '2026-02-01T10:00:00.000Z' });
  // The refund and the cancellation are also bad experiences (customer health) on the timeline.
  assert.deepEqual(overview.timeline.map((entry) => entry.kind).filter((kind) => kind !== 'bad_experience'),
    ['order', 'message']);

  value = expectStatus(await server.api('GET', `/customers/${customer.id}/value`), 200);
  assert.equal(value.order_count, 1);
  assert.equal(value.total_spent, '9.50');
  assert.equal(value.last_purchase_at, '2026-02-01T10:00:00.000Z');
  assert.equal(value.favourite_category, 'gear');
  // The published traits follow too: filters and sorts read the same figures.
  const found = expectStatus(await server.api('POST', '/customers/search', { body: { filter: { and: [
    { field: 'interaction_count', op: 'eq', value: 2 }, { field: 'order_count', op: 'eq', value: 1 }] } } }), 200).data;
  assert.deepEqual(found.map((c) => c.id), [customer.id]);
  expectStatus(await server.api('GET', '/customers?sort=-last_contact_at'), 200);
  expectProblem(await server.api('GET', '/customers?sort=-favourite_category'), 422, { field: 'sort' });
  assert.ok(kept.number > 1003);
});

test('an interaction of another customer is not found; a product delete is an administrator\'s', async () => {
  const other = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Other' } }), 201);
  const entry = await logContact('sms', '2026-01-01T10:00:00Z');
  expectProblem(await server.api('DELETE', `/customers/${other.id}/interactions/${entry.id}`), 404);
  const products = expectStatus(await server.api('GET', '/products?q=MJ-1'), 200).data;
  expectProblem(await server.api('DELETE', `/products/${products[0].id}`, { headers: { 'If-Match': '"v9"' } }), 412);
  expectStatus(await server.api('DELETE', `/products/${products[0].id}`), 204);
  expectProblem(await server.api('GET', `/products/${products[0].id}`), 404);
});
