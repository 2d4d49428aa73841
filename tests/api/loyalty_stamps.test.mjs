// Stamp cards over HTTP (docs/design/loyalty.md § Stamp cards): a card defined by marketing (buy 3
// coffees, get one free), stamped from orders through the outbox — only qualifying lines, one
// stamp per order — a full card issuing a single-use voucher for the free coffee that redeems on
// a new order, a cancellation withdrawing an unused voucher (its code then unknown), refunds after
// the voucher was used leaving stamp debt; all on the timeline and in the audit trail.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};
let coffee;
let tea;

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sue', 'support'], ['mia', 'marketing']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  coffee = expectStatus(await server.api('POST', '/products', {
    body: { sku: 'ESP', name: 'Espresso', category: 'coffee', price: '2.50', currency: 'EUR' } }), 201);
  tea = expectStatus(await server.api('POST', '/products', {
    body: { sku: 'TEA', name: 'Green tea', category: 'tea', price: '2.00', currency: 'EUR' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const CARD = { name: 'Coffee', stamps_required: 3, per: 'order', categories: ['coffee'] };
const order = async (customer, productId, extra = {}) => expectStatus(await server.api('POST', '/orders', {
  body: { customer_id: customer.id, currency: 'EUR', channel: 'store',
    lines: [{ product_id: productId, quantity: 2, unit_price: '2.50' }], ...extra },
}), 201);
const cards = async (customer) =>
  expectStatus(await as('sue', 'GET', `/customers/${customer.id}/loyalty/stamp-cards`), 200).data;
const cardOf = async (customer) => (await cards(customer)).find((c) => c.card.id === 'coffee');
const waitCard = (customer, pred, message) => waitFor(async () => {
  const c = await cardOf(customer);
  return c && pred(c) ? c : null;
}, { message });

test('marketing defines a stamp card; bad settings are refused with the field named', async () => {
  const body = { ...CARD, reward_product_id: coffee.id };
  expectProblem(await as('sue', 'PUT', '/loyalty/stamp-cards/coffee', { body }), 403);
  expectProblem(await as('mia', 'PUT', '/loyalty/stamp-cards/coffee', { body: { ...body, stamps_required: 1 } }),
    422, { field: 'stamps_required' });
  expectProblem(await as('mia', 'PUT', '/loyalty/stamp-cards/coffee', { body: { ...body, per: 'week' } }),
    422, { field: 'per' });
  expectProblem(await as('mia', 'PUT', '/loyalty/stamp-cards/Not%20A%20Slug', { body }), 422, { field: 'id' });
  expectProblem(await as('mia', 'PUT', '/loyalty/stamp-cards/coffee', { body: { ...body, reward_product_id: 'prd_nope' } }),
    422, { field: 'reward_product_id' });
  const created = await as('mia', 'PUT', '/loyalty/stamp-cards/coffee', { body });
  assert.equal(created.status, 201);
  assert.equal(created.body.version, 1);
  const list = expectStatus(await as('sue', 'GET', '/loyalty/stamp-cards'), 200).data;
  assert.deepEqual(list.map((c) => [c.id, c.stamps_required, c.per]), [['coffee', 3, 'order']]);
  // A stale If-Match is refused; the audit trail has the card.
  expectProblem(await as('mia', 'PUT', '/loyalty/stamp-cards/coffee', { body, headers: { 'If-Match': '"7"' } }), 412);
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_stamp_card'), 200).data;
  assert.ok(audit.length >= 1, JSON.stringify(audit));
});

test('three coffee orders fill the card: a voucher for a free coffee, redeemed on a new order', async () => {
  const ada = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ada' } }), 201);
  await order(ada, coffee.id);
  await order(ada, tea.id);  // tea does not qualify
  await order(ada, coffee.id);
  const two = await waitCard(ada, (c) => c.stamps === 2, 'two stamps');
  assert.equal(two.filled, 0);
  await order(ada, coffee.id);
  const full = await waitCard(ada, (c) => c.filled === 1, 'card filled');
  assert.equal(full.stamps, 0);
  assert.equal(full.fills.length, 1);
  const vouchers = expectStatus(await as('sue', 'GET', `/customers/${ada.id}/loyalty/vouchers`), 200).data;
  assert.equal(vouchers.length, 1);
  assert.equal(vouchers[0].description, 'a free product');
  assert.equal(vouchers[0].rules.value.product_id, coffee.id);
  assert.equal(full.fills[0].code, `…${vouchers[0].code.slice(-4)}`);  // the card names it by its end
  // Redeemed: one coffee free, and that order stamps the new card.
  const free = await order(ada, coffee.id, { voucher_codes: [vouchers[0].code] });
  assert.equal(free.discount, '2.50');
  const next = await waitCard(ada, (c) => c.stamps === 1, 'stamp on the new card');
  assert.equal(next.fills[0].used, true);
  const timeline = expectStatus(await server.api('GET', `/customers/${ada.id}/timeline?kind=loyalty`), 200).data;
  assert.ok(timeline.some((t) => /Stamp card Coffee: \+1 stamp .*card full, voucher issued/.test(t.subject)),
    JSON.stringify(timeline.map((t) => t.subject)));
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_stamps'), 200).data;
  assert.ok(audit.length >= 4, JSON.stringify(audit));
});

test('a cancelled order withdraws the unused voucher its stamp filled; the code is then unknown', async () => {
  const ben = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ben' } }), 201);
  const first = await order(ben, coffee.id);
  await order(ben, coffee.id);
  await order(ben, coffee.id);
  await waitCard(ben, (c) => c.filled === 1, 'card filled');
  const [voucher] = expectStatus(await as('sue', 'GET', `/customers/${ben.id}/loyalty/vouchers`), 200).data;
  expectStatus(await server.api('PATCH', `/orders/${first.id}`, { body: { status: 'cancelled' } }), 200);
  const after = await waitCard(ben, (c) => c.filled === 0, 'voucher withdrawn');
  assert.equal(after.stamps, 2);
  assert.equal(after.debt, 0);
  assert.ok(after.fills[0].revoked_at, JSON.stringify(after));
  assert.deepEqual(expectStatus(await as('sue', 'GET', `/customers/${ben.id}/loyalty/vouchers`), 200).data, []);
  const refused = await server.api('POST', '/orders', {
    body: { customer_id: ben.id, currency: 'EUR', channel: 'store', voucher_codes: [voucher.code],
      lines: [{ product_id: coffee.id, quantity: 1, unit_price: '2.50' }] },
  });
  expectProblem(refused, 422, { field: 'voucher_codes[0]' });
});

test('refunds after the voucher was used leave stamp debt, which the next stamps settle', async () => {
  const cy = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Cy' } }), 201);
  const a = await order(cy, coffee.id);
  const b = await order(cy, coffee.id);
  await order(cy, coffee.id);
  await waitCard(cy, (c) => c.filled === 1, 'card filled');
  const [voucher] = expectStatus(await as('sue', 'GET', `/customers/${cy.id}/loyalty/vouchers`), 200).data;
  await order(cy, coffee.id, { voucher_codes: [voucher.code] });  // used, and 1 stamp
  await waitCard(cy, (c) => c.stamps === 1, 'stamp after the free coffee');
  expectStatus(await server.api('POST', `/orders/${a.id}/refunds`, { body: { amount: '5.00' } }), 201);
  await waitCard(cy, (c) => c.stamps === 0, 'first refund');
  // A partial refund keeps its share: floor(1 × 2.50 / 5.00) = 0 kept.
  expectStatus(await server.api('POST', `/orders/${b.id}/refunds`, { body: { amount: '2.50' } }), 201);
  const owing = await waitCard(cy, (c) => c.debt === 1, 'stamp debt');
  assert.equal(owing.filled, 1);  // the used voucher's card stands
  assert.equal(owing.stamps, 0);
  await order(cy, coffee.id);
  const settled = await waitCard(cy, (c) => c.debt === 0, 'debt settled');
  assert.equal(settled.stamps, 0);
  const timeline = expectStatus(await server.api('GET', `/customers/${cy.id}/timeline?kind=loyalty`), 200).data;
  assert.ok(timeline.some((t) => /owes 1/.test(t.subject)), JSON.stringify(timeline.map((t) => t.subject)));
});
