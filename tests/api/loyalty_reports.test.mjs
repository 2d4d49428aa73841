// Loyalty reports over HTTP: a small programme's figures this month (members, active members,
// points issued and redeemed, liability in points and money, redemption rate, qualifying tiers,
// vouchers), the same report narrowed to the customers a sales user may read, an "as of" date
// before anything happened, and bad parameters named.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
let samToken;
let ann;
let bob;

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sam@staff.example', '--name', 'sam', '--role', 'sales',
    '--password-stdin'], 'a long enough passphrase\n');
  samToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sam', '--user', 'sam@staff.example']);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const sam = users.find((u) => u.name === 'sam');
  ann = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ann', owner_id: sam.id } }), 201);
  bob = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Bob' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const report = (query = '', token) =>
  server.api('GET', `/loyalty/programmes/cups/reports${query}`, token ? { token } : {});
const lastPeriod = (body) => body.periods[body.periods.length - 1];

test('a programme reports its month from the ledger; a sales user sees only their customers', async () => {
  expectStatus(await server.api('PUT', '/loyalty/programmes/cups', {
    body: { name: 'Cups', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } } },
  }), 201);
  expectStatus(await server.api('PUT', '/loyalty/programmes/cups/tiers', {
    body: { basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 0, tiers: [{ name: 'Silver', threshold: 10 }] },
  }), 200);
  for (const [customer, price] of [[ann, '25.00'], [bob, '5.00']]) {
    expectStatus(await server.api('POST', `/customers/${customer.id}/orders`, {
      body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Cup', quantity: 1, unit_price: price }] },
    }), 201);
  }
  for (const customer of [ann, bob]) {
    await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/loyalty?programme=cups`)).body.balance?.available > 0,
      { message: 'order points' });
  }
  expectStatus(await server.api('POST', `/customers/${ann.id}/loyalty/redemptions`, { body: { programme: 'cups', points: 5 } }), 201);
  expectStatus(await server.api('POST', `/customers/${bob.id}/loyalty/vouchers`, { body: { value: { type: 'free_shipping' } } }), 201);

  const all = expectStatus(await report('?interval=month&point_value=0.02'), 200);
  assert.equal(all.programme.id, 'cups');
  assert.equal(all.periods.length, 12);
  assert.equal(all.point_value, '0.02');
  assert.equal(all.tier_basis, 'points_earned');
  const now = lastPeriod(all);
  assert.equal(now.members, 2);
  assert.equal(now.new_members, 2);
  assert.equal(now.active_members, 2);
  assert.deepEqual(now.points, { issued: 30, reversed: 0, adjusted: 0, redeemed: 5, expired: 0 });
  assert.deepEqual(now.liability, { points: 25, money: '0.50' });
  assert.equal(now.redemption_rate, 0.1666);
  assert.deepEqual(now.tiers, [{ name: null, members: 1 }, { name: 'Silver', members: 1 }]);
  assert.deepEqual(now.vouchers, { issued: 1, redeemed: 0 });
  assert.equal(all.periods[0].members, 0);

  // Sam (sales, no team) reads only Ann: the figures are hers alone, Bob's voucher left out.
  const own = lastPeriod(expectStatus(await report('', samToken), 200));
  assert.equal(own.members, 1);
  assert.deepEqual(own.points, { issued: 25, reversed: 0, adjusted: 0, redeemed: 5, expired: 0 });
  assert.deepEqual(own.tiers, [{ name: null, members: 0 }, { name: 'Silver', members: 1 }]);
  assert.deepEqual(own.vouchers, { issued: 0, redeemed: 0 });
});

test('as of a past date nothing had happened yet; quarters and years group the months', async () => {
  const past = expectStatus(await report('?from=2020-01&to=2020-03-15'), 200);
  assert.equal(past.periods.length, 3);
  assert.equal(lastPeriod(past).end, '2020-03-15');
  assert.equal(lastPeriod(past).members, 0);
  assert.equal(lastPeriod(past).redemption_rate, null);
  const years = expectStatus(await report('?interval=year'), 200);
  assert.equal(years.periods.length, 12);
  assert.equal(lastPeriod(years).points.issued, 30);
});

test('bad parameters are named and an unknown programme is not found', async () => {
  expectProblem(await report('?interval=week'), 422, { field: 'interval' });
  expectProblem(await report('?from=1990-01&to=2025-01'), 422, { field: 'from' });
  expectProblem(await report('?to=soon'), 422, { field: 'to' });
  expectProblem(await report('?point_value=abc'), 422, { field: 'point_value' });
  expectProblem(await server.api('GET', '/loyalty/programmes/nope/reports'), 404);
});
