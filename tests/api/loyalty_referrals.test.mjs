// Referrals over HTTP (docs/design/loyalty.md § Referrals): a customer's code and link, a new
// customer arriving with it on POST /customers, both rewarded once the first order is past the
// return window (0 days here: at once, by the durable job); a referral to oneself on a first
// order refused and recorded with its signal while the order goes on; a near-identical email
// refused; an unknown code a 422 at referral_code with nothing written; the review list and the
// statistics; conversions in the programme's reports; the referral limits as programme settings; a
// referral rewarded with a voucher for each side instead of points.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
let ada;
let code;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  expectStatus(await server.api('PUT', '/loyalty/programmes/club', {
    body: { name: 'Club', currency: 'EUR', pending_days: 0, earn: { referral: 25 } },
  }), 201);
  ada = expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'Ada', emails: [{ address: 'ada.lovelace@gmail.com' }] } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const referral = async (customer) => expectStatus(await server.api('GET', `/customers/${customer.id}/loyalty/referral`), 200);
const available = async (customer) =>
  expectStatus(await server.api('GET', `/customers/${customer.id}/loyalty?programme=club`), 200).balance.available;
const order = (customer, extra = {}) => server.api('POST', '/orders', {
  body: { customer_id: customer.id, currency: 'EUR', channel: 'web', lines: [{ description: 'Tea', quantity: 1, unit_price: '9.00' }], ...extra },
});
const refused = async () => expectStatus(await server.api('GET', '/loyalty/referrals?state=refused'), 200).data;

test('a customer has a code and link; a new customer with it is linked, and both are rewarded after the first order', async () => {
  const mine = await referral(ada);
  code = mine.code;
  assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  assert.equal(mine.link, `${server.baseUrl}/?ref=${code}`);
  assert.equal((await referral(ada)).code, code);  // the same code every time
  assert.deepEqual(mine.referrals, []);
  // Typed loosely, as codes are.
  const ben = expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'Ben', referral_code: code.toLowerCase().replaceAll('-', ' ') } }), 201);
  let state = await referral(ada);
  assert.equal(state.referrals.length, 1);
  assert.equal(state.referrals[0].state, 'linked');
  assert.equal(state.referrals[0].referee_name, 'Ben');
  assert.equal((await referral(ben)).referred_by.referrer_id, ada.id);
  expectStatus(await order(ben), 201);
  state = await waitFor(async () => {
    const s = await referral(ada);
    return s.referrals[0].state === 'rewarded' ? s : null;
  }, { message: 'referral rewarded' });
  assert.equal(state.counts.rewarded, 1);
  assert.equal(await available(ada), 25);
  assert.equal(await available(ben), 25);
  const timeline = expectStatus(await server.api('GET', `/customers/${ada.id}/timeline?kind=loyalty`), 200).data;
  assert.ok(timeline.some((t) => /Referral: Ben qualified; both rewarded/.test(t.subject)), JSON.stringify(timeline.map((t) => t.subject)));
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_referral'), 200).data;
  assert.ok(audit.length >= 3, JSON.stringify(audit));
});

test('a referral to oneself is refused and recorded with its signal; the order goes on', async () => {
  const placed = expectStatus(await order(ada, { referral_code: code }), 201);
  assert.equal(placed.customer_id, ada.id);
  const list = await refused();
  const self = list.find((r) => r.referee_id === ada.id);
  assert.equal(self.signal, 'self_referral');
  assert.equal(self.referrer_id, ada.id);
  assert.equal(await available(ada), 25);  // nothing earned for it
});

test('a near-identical email is refused; an unknown code is a problem with nothing written', async () => {
  const eve = expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'Eve', emails: [{ address: 'Ada.Love.Lace+deals@googlemail.com' }], referral_code: code } }), 201);
  const found = (await refused()).find((r) => r.referee_id === eve.id);
  assert.equal(found.signal, 'same_email');
  assert.match(found.detail, /normalisation/);
  const before = expectStatus(await server.api('GET', '/customers?limit=100'), 200).data.length;
  expectProblem(await server.api('POST', '/customers', { body: { first_name: 'Zed', referral_code: 'ZZZZ-ZZZZ-ZZZZ' } }),
    422, { field: 'referral_code' });
  expectProblem(await server.api('POST', '/customers', { body: { first_name: 'Zed', referral_code: 42 } }),
    422, { field: 'referral_code' });
  expectProblem(await server.api('POST', '/customers', { body: { first_name: 'Zed', referral_code: code, referral_network: 'not an address' } }),
    422, { field: 'referral_network' });
  assert.equal(expectStatus(await server.api('GET', '/customers?limit=100'), 200).data.length, before);
  expectProblem(await server.api('GET', '/loyalty/referrals?state=maybe'), 422, { field: 'state' });
});

test('statistics: by state, refusals by signal, per month and the conversion', async () => {
  const stats = expectStatus(await server.api('GET', '/loyalty/referral-stats'), 200);
  assert.equal(stats.by_state.rewarded, 1);
  assert.equal(stats.by_state.refused, 2);
  assert.deepEqual(stats.refused_by_signal.map((s) => s.signal).sort(), ['same_email', 'self_referral']);
  assert.equal(stats.months.length, 1);
  assert.equal(stats.months[0].rewarded, 1);
  assert.equal(stats.conversion, 1);
});

test('the programme\'s reports show this month\'s referral conversions, refusals per signal', async () => {
  const report = expectStatus(await server.api('GET', '/loyalty/programmes/club/reports'), 200);
  const month = report.periods.at(-1);
  assert.deepEqual(month.referrals, {
    made: 3, qualified: 1, rewarded: 1, refused: 2,
    refused_by_signal: { same_email: 1, self_referral: 1 }, conversion_rate: 1,
  });
  assert.deepEqual(report.periods[0].referrals.made, 0);
  assert.equal(report.periods[0].referrals.conversion_rate, null);
});

test('referral limits are the programme\'s settings: named when bad, audited, and a referrer past the cap is refused', async () => {
  const club = expectStatus(await server.api('GET', '/loyalty/programmes/club'), 200);
  assert.deepEqual(club.referral_limits, { network_per_week: 3, referrer_cap: 10, referrer_cap_days: 30 });
  for (const [limits, field] of [[{ referrer_cap: 0 }, 'referral_limits.referrer_cap'],
    [{ network_per_week: 'many' }, 'referral_limits.network_per_week'], [{ referrer_cap_days: 366 }, 'referral_limits.referrer_cap_days'],
    [{ per_hour: 1 }, 'referral_limits.per_hour']]) {
    expectProblem(await server.api('PUT', '/loyalty/programmes/club', { body: { ...club, referral_limits: limits } }), 422, { field });
  }
  assert.deepEqual(expectStatus(await server.api('GET', '/loyalty/programmes/club'), 200).referral_limits, club.referral_limits);
  const capped = expectStatus(await server.api('PUT', '/loyalty/programmes/club', {
    body: { ...club, referral_limits: { ...club.referral_limits, referrer_cap: 2 } } }), 200);
  assert.equal(capped.referral_limits.referrer_cap, 2);
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_programme'), 200).data;
  assert.ok(audit.some((e) => JSON.stringify(e).includes('referrer_cap')), JSON.stringify(audit));
  // Ada brought Ben in the last 30 days (refused ones do not count): Gil is the second, Hal the third.
  const gil = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Gil', referral_code: code } }), 201);
  const hal = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Hal', referral_code: code } }), 201);
  const states = Object.fromEntries((await referral(ada)).referrals.map((r) => [r.referee_id, r.state]));
  assert.equal(states[gil.id], 'linked');
  const found = (await refused()).find((r) => r.referee_id === hal.id);
  assert.equal(found.signal, 'referrer_cap');
  assert.match(found.detail, /in the last 30 days/);
});

test('a referral rewarded with vouchers: each side gets one voucher, once, instead of points', async () => {
  const club = expectStatus(await server.api('GET', '/loyalty/programmes/club'), 200);
  assert.deepEqual(club.referral_rewards, { referrer: { kind: 'points' }, referee: { kind: 'points' } });
  for (const [rewards, field] of [
    [{ referrer: { kind: 'cash' } }, 'referral_rewards.referrer.kind'],
    [{ referee: { kind: 'voucher' } }, 'referral_rewards.referee.voucher'],
    [{ referee: { kind: 'voucher', voucher: { value: { type: 'amount_off', amount: '5.00' } } } }, 'referral_rewards.referee.voucher.currency'],
    [{ referrer: { kind: 'voucher', voucher: { value: { type: 'free_shipping' }, expires_in_days: 0 } } }, 'referral_rewards.referrer.voucher.expires_in_days'],
  ]) {
    expectProblem(await server.api('PUT', '/loyalty/programmes/club', { body: { ...club, referral_rewards: rewards } }), 422, { field });
  }
  const rewards = {
    referrer: { kind: 'voucher', voucher: { value: { type: 'amount_off', amount: '5.00' }, currency: 'EUR', expires_in_days: 30 } },
    referee: { kind: 'voucher', voucher: { value: { type: 'percent_off', percent: 10 } } },
  };
  const saved = expectStatus(await server.api('PUT', '/loyalty/programmes/club', { body: { ...club, referral_rewards: rewards } }), 200);
  assert.equal(saved.referral_rewards.referrer.voucher.expires_in_days, 30);
  // Gil arrived with Ada's code (the test before): his first order qualifies the referral.
  const gil = (await referral(ada)).referrals.find((r) => r.state === 'linked');
  const vouchers = async (id) => expectStatus(await server.api('GET', `/customers/${id}/loyalty/vouchers`), 200).data;
  const adaBefore = (await vouchers(ada.id)).length;
  const points = await available(ada);
  expectStatus(await order({ id: gil.referee_id }), 201);
  await waitFor(async () => {
    const s = await referral(ada);
    return s.referrals.find((r) => r.referee_id === gil.referee_id).state === 'rewarded' ? s : null;
  }, { message: 'referral rewarded' });
  const adas = await vouchers(ada.id);
  assert.equal(adas.length, adaBefore + 1);
  assert.equal(adas[0].kind, 'reward');
  assert.equal(adas[0].description, '5.00 EUR off');
  const days = (Date.parse(adas[0].rules.expires_at) - Date.now()) / 86_400_000;
  assert.ok(days > 29 && days <= 30, adas[0].rules.expires_at);
  const gils = await vouchers(gil.referee_id);
  assert.equal(gils.length, 1);
  assert.equal(gils[0].description, '10% off');
  assert.equal(await available(ada), points);  // a voucher instead of points
  // The referee's voucher takes 10% off his next order; a later order rewards nothing more.
  const next = expectStatus(await order({ id: gil.referee_id }, { voucher_codes: [gils[0].code] }), 201);
  assert.equal(next.discount, '0.90');
  assert.equal((await vouchers(ada.id)).length, adaBefore + 1);
});

test('a referee\'s first order placed by the referrer (placed_by) refuses the referral; an unknown placer is a problem with nothing written', async () => {
  const hal = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Hal', last_name: 'Placer' } }), 201);
  const halCode = (await referral(hal)).code;
  const ivy = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ivy', referral_code: halCode } }), 201);
  expectProblem(await order(ivy, { placed_by: 'cus_nobody' }), 422, { field: 'placed_by' });
  expectProblem(await order(ivy, { placed_by: 42 }), 422, { field: 'placed_by' });
  assert.equal(expectStatus(await server.api('GET', `/customers/${ivy.id}/orders`), 200).data.length, 0);
  const placed = expectStatus(await order(ivy, { placed_by: hal.id }), 201);
  assert.equal(placed.placed_by, hal.id);
  const refusal = await waitFor(async () => (await refused()).find((r) => r.referee_id === ivy.id) ?? null, { message: 'referral refused' });
  assert.equal(refusal.signal, 'referrer_placed_order');
  assert.equal(refusal.referrer_id, hal.id);
  assert.equal(await available(hal), 0);
  // An order the customer placed themselves names no placer.
  assert.equal(expectStatus(await order(hal, { placed_by: hal.id }), 201).placed_by, null);
});
