// Rewards over HTTP beyond vouchers.test.mjs (docs/design/loyalty.md § Rewards, § Tiers): a reward
// limited to a tier is refused below it with the field named and the catalogue says so per
// customer; and a redemption racing a refund of the order that earned its points — fired together
// for many customers, whichever the single writer runs first, the balances stay intact: either the
// redemption wins and the refund's reversal becomes debt that the next earning settles, or the
// refund wins and the redemption is refused with nothing spent and no voucher issued.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  expectStatus(await server.api('PUT', '/loyalty/programmes/club', {
    body: { name: 'Club', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } } },
  }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const newCustomer = async (name) => expectStatus(await server.api('POST', '/customers', { body: { first_name: name } }), 201);
const place = async (customer, amount) => expectStatus(await server.api('POST', '/orders', {
  body: { customer_id: customer.id, currency: 'EUR', channel: 'web', lines: [{ description: 'Beans', quantity: 1, unit_price: amount }] },
}), 201);
const member = async (customer) => expectStatus(await server.api('GET', `/customers/${customer.id}/loyalty?programme=club`), 200);
const vouchers = async (customer) => expectStatus(await server.api('GET', `/customers/${customer.id}/loyalty/vouchers`), 200).data;

test('a tier-exclusive reward is refused below its tier, and the catalogue says who may buy it', async () => {
  expectProblem(await server.api('POST', '/loyalty/rewards', {
    body: { programme: 'club', name: 'Lounge', points: 10, value: { type: 'free_shipping' }, min_tier: 'Gold' },
  }), 422, { field: 'min_tier' });
  expectStatus(await server.api('PUT', '/loyalty/programmes/club/tiers', {
    body: { basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 0,
      tiers: [{ name: 'Silver', threshold: 50 }, { name: 'Gold', threshold: 200 }] },
  }), 200);
  expectProblem(await server.api('POST', '/loyalty/rewards', {
    body: { programme: 'club', name: 'Lounge', points: 10, value: { type: 'free_shipping' }, min_tier: 'Platinum' },
  }), 422, { field: 'min_tier' });
  const lounge = expectStatus(await server.api('POST', '/loyalty/rewards', {
    body: { programme: 'club', name: 'Lounge', points: 10, value: { type: 'free_shipping' }, min_tier: 'Gold' },
  }), 201);
  assert.equal(lounge.min_tier, 'Gold');
  const silver = await newCustomer('Sil');
  const gold = await newCustomer('Goldie');
  await place(silver, '60.00');
  await place(gold, '250.00');
  await waitFor(async () => (await member(gold)).tier?.current?.name === 'Gold', { message: 'gold upgrade' });
  await waitFor(async () => (await member(silver)).tier?.current?.name === 'Silver', { message: 'silver upgrade' });
  const refused = expectProblem(await server.api('POST', `/customers/${silver.id}/loyalty/reward-redemptions`, {
    body: { reward_id: lounge.id } }), 422, { field: 'reward_id' });
  assert.match(JSON.stringify(refused), /is for Gold members and above; the customer is Silver/);
  assert.equal((await member(silver)).balance.available, 60);  // nothing spent
  const catalogue = expectStatus(await server.api('GET', `/loyalty/rewards?customer_id=${silver.id}`), 200).data;
  const seen = catalogue.find((r) => r.id === lounge.id);
  assert.equal(seen.available, false);
  assert.match(seen.unavailable_reason, /Gold members and above/);
  assert.equal(expectStatus(await server.api('GET', `/loyalty/rewards?customer_id=${gold.id}`), 200)
    .data.find((r) => r.id === lounge.id).available, true);
  expectStatus(await server.api('POST', `/customers/${gold.id}/loyalty/reward-redemptions`, { body: { reward_id: lounge.id } }), 201);
  // Without a customer the catalogue is the plain list.
  assert.equal(expectStatus(await server.api('GET', '/loyalty/rewards'), 200).data.find((r) => r.id === lounge.id).available, undefined);
  expectStatus(await server.api('PUT', '/loyalty/programmes/club/tiers', { body: { tiers: [] } }), 200);
});

test('a redemption racing a refund of the order that earned its points leaves every balance intact', async () => {
  const coffee = expectStatus(await server.api('POST', '/loyalty/rewards', {
    body: { programme: 'club', name: 'Coffee', points: 100, value: { type: 'free_shipping' } },
  }), 201);
  const racers = [];
  for (let i = 0; i < 12; i++) {
    const customer = await newCustomer(`Racer ${i}`);
    const order = await place(customer, '100.00');
    racers.push({ customer, order });
  }
  await waitFor(async () => {
    for (const r of racers) if ((await member(r.customer)).balance.available !== 100) return false;
    return true;
  }, { message: 'points earned' });
  // Each customer's redemption and the full refund of the order that earned the points, together;
  // the redemption a little later for some, so the outbox's reversal wins some of the races too.
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const results = await Promise.all(racers.map(async (r, i) => {
    const [redeemed, refunded] = await Promise.all([
      sleep((i % 4) * 40).then(() =>
        server.api('POST', `/customers/${r.customer.id}/loyalty/reward-redemptions`, { body: { reward_id: coffee.id } })),
      server.api('POST', `/orders/${r.order.id}/refunds`, { body: { amount: '100.00' } }),
    ]);
    expectStatus(refunded, 201);
    return { ...r, redeemed };
  }));
  for (const r of results) {
    // The reversal is applied by the outbox: wait until it has been.
    const settled = await waitFor(async () => {
      const m = await member(r.customer);
      return m.history.data.some((h) => h.kind === 'reverse') ? m : null;
    }, { message: 'refund reversed' });
    const issued = await vouchers(r.customer);
    if (r.redeemed.status === 201) {
      // Spent first: the refund took back what it could (nothing) and the rest is debt.
      assert.deepEqual(settled.balance, { available: 0, pending: 0, debt: -100 }, JSON.stringify(settled));
      assert.equal(issued.length, 1);
    } else {
      // The refund first: nothing left to spend, the redemption refused, nothing issued.
      expectProblem(r.redeemed, 422, { field: 'reward_id' });
      assert.deepEqual(settled.balance, { available: 0, pending: 0, debt: 0 });
      assert.equal(issued.length, 0);
    }
  }
  // The debt rule: the next points settle the debt before any can be spent.
  const indebted = results.find((r) => r.redeemed.status === 201);
  if (indebted) {
    await place(indebted.customer, '150.00');
    const after = await waitFor(async () => {
      const m = await member(indebted.customer);
      return m.balance.debt === 0 ? m : null;
    }, { message: 'debt settled' });
    assert.deepEqual(after.balance, { available: 50, pending: 0, debt: 0 });
  }
  // The catalogue counted exactly the redemptions that succeeded.
  const wins = results.filter((r) => r.redeemed.status === 201).length;
  const reward = expectStatus(await server.api('GET', '/loyalty/rewards'), 200).data.find((r) => r.id === coffee.id);
  assert.equal(reward.redeemed, wins);
});
