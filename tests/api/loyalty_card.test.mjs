// The customer's loyalty card for shops over HTTP: the public POST /public/loyalty/card with an
// identity signed by the shop's server (HMAC or JWT with the chat identity secret), its CORS for
// the chat's allowed websites, refusals that all look alike, bad bodies named by field, the
// per-address limit; and the token-authenticated GET for a `shop` role. Both show only what a
// customer may see: no ledger history, no staff reasons, no other customers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const ORIGIN = 'https://shop.example';
let dir;
let server;
let secret;
let lena;
let voucherCode;
let shopToken;

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const hashFor = (id, key = secret) => crypto.createHmac('sha256', key).update(id).digest('hex');
function jwtFor(sub, { exp = Math.floor(Date.now() / 1000) + 300, key = secret } = {}) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, exp })}`;
  return `${head}.${crypto.createHmac('sha256', key).update(head).digest('base64url')}`;
}
const card = (body, headers = {}) =>
  server.api('POST', '/public/loyalty/card', { body, token: null, raw: true, headers });

before(async () => {
  dir = makeDataDir();
  // The shop's server user starts as a viewer; the test gives it the `shop` role.
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'shop@staff.example', '--name', 'Shop', '--role', 'viewer',
    '--password-stdin'], 'a long enough passphrase\n');
  shopToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'shop', '--user', 'shop@staff.example']);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  const settings = expectStatus(await server.api('PATCH', '/chat/settings', { body: { allowed_origins: [ORIGIN] } }), 200);
  secret = settings.identity_secret;
  expectStatus(await server.api('PUT', '/loyalty/programmes/club', { body: {
    name: 'Coffee Club', points_name: 'beans', currency: 'EUR', pending_days: 0,
    earn: { spend: { points: 1, per: '1.00' } } } }), 201);
  lena = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Lena', last_name: 'Horne' } }), 201);
  expectStatus(await server.api('POST', `/customers/${lena.id}/orders`, {
    body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Beans', quantity: 1, unit_price: '42.50' }] } }), 201);
  await waitFor(async () => (await server.api('GET', `/customers/${lena.id}/loyalty`)).body.balance?.available === 42,
    { message: 'order points' });
  expectStatus(await server.api('POST', `/customers/${lena.id}/loyalty/grants`, {
    body: { points: 8, reason: 'Sorry about the broken grinder (staff note)' } }), 201);
  voucherCode = expectStatus(await server.api('POST', `/customers/${lena.id}/loyalty/vouchers`, {
    body: { value: { type: 'free_shipping' } } }), 201).code;
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

test('a shop reads its signed-in customer\'s card with an HMAC or a JWT, and sees only the card', async () => {
  const byHash = expectStatus(await card({ identity: { customer_id: lena.id, hash: hashFor(lena.id) } }), 200);
  assert.deepEqual(byHash.programme, { id: 'club', name: 'Coffee Club', points_name: 'beans' });
  assert.equal(byHash.customer_id, lena.id);
  assert.equal(byHash.member, true);
  assert.deepEqual(byHash.points, { available: 50, pending: 0 });
  assert.deepEqual(byHash.vouchers.map((v) => v.code), [voucherCode]);
  assert.match(byHash.vouchers[0].description, /shipping/i);
  assert.match(byHash.referral.code, /^[A-Z0-9-]+$/);
  assert.equal(byHash.referral.rewarded, 0);
  // The staff view's history, reasons and actors stay behind.
  assert.doesNotMatch(JSON.stringify(byHash), /history|postings|grinder|actor|debt/);

  const byJwt = expectStatus(await card({ identity: { jwt: jwtFor(lena.id) }, programme: 'club' }), 200);
  assert.deepEqual(byJwt, byHash);
  // The balance is the ledger's: a redemption shows at once.
  expectStatus(await server.api('POST', `/customers/${lena.id}/loyalty/redemptions`, { body: { points: 20 } }), 201);
  assert.equal(expectStatus(await card({ identity: { jwt: jwtFor(lena.id) } }), 200).points.available, 30);
});

test('forged, expired, foreign and unknown identities are refused alike, and nothing is written', async () => {
  const before = (await server.api('GET', `/customers/${lena.id}/loyalty`)).body;
  const other = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ola', last_name: 'Berg' } }), 201);
  const refusals = [
    { customer_id: lena.id, hash: hashFor(lena.id, 'not the secret') },
    { customer_id: lena.id, hash: hashFor(other.id) },  // Ola's signature does not open Lena's card
    { jwt: jwtFor(lena.id, { exp: Math.floor(Date.now() / 1000) - 10 }) },
    { jwt: jwtFor(lena.id, { key: 'not the secret' }) },
    { jwt: `${b64({ alg: 'none' })}.${b64({ sub: lena.id, exp: Math.floor(Date.now() / 1000) + 60 })}.` },
    { customer_id: 'cus_doesnotexist', hash: hashFor('cus_doesnotexist') },
  ];
  for (const identity of refusals) {
    const res = await card({ identity });
    expectProblem(res, 403);
    assert.equal(res.body.detail ?? res.body.title, (await card({ identity: refusals[0] })).body.detail ?? res.body.title);
  }
  expectProblem(await card({ identity: 'x' }), 422, { field: 'identity' });
  expectProblem(await card({}), 422, { field: 'identity' });
  expectProblem(await card({ identity: { jwt: jwtFor(lena.id) }, programme: 7 }), 422, { field: 'programme' });
  expectProblem(await card({ identity: { jwt: jwtFor(lena.id) }, points: 100 }), 422, { field: 'points' });
  expectProblem(await card('{"identity": '), 400);
  expectProblem(await card({ identity: { jwt: jwtFor(lena.id) }, programme: 'x'.repeat(9000) }), 413);
  // Ola has no card yet: he is told so, not refused.
  const ola = expectStatus(await card({ identity: { customer_id: other.id, hash: hashFor(other.id) } }), 200);
  assert.equal(ola.member, false);
  assert.deepEqual(ola.points, { available: 0, pending: 0 });
  assert.deepEqual((await server.api('GET', `/customers/${lena.id}/loyalty`)).body.balance, before.balance);
});

test('the chat\'s allowed websites may call it from the page; others get no CORS grant', async () => {
  const identity = { jwt: jwtFor(lena.id) };
  const allowed = await card({ identity }, { origin: ORIGIN });
  expectStatus(allowed, 200);
  assert.equal(allowed.headers['access-control-allow-origin'], ORIGIN);
  assert.equal(allowed.headers['cache-control'], 'no-store');
  const foreign = await card({ identity }, { origin: 'https://evil.example' });
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  const preflight = await server.api('OPTIONS', '/public/loyalty/card', {
    token: null, raw: true, headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], ORIGIN);
  assert.match(preflight.headers['access-control-allow-headers'], /content-type/);
  const refused = await server.api('OPTIONS', '/public/loyalty/card', {
    token: null, raw: true, headers: { origin: 'https://evil.example' } });
  assert.equal(refused.headers['access-control-allow-origin'], undefined);
});

test('a shop role\'s token reads the same card; it cannot move points', async () => {
  expectStatus(await server.api('POST', '/roles', { body: {
    name: 'shop', description: 'The web shop\'s server: shows customers their loyalty card',
    grants: { customers: { read: 'all' }, loyalty: { read: 'all' } } } }), 201);
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const shopUser = users.find((u) => u.email === 'shop@staff.example');
  const shop = shopToken;
  // A role that reads customers but not loyalty is refused the card.
  expectStatus(await server.api('POST', '/roles', { body: {
    name: 'lookup', description: 'Customers only', grants: { customers: { read: 'all' } } } }), 201);
  expectStatus(await server.api('PATCH', `/users/${shopUser.id}`, { body: { roles: ['lookup'] } }), 200);
  expectProblem(await server.api('GET', `/customers/${lena.id}/loyalty/card`, { token: shop }), 403);
  expectStatus(await server.api('PATCH', `/users/${shopUser.id}`, { body: { roles: ['shop'] } }), 200);
  const viaToken = expectStatus(await server.api('GET', `/customers/${lena.id}/loyalty/card`, { token: shop }), 200);
  const viaSignature = expectStatus(await card({ identity: { jwt: jwtFor(lena.id) } }), 200);
  assert.deepEqual(viaToken, viaSignature);
  expectProblem(await server.api('POST', `/customers/${lena.id}/loyalty/grants`, { token: shop, body: { points: 5 } }), 403);
  expectProblem(await server.api('GET', '/customers/cus_nope/loyalty/card', { token: shop }), 404);
  expectProblem(await server.api('GET', `/customers/${lena.id}/loyalty/card`, { token: null }), 401);
});

test('one address may not try identities without end', async () => {
  let limited;
  for (let i = 0; i < 200 && !limited; ++i) {
    const res = await card({ identity: { customer_id: lena.id, hash: crypto.randomBytes(32).toString('hex') } });
    if (res.status === 429) limited = res;
    else expectProblem(res, 403);
  }
  assert.ok(limited, 'never limited');
  assert.ok(Number(limited.headers['retry-after']) >= 1);
});
