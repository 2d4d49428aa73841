// Vouchers over HTTP (docs/design/loyalty.md § Vouchers): batches generated in bulk with their
// CSV export, a shared code with a usage limit, a voucher issued to one customer; redemption in
// POST /api/v1/orders — a discount line, the use counted atomically (50 concurrent orders at a
// code with one use left: exactly one wins), a retried request spending once, a cancelled order
// giving the use back, and every problem named at voucher_codes[i] with nothing written.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};
let ada;
let ben;

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sue', 'support'], ['vic', 'viewer'], ['mia', 'marketing']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  ada = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ada' } }), 201);
  ben = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ben' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const TEA = { description: 'Tea', quantity: 2, unit_price: '10.00' };
const order = (customer, codes, options = {}) => server.api('POST', '/orders', {
  ...options,
  body: { customer_id: customer.id, currency: 'EUR', channel: 'web', lines: [TEA], voucher_codes: codes },
});
const orderCount = async (customer) =>
  expectStatus(await server.api('GET', `/customers/${customer.id}/orders?limit=100`), 200).data.length;
const shared = async (code, maxUses, rules = {}) => expectStatus(await as('mia', 'POST', '/loyalty/voucher-batches', {
  body: { name: code, kind: 'shared', code, max_uses: maxUses, value: { type: 'amount_off', amount: '5.00' }, currency: 'EUR', ...rules },
}), 201);

test('bulk batches: marketing generates readable single-use codes and exports them as CSV', async () => {
  const body = { name: 'Flyers', kind: 'bulk', count: 25, value: { type: 'percent_off', percent: 10 } };
  expectProblem(await as('sue', 'POST', '/loyalty/voucher-batches', { body }), 403);
  expectProblem(await as('mia', 'POST', '/loyalty/voucher-batches', { body: { ...body, count: 10001 } }), 422, { field: 'count' });
  expectProblem(await as('mia', 'POST', '/loyalty/voucher-batches', {
    body: { ...body, value: { type: 'percent_off', percent: 0 } },
  }), 422, { field: 'value.percent' });
  const batch = expectStatus(await as('mia', 'POST', '/loyalty/voucher-batches', { body }), 201);
  assert.equal(batch.code_count, 25);
  assert.equal(batch.description, '10% off');
  expectProblem(await as('vic', 'GET', `/loyalty/voucher-batches/${batch.id}/codes`), 403);
  const csv = await as('mia', 'GET', `/loyalty/voucher-batches/${batch.id}/codes`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /text\/csv/);
  const rows = csv.text.trim().split('\r\n');
  assert.equal(rows[0], 'code,max_uses,uses,customer_id');
  const codes = rows.slice(1).map((r) => r.split(',')[0]);
  assert.equal(new Set(codes).size, 25);
  for (const code of codes) assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  // Any of them takes 10% off an order, typed in lower case with spaces.
  const placed = expectStatus(await order(ada, [codes[0].toLowerCase().replaceAll('-', ' ')]), 201);
  assert.equal(placed.total, '18.00');
  assert.equal(placed.discount, '2.00');
  const list = expectStatus(await as('mia', 'GET', '/loyalty/voucher-batches'), 200).data;
  assert.equal(list.find((b) => b.id === batch.id).uses, 1);
  // The export is audited; the batch's events and audit entries never carry a code.
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_voucher_batch'), 200).data;
  assert.ok(audit.length >= 2, JSON.stringify(audit));
  assert.ok(!JSON.stringify(audit).includes(codes[0]));
});

test('a code with one use left is redeemed exactly once under 50 concurrent orders', async () => {
  await shared('LASTONE', 1);
  await shared('THREEUSES', 3);
  const before = await orderCount(ben);
  const fire = (code) => Promise.all(Array.from({ length: 50 }, () => order(ben, [code])));
  for (const [code, uses] of [['LASTONE', 1], ['THREEUSES', 3]]) {
    const results = await fire(code);
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    assert.equal(won.length, uses, `${code}: ${won.length} orders got it`);
    for (const r of lost) {
      expectProblem(r, 422, { field: 'voucher_codes[0]' });
      assert.equal(r.body.errors[0].message, 'has been used up');
    }
    for (const r of won) assert.equal(r.body.total, '15.00');
  }
  assert.equal(await orderCount(ben), before + 4);  // the losers wrote nothing
  const batches = expectStatus(await as('mia', 'GET', '/loyalty/voucher-batches'), 200).data;
  assert.equal(batches.find((b) => b.code === 'LASTONE').uses, 1);
  assert.equal(batches.find((b) => b.code === 'THREEUSES').uses, 3);
});

test('a retried order spends its voucher once; a cancelled one gives it back', async () => {
  await shared('RETRYME', 1);
  const key = { headers: { 'Idempotency-Key': 'order-retry-1' } };
  const first = expectStatus(await order(ada, ['RETRYME'], key), 201);
  const again = await order(ada, ['RETRYME'], key);
  assert.equal(again.status, 201);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(again.body.id, first.id);
  expectProblem(await order(ben, ['RETRYME']), 422, { field: 'voucher_codes[0]' });
  expectStatus(await server.api('PATCH', `/orders/${first.id}`, { body: { status: 'cancelled' } }), 200);
  const reused = await waitFor(async () => {
    const r = await order(ben, ['RETRYME']);
    return r.status === 201 ? r : null;
  }, { message: 'the use given back' });
  assert.equal(reused.body.total, '15.00');
});

test('problems name voucher_codes[i] and write nothing', async () => {
  await shared('EXPIRED1', 5, { expires_at: '2020-01-01T00:00:00Z' });
  await shared('BIGSPEND', 5, { min_order: '100.00' });
  await shared('MUGSONLY', 5, { scope: { categories: ['mugs'] } });
  await shared('ALONE', 5, { combinable: false });
  await shared('ONEEACH', 5, { per_customer_limit: 1 });
  await shared('DOLLARS', 5, { currency: 'USD' });
  expectStatus(await order(ada, ['ONEEACH']), 201);
  const issued = expectStatus(await as('sue', 'POST', `/customers/${ben.id}/loyalty/vouchers`, {
    body: { value: { type: 'free_shipping' } },
  }), 201);
  const before = await orderCount(ada);
  const cases = [
    [['NOPE-NOPE-NOPE'], 0, 'no voucher has this code'],
    [["' OR 1=1 --"], 0, 'no voucher has this code'],
    [['EXPIRED1'], 0, 'expired at 2020-01-01T00:00:00.000Z'],
    [['BIGSPEND'], 0, 'needs an order of at least 100.00 EUR'],
    [['MUGSONLY'], 0, "applies to none of the order's products"],
    [['DOLLARS'], 0, 'is for orders in USD'],
    [['ONEEACH'], 0, 'this customer has used it as often as it allows (1)'],
    [[issued.code], 0, 'is not valid for this customer'],
    [['BIGSPEND', 'bigspend'], 1, 'is given twice'],
    [['RETRYME', 'ALONE'], 1, 'cannot be combined with other vouchers'],
  ];
  for (const [codes, index, message] of cases) {
    const r = await order(ada, codes);
    expectProblem(r, 422, { field: `voucher_codes[${index}]` });
    assert.ok(r.body.errors.some((e) => e.field === `voucher_codes[${index}]` && e.message === message),
      `${codes}: ${JSON.stringify(r.body.errors)}`);
  }
  expectProblem(await order(ada, ['A', 'B', 'C', 'D', 'E', 'F']), 422, { field: 'voucher_codes' });
  expectProblem(await order(ada, [42]), 422, { field: 'voucher_codes[0]' });
  assert.equal(await orderCount(ada), before);
});

test('a voucher issued to one customer: support issues it, it is on the timeline and only theirs', async () => {
  const body = { value: { type: 'amount_off', amount: '3.00' }, currency: 'EUR', note: 'sorry for the delay' };
  expectProblem(await as('vic', 'POST', `/customers/${ada.id}/loyalty/vouchers`, { body }), 403);
  expectProblem(await as('sue', 'POST', `/customers/${ada.id}/loyalty/vouchers`, {
    body: { ...body, expires_at: 'tomorrow' },
  }), 422, { field: 'expires_at' });
  const issued = expectStatus(await as('sue', 'POST', `/customers/${ada.id}/loyalty/vouchers`, { body }), 201);
  assert.match(issued.code, /^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$/);
  assert.equal(issued.customer_id, ada.id);
  assert.equal(issued.state, 'available');
  const mine = expectStatus(await as('vic', 'GET', `/customers/${ada.id}/loyalty/vouchers`), 200).data;
  assert.ok(mine.some((v) => v.id === issued.id));
  const timeline = expectStatus(await server.api('GET', `/customers/${ada.id}/timeline?kind=loyalty`), 200).data;
  const entry = timeline.find((i) => i.kind === 'loyalty' && i.subject.includes('sorry for the delay'));
  assert.ok(entry, JSON.stringify(timeline.map((i) => i.subject)));
  assert.ok(!entry.subject.includes(issued.code), 'the timeline names the code by its end only');
  const placed = expectStatus(await order(ada, [issued.code]), 201);
  assert.equal(placed.total, '17.00');
  const line = placed.lines.at(-1);
  assert.equal(line.discount, '3.00');
  assert.equal(line.line_total, '-3.00');
  assert.match(line.description, /^Voucher .*: 3\.00 EUR off$/);
  const after = expectStatus(await as('vic', 'GET', `/customers/${ada.id}/loyalty/vouchers`), 200).data;
  assert.equal(after.find((v) => v.id === issued.id).state, 'used_up');
});

test('rewards: bought with points, a voucher issued in the same transaction, stock never oversold', async () => {
  expectStatus(await server.api('PUT', '/loyalty/programmes/beans', {
    body: { name: 'Beans', currency: 'EUR', pending_days: 0 },
  }), 201);
  const cara = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Cara' } }), 201);
  expectStatus(await as('sue', 'POST', `/customers/${cara.id}/loyalty/grants`, { body: { points: 1000, reason: 'launch' } }), 201);
  const body = { programme: 'beans', name: 'Five off', points: 100, stock: 3, value: { type: 'amount_off', amount: '5.00' }, currency: 'EUR', valid_days: 30 };
  expectProblem(await as('sue', 'POST', '/loyalty/rewards', { body }), 403);
  expectProblem(await as('mia', 'POST', '/loyalty/rewards', { body: { ...body, points: 0 } }), 422, { field: 'points' });
  const reward = expectStatus(await as('mia', 'POST', '/loyalty/rewards', { body }), 201);
  assert.equal(reward.stock, 3);
  // Ten at once for three in stock: three win, seven are told it is out of stock.
  const results = await Promise.all(Array.from({ length: 10 }, () =>
    as('sue', 'POST', `/customers/${cara.id}/loyalty/reward-redemptions`, { body: { reward_id: reward.id } })));
  const won = results.filter((r) => r.status === 201);
  assert.equal(won.length, 3);
  for (const r of results.filter((x) => x.status !== 201)) {
    expectProblem(r, 422, { field: 'reward_id' });
    assert.equal(r.body.errors[0].message, 'is out of stock');
  }
  const member = expectStatus(await server.api('GET', `/customers/${cara.id}/loyalty?programme=beans`), 200);
  assert.equal(member.balance.available, 700);
  const list = expectStatus(await as('vic', 'GET', '/loyalty/rewards'), 200).data;
  assert.equal(list.find((r) => r.id === reward.id).stock, 0);
  assert.equal(list.find((r) => r.id === reward.id).redeemed, 3);
  // The voucher is the customer's own and takes 5.00 off their order.
  const voucher = won[0].body.voucher;
  assert.equal(voucher.customer_id, cara.id);
  assert.equal(voucher.kind, 'reward');
  const placed = expectStatus(await order(cara, [voucher.code]), 201);
  assert.equal(placed.total, '15.00');
  // More stock; a customer without enough points is refused and nothing is taken.
  const restocked = expectStatus(await as('mia', 'PATCH', `/loyalty/rewards/${reward.id}`, { body: { stock: 5 } }), 200);
  assert.equal(restocked.stock, 5);
  const poor = await as('sue', 'POST', `/customers/${ada.id}/loyalty/reward-redemptions`, { body: { reward_id: reward.id } });
  expectProblem(poor, 422, { field: 'reward_id' });
  assert.match(poor.body.errors[0].message, /^needs 100 points; the customer has 0 available$/);
  assert.equal(expectStatus(await as('vic', 'GET', '/loyalty/rewards'), 200).data.find((r) => r.id === reward.id).stock, 5);
});

test('tiers: configured by marketing, an order upgrades at once, the card shows the tier and the progress', async () => {
  expectStatus(await server.api('PUT', '/loyalty/programmes/tiered', {
    body: { name: 'Tiered', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } } },
  }), 201);
  const tiers = {
    basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 30,
    tiers: [{ name: 'Silver', threshold: 100 }, { name: 'Gold', threshold: 300, multiplier: 1.5, free_shipping: true, support_priority: 'high' }],
  };
  expectProblem(await as('sue', 'PUT', '/loyalty/programmes/tiered/tiers', { body: tiers }), 403);
  expectProblem(await as('mia', 'PUT', '/loyalty/programmes/tiered/tiers', {
    body: { ...tiers, tiers: [{ name: 'Silver', threshold: 100 }, { name: 'Gold', threshold: 50 }] },
  }), 422, { field: 'tiers[1].threshold' });
  expectStatus(await as('mia', 'PUT', '/loyalty/programmes/tiered/tiers', { body: tiers }), 200);
  assert.equal(expectStatus(await as('vic', 'GET', '/loyalty/programmes/tiered/tiers'), 200).tiers[1].support_priority, 'high');
  const dan = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Dan' } }), 201);
  const card = async () => expectStatus(await server.api('GET', `/customers/${dan.id}/loyalty?programme=tiered`), 200);
  const buy = (price) => server.api('POST', '/orders', {
    body: { customer_id: dan.id, currency: 'EUR', channel: 'web', lines: [{ description: 'Beans', quantity: 1, unit_price: price }] },
  });
  expectStatus(await buy('120.00'), 201);
  const silver = await waitFor(async () => {
    const m = await card();
    return m.tier?.current?.name === 'Silver' ? m : null;
  }, { message: 'Silver' });
  assert.deepEqual(silver.tier.progress, { basis: 'points_earned', value: 120, next: { name: 'Gold', threshold: 300, remaining: 180 } });
  expectStatus(await buy('200.00'), 201);
  const gold = await waitFor(async () => {
    const m = await card();
    return m.tier?.current?.name === 'Gold' ? m : null;
  }, { message: 'Gold' });
  assert.equal(gold.tier.current.support_priority, 'high');
  assert.equal(gold.tier.current.free_shipping, true);
  assert.equal(gold.tier.progress.next, null);
  const timeline = expectStatus(await server.api('GET', `/customers/${dan.id}/timeline?kind=loyalty`), 200).data;
  assert.ok(timeline.some((t) => t.subject === 'Tier: Silver → Gold (upgrade)'), JSON.stringify(timeline.map((t) => t.subject)));
  // The trait loyalty_tier finds the customer; a viewer reads it too.
  const goldMembers = expectStatus(await as('vic', 'POST', '/customers/search', {
    body: { filter: { field: 'loyalty_tier', op: 'eq', value: 'Gold' } },
  }), 200).data;
  assert.deepEqual(goldMembers.map((c) => c.id), [dan.id]);
});
