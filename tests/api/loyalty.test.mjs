// Loyalty over HTTP: programmes and their validation, points earned from orders through the
// outbox (pending for the return window, at once with a 0-day window), refunds taking them back
// pro rata, staff grants, adjustments (their own permission, a reason) and redemptions, retries
// counted once, the traits, the timeline and the audit trail.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};
let customer;

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sue', 'support'], ['vic', 'viewer'], ['mia', 'marketing']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  customer = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Lena', last_name: 'Horne' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const loyalty = (programme, query = '') =>
  server.api('GET', `/customers/${customer.id}/loyalty?programme=${programme}${query}`);

const BEANS = {
  name: 'Beans Club', points_name: 'beans', currency: 'EUR', pending_days: 14,
  expiry: { mode: 'per_lot', months: 12, warning_days: 30 },
  earn: { spend: { points: 1, per: '1.00' }, first_order: 10 },
};
const INSTANT = { name: 'Instant', currency: 'USD', pending_days: 0, earn: { spend: { points: 2, per: '1.00' } } };

test('programmes: validated with field paths, configured by marketing, read by everyone', async () => {
  expectProblem(await server.api('PUT', '/loyalty/programmes/beans', {
    body: { ...BEANS, currency: 'eur', earn: { spend: { per: '0' }, per_order: 1.5 } },
  }), 422, { field: 'earn.spend.per' });
  expectProblem(await server.api('PUT', '/loyalty/programmes/Bad%20Id', { body: BEANS }), 422, { field: 'id' });
  expectProblem(await as('vic', 'PUT', '/loyalty/programmes/beans', { body: BEANS }), 403);
  const made = await as('mia', 'PUT', '/loyalty/programmes/beans', { body: BEANS });
  const beans = expectStatus(made, 201);
  assert.equal(beans.earn.spend.per, '1.00');
  assert.equal(beans.expiry.mode, 'per_lot');
  assert.equal(beans.version, 1);
  expectStatus(await server.api('PUT', '/loyalty/programmes/instant', { body: INSTANT }), 201);
  // A stale If-Match is refused; the current one replaces.
  expectProblem(await server.api('PUT', '/loyalty/programmes/beans', { body: BEANS, headers: { 'If-Match': '"v7"' } }), 412);
  const replaced = expectStatus(await server.api('PUT', '/loyalty/programmes/beans', { body: BEANS, headers: { 'If-Match': '"v1"' } }), 200);
  assert.equal(replaced.version, 2);
  const list = expectStatus(await as('vic', 'GET', '/loyalty/programmes'), 200).data;
  assert.deepEqual(list.map((p) => p.id), ['beans', 'instant']);
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_programme'), 200).data;
  // The two creates; replacing beans with the same body changed nothing, so it audits nothing.
  assert.ok(audit.length >= 2, JSON.stringify(audit));
});

test('an order earns pending points; a refund takes them back pro rata; a 0-day window makes them available at once', async () => {
  const placed = expectStatus(await server.api('POST', `/customers/${customer.id}/orders`, {
    body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Beans', quantity: 1, unit_price: '40.99' }] },
  }), 201);
  const earned = await waitFor(async () => {
    const m = expectStatus(await loyalty('beans'), 200);
    return m.balance.pending > 0 ? m : null;
  }, { message: 'order points' });
  assert.deepEqual(earned.balance, { available: 0, pending: 50, debt: 0 });  // 40 + 10 first-order
  assert.deepEqual(earned.history.data.map((h) => h.cause).sort(), ['bonus:first_order', `order:${placed.id}`]);
  // Half the order refunded: floor(40 × 20.50 / 40.99) = 20 points kept, 20 taken back.
  expectStatus(await server.api('POST', `/orders/${placed.id}/refunds`, { body: { amount: '20.49' } }), 201);
  await waitFor(async () => (await loyalty('beans')).body.balance.pending === 30, { message: 'refund reversal' });
  // In USD, with no window, points are available at once.
  expectStatus(await server.api('POST', `/customers/${customer.id}/orders`, {
    body: { currency: 'USD', channel: 'store', lines: [{ description: 'Mug', quantity: 1, unit_price: '12.00' }] },
  }), 201);
  const instant = await waitFor(async () => {
    const m = expectStatus(await loyalty('instant'), 200);
    return m.balance.available > 0 ? m : null;
  }, { message: 'instant points' });
  assert.deepEqual(instant.balance, { available: 24, pending: 0, debt: 0 });
  const timeline = expectStatus(await server.api('GET', `/customers/${customer.id}/timeline?kind=loyalty`), 200).data;
  assert.ok(timeline.some((t) => /Earned 24 points/.test(t.subject)), JSON.stringify(timeline));
  assert.ok(timeline.some((t) => /20 beans taken back/.test(t.subject)), JSON.stringify(timeline));
});

test('staff grant with loyalty create, adjust with loyalty edit and a reason, redeem within the balance', async () => {
  const path = `/customers/${customer.id}/loyalty`;
  // Support grants goodwill, but cannot adjust: that permission is its own.
  const headers = { 'Idempotency-Key': 'grant-lena-1' };
  const granted = expectStatus(await as('sue', 'POST', `${path}/grants`, { body: { programme: 'instant', points: 30, reason: 'Late parcel' }, headers }), 201);
  assert.equal(granted.balance.available, 54);
  const again = await as('sue', 'POST', `${path}/grants`, { body: { programme: 'instant', points: 30, reason: 'Late parcel' }, headers });
  assert.equal(expectStatus(again, 201).balance.available, 54);
  assert.equal((await loyalty('instant')).body.balance.available, 54);  // counted once
  expectProblem(await as('sue', 'POST', `${path}/adjustments`, { body: { programme: 'instant', points: -4, reason: 'Typo' } }), 403);
  expectProblem(await as('vic', 'POST', `${path}/grants`, { body: { programme: 'instant', points: 5 } }), 403);
  // Bad input names the field and changes nothing.
  expectProblem(await server.api('POST', `${path}/adjustments`, { body: { programme: 'instant', points: -4 } }), 422, { field: 'reason' });
  for (const points of [1.5, -3, 0, '7', 2e9]) {
    expectProblem(await server.api('POST', `${path}/grants`, { body: { programme: 'instant', points } }), 422, { field: 'points' });
  }
  expectProblem(await server.api('POST', `${path}/grants`, { body: { programme: 'nope', points: 5 } }), 422, { field: 'programme' });
  expectProblem(await server.api('POST', `${path}/redemptions`, { body: { programme: 'instant', points: 55 } }), 422, { field: 'points' });
  expectProblem(await server.api('POST', `${path}/adjustments`, { body: { programme: 'instant', points: -55, reason: 'Too much' } }), 422, { field: 'points' });
  assert.equal((await loyalty('instant')).body.balance.available, 54);
  const adjusted = expectStatus(await server.api('POST', `${path}/adjustments`, { body: { programme: 'instant', points: -4, reason: 'Double grant' } }), 201);
  assert.equal(adjusted.balance.available, 50);
  const redeemed = expectStatus(await server.api('POST', `${path}/redemptions`, { body: { programme: 'instant', points: 20, reward: 'Free coffee' } }), 201);
  assert.equal(redeemed.balance.available, 30);
  // History pages newest first.
  const first = expectStatus(await loyalty('instant', '&limit=2'), 200).history;
  assert.deepEqual(first.data.map((h) => [h.kind, h.points]), [['redeem', -20], ['adjust', -4]]);
  const rest = expectStatus(await loyalty('instant', `&limit=5&cursor=${encodeURIComponent(first.next_cursor)}`), 200).history;
  assert.deepEqual(rest.data.map((h) => [h.kind, h.points]), [['adjust', 30], ['earn', 24]]);
  assert.equal(rest.next_cursor, null);
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_transaction'), 200).data;
  assert.ok(audit.some((a) => a.actor.startsWith('token:')));
});

test('traits: loyalty_points filters and sorts customers', async () => {
  const other = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'No', last_name: 'Points' } }), 201);
  const found = expectStatus(await server.api('POST', '/customers/search', {
    body: { filter: { field: 'loyalty_points', op: 'gte', value: 30 }, sort: '-loyalty_points' },
  }), 200).data;
  assert.deepEqual(found.map((c) => c.id), [customer.id]);
  const none = expectStatus(await server.api('POST', '/customers/search', {
    body: { filter: { field: 'loyalty_points', op: 'eq', value: 0 } },
  }), 200).data;
  assert.ok(none.some((c) => c.id === other.id));
});

test('a customer nobody may read answers 404, and an unknown customer too', async () => {
  expectProblem(await server.api('GET', '/customers/cus_missing/loyalty'), 404);
  expectProblem(await server.api('POST', '/customers/cus_missing/loyalty/grants', { body: { points: 5 } }), 404);
});

test('each order rule has its own exclusions (products, categories), minimum and cap; a first order under its minimum never earns the bonus', async () => {
  const gift = expectStatus(await server.api('POST', '/products', { body: { sku: 'GIFT-25', name: 'Gift card', category: 'Gift cards', price: '25.00', currency: 'GBP' } }), 201);
  expectStatus(await server.api('POST', '/products', { body: { sku: 'TEA-1', name: 'Tea', category: 'Tea', price: '10.00', currency: 'GBP' } }), 201);
  const SHOP = {
    name: 'Tea Club', currency: 'GBP', pending_days: 0,
    earn: {
      spend: { points: 1, per: '1.00', excluded_categories: ['Gift cards'], excluded_products: ['POSTAGE'] },
      per_order: { points: 5, min_order: '10.00', excluded_categories: ['Gift cards'], cap: { points: 10, period: 'month' } },
      first_order: { points: 100, min_order: '30.00', excluded_categories: ['Gift cards'] },
    },
  };
  // A cap on a first order is refused by name, and the bad category list too; nothing is stored.
  expectProblem(await server.api('PUT', '/loyalty/programmes/tea', {
    body: { ...SHOP, earn: { ...SHOP.earn, first_order: { points: 100, cap: { points: 1, period: 'day' } } } },
  }), 422, { field: 'earn.first_order.cap' });
  expectProblem(await server.api('PUT', '/loyalty/programmes/tea', {
    body: { ...SHOP, earn: { ...SHOP.earn, spend: { points: 1, excluded_categories: 'Gift cards' } } },
  }), 422, { field: 'earn.spend.excluded_categories' });
  expectProblem(await server.api('GET', '/loyalty/programmes/tea'), 404);
  const tea = expectStatus(await server.api('PUT', '/loyalty/programmes/tea', { body: SHOP }), 201);
  assert.deepEqual(tea.earn.per_order, { points: 5, min_order: '10.00', excluded_products: [], excluded_categories: ['Gift cards'], cap: { points: 10, period: 'month' }, tier_multiplier: true });
  assert.deepEqual(tea.earn.first_order, { points: 100, min_order: '30.00', excluded_products: [], excluded_categories: ['Gift cards'], tier_multiplier: false });
  // Event bonuses: served as objects, a cap only where they recur.
  assert.deepEqual(tea.earn.signup, { points: 0, tier_multiplier: false });
  assert.deepEqual(tea.earn.review_published, { points: 0, cap: null, tier_multiplier: false });
  expectProblem(await server.api('PUT', '/loyalty/programmes/tea', {
    body: { ...SHOP, earn: { ...SHOP.earn, birthday: { points: 50, cap: { points: 50, period: 'year' } } } },
  }), 422, { field: 'earn.birthday.cap' });

  const ivy = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ivy', last_name: 'Benson' } }), 201);
  const balance = async () => expectStatus(await server.api('GET', `/customers/${ivy.id}/loyalty?programme=tea`), 200).balance.available;
  const order = async (lines) => expectStatus(await server.api('POST', `/customers/${ivy.id}/orders`, { body: { currency: 'GBP', channel: 'web', lines } }), 201);
  // First order: a 25.00 gift card (by product, its category read from the catalogue), 20.00 of
  // tea by SKU and 4.00 postage. Spend: 20; per order: 5 (24.00 ≥ 10.00 without the card); no
  // first-order bonus, since 24.00 is under its 30.00 once the card is left out.
  await order([{ product_id: gift.id, quantity: 1 }, { sku: 'TEA-1', quantity: 2 }, { description: 'Postage', sku: 'POSTAGE', quantity: 1, unit_price: '4.00' }]);
  await waitFor(async () => (await balance()) === 25, { message: 'first order points' });
  // A bigger second order earns no first-order bonus, and the per-order cap (10 a month) allows 5 more.
  await order([{ sku: 'TEA-1', quantity: 5 }]);
  await waitFor(async () => (await balance()) === 80, { message: 'second order points' });
  await order([{ sku: 'TEA-1', quantity: 1 }]);
  await waitFor(async () => (await balance()) === 90, { message: 'third order points' });
  const history = expectStatus(await server.api('GET', `/customers/${ivy.id}/loyalty?programme=tea`), 200).history.data;
  assert.deepEqual(history.map((h) => h.points), [10, 55, 25]);
  assert.ok(!history.some((h) => h.cause === 'bonus:first_order'), JSON.stringify(history));
});

test('a published review can earn a voucher instead of points: once per product, never for a rejected one', async () => {
  const RV = { name: 'Reviews Club', currency: 'CHF', earn: { review_published: 30 } };
  expectProblem(await server.api('PUT', '/loyalty/programmes/reviews', { body: { ...RV, review_reward: { kind: 'cash' } } }), 422, { field: 'review_reward.kind' });
  expectProblem(await server.api('PUT', '/loyalty/programmes/reviews', {
    body: { ...RV, review_reward: { kind: 'voucher', voucher: { value: { type: 'percent_off', percent: 150 } } } },
  }), 422, { field: 'review_reward.voucher.value.percent' });
  const made = expectStatus(await server.api('PUT', '/loyalty/programmes/reviews', {
    body: { ...RV, review_reward: { kind: 'voucher', voucher: { value: { type: 'percent_off', percent: 10 }, expires_in_days: 60 } } },
  }), 201);
  assert.equal(made.review_reward.kind, 'voucher');
  assert.equal(made.review_reward.voucher.expires_in_days, 60);
  const mug = expectStatus(await server.api('POST', '/products', { body: { sku: 'MUG-9', name: 'Mug', price: '12.00', currency: 'CHF' } }), 201);
  const rex = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Rex', last_name: 'Writer' } }), 201);
  const vouchers = async () => expectStatus(await server.api('GET', `/customers/${rex.id}/loyalty/vouchers`), 200).data;
  const cup = expectStatus(await server.api('POST', '/products', { body: { sku: 'CUP-9', name: 'Cup', price: '8.00', currency: 'CHF' } }), 201);
  const publish = async (rating, product = mug) => {
    const r = expectStatus(await server.api('POST', '/reviews', { body: { customer_id: rex.id, product_id: product.id, rating, source: 'own_site', text: 'A mug.' } }), 201);
    return expectStatus(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'published' }, headers: { 'If-Match': '"v1"' } }), 200);
  };
  await publish(5);
  const issued = await waitFor(async () => ((await vouchers()).length === 1 ? await vouchers() : null), { message: 'review voucher' });
  assert.equal(issued[0].kind, 'reward');
  assert.equal(issued[0].description, '10% off');
  // A second review of the same product, and one rejected: nothing more.
  await publish(4);
  const rejected = expectStatus(await server.api('POST', '/reviews', { body: { customer_id: rex.id, rating: 1, source: 'own_site', text: 'Spam' } }), 201);
  expectStatus(await server.api('PATCH', `/reviews/${rejected.id}`, { body: { status: 'rejected', reason: 'spam' }, headers: { 'If-Match': '"v1"' } }), 200);
  // Events are applied in order: once the cup's review has its voucher, the ones before were passed.
  await publish(5, cup);
  await waitFor(async () => (await vouchers()).length >= 2, { message: 'second product voucher' });
  assert.equal((await vouchers()).length, 2);
  const member = expectStatus(await server.api('GET', `/customers/${rex.id}/loyalty?programme=reviews`), 200);
  assert.equal(member.balance.available, 0);  // the vouchers instead of the points
});
