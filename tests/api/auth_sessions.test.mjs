// Staff sign-in over HTTP: sessions in an HttpOnly cookie, the CSRF defence on cookie writes,
// session fixation, sign-out (here and everywhere), throttled guessing with equal answers for
// unknown accounts, idle and absolute expiry, and a disabled account's live session ending.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { rapportBin, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const PASSWORDS = { ada: 'analytical engine', bo: 'difference engine', cy: 'jacquard loom cards' };
let dir;
let server;

function addUser(dataDir, email, name, role, password) {
  const r = spawnSync(rapportBin(), ['user', 'add', '--data-dir', dataDir, '--email', email, '--name', name,
    '--role', role, '--password-stdin'], { encoding: 'utf8', input: `${password}\n` });
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  dir = makeDataDir();
  addUser(dir, 'ada@example.com', 'Ada', 'admin', PASSWORDS.ada);
  addUser(dir, 'bo@example.com', 'Bo', 'sales', PASSWORDS.bo);
  addUser(dir, 'cy@example.com', 'Cy', 'support', PASSWORDS.cy);
  server = await startServer({ dataDir: dir });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

/** Signs in; returns {cookie, csrf, body, res}. */
async function login(srv, email, password, headers = {}) {
  const res = await srv.api('POST', '/auth/login', { token: null, body: { email, password }, headers });
  if (res.status !== 200) return { res };
  const setCookie = res.headers['set-cookie'];
  const cookie = setCookie.split(';')[0];
  return { res, cookie, csrf: res.body.csrf_token, body: res.body, setCookie };
}

const asSession = (s, cookie, csrf, extra = {}) => ({
  token: null, headers: { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...extra },
});

test('sign-in sets an HttpOnly, SameSite=Lax session cookie; me names the user', async () => {
  const { res, cookie, csrf, setCookie } = await login(server, 'ADA@example.com', PASSWORDS.ada);
  expectStatus(res, 200);
  assert.match(setCookie, /^rapport_session=rss_[A-Za-z0-9_-]{43}; /);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.match(setCookie, /Path=\//);
  assert.doesNotMatch(setCookie, /Secure/, 'no TLS here, so no Secure flag');
  assert.equal(res.body.user.email, 'ada@example.com');
  assert.equal(res.body.user.password_hash, undefined);
  const me = expectStatus(await server.api('GET', '/auth/me', asSession(server, cookie)), 200);
  assert.equal(me.user.email, 'ada@example.com');
  assert.equal(me.actor, `user:${me.user.id}`);
  assert.equal(me.csrf_token, csrf);
});

test('wrong password and unknown account get the same answer in comparable time', async () => {
  const timed = async (email, password) => {
    const started = process.hrtime.bigint();
    const res = await server.api('POST', '/auth/login', { token: null, body: { email, password } });
    return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const wrong = [];
  const unknown = [];
  for (let i = 0; i < 5; i++) {
    wrong.push(await timed('cy@example.com', 'not the password at all'));
    unknown.push(await timed('nobody@example.com', 'not the password at all'));
  }
  for (const { res } of [...wrong, ...unknown]) {
    expectProblem(res, 401);
    assert.equal(res.body.detail, wrong[0].res.body.detail);
    assert.equal(res.headers['set-cookie'], undefined);
  }
  const median = (xs) => xs.map((x) => x.ms).sort((a, b) => a - b)[2];
  // Both paths run one argon2id verification; an unknown account must not answer much faster.
  // Skipping the hash would be ~100× faster, so a loose factor catches it without being upset
  // by a busy machine.
  assert.ok(median(unknown) > median(wrong) * 0.25,
    `unknown account ${median(unknown)} ms vs wrong password ${median(wrong)} ms`);
  // The right password still works after a few failures (no lock-out below the threshold).
  expectStatus((await login(server, 'cy@example.com', PASSWORDS.cy)).res, 200);
});

test('a session id brought by the client is never adopted (fixation)', async () => {
  const planted = 'rapport_session=rss_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const { cookie } = await login(server, 'bo@example.com', PASSWORDS.bo, { cookie: planted });
  assert.notEqual(cookie, planted);
  expectProblem(await server.api('GET', '/auth/me', { token: null, headers: { cookie: planted } }), 401);
  expectStatus(await server.api('GET', '/auth/me', asSession(server, cookie)), 200);
});

test('cookie writes need the CSRF token and a same-origin request; bearer writes do not', async () => {
  const { cookie, csrf } = await login(server, 'bo@example.com', PASSWORDS.bo);
  const host = new URL(server.baseUrl).host;
  const body = { first_name: 'Csrf', last_name: `Probe${Date.now()}` };
  const count = async () => expectStatus(await server.api('GET', `/customers?q=${body.last_name}`), 200).data.length;
  expectProblem(await server.api('POST', '/customers', { ...asSession(server, cookie), body }), 403);
  expectProblem(await server.api('POST', '/customers', { ...asSession(server, cookie, 'wrong-token'), body }), 403);
  expectProblem(await server.api('POST', '/customers', {
    ...asSession(server, cookie, csrf, { origin: 'http://evil.example' }), body }), 403);
  expectProblem(await server.api('POST', '/customers', {
    ...asSession(server, cookie, csrf, { 'sec-fetch-site': 'cross-site' }), body }), 403);
  assert.equal(await count(), 0, 'refused writes changed nothing');
  // Reads need no CSRF token.
  expectStatus(await server.api('GET', '/customers?limit=1', asSession(server, cookie)), 200);
  const created = expectStatus(await server.api('POST', '/customers', {
    ...asSession(server, cookie, csrf, { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' }), body }), 201);
  const trail = expectStatus(await server.api('GET', `/customers/${created.id}/history`), 200).data;
  assert.match(trail[0].actor, /^user:usr_/, 'the audit trail names the signed-in user');
  expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Bearer' } }), 201);
});

test('sign out ends the session; sessions are listed and can be ended one by one or everywhere', async () => {
  const first = await login(server, 'cy@example.com', PASSWORDS.cy);
  const second = await login(server, 'cy@example.com', PASSWORDS.cy);
  const third = await login(server, 'cy@example.com', PASSWORDS.cy);
  const list = expectStatus(await server.api('GET', '/auth/sessions', asSession(server, first.cookie)), 200).data;
  assert.ok(list.length >= 3);
  assert.equal(list.filter((s) => s.current).length, 1);
  assert.equal(list.find((s) => s.current).id, first.body.session_id);
  expectStatus(await server.api('DELETE', `/auth/sessions/${second.body.session_id}`, asSession(server, first.cookie, first.csrf)), 204);
  expectProblem(await server.api('GET', '/auth/me', asSession(server, second.cookie)), 401);
  // Another user's session id answers like an unknown one.
  const bo = await login(server, 'bo@example.com', PASSWORDS.bo);
  expectProblem(await server.api('DELETE', `/auth/sessions/${bo.body.session_id}`, asSession(server, first.cookie, first.csrf)), 404);
  expectStatus(await server.api('GET', '/auth/me', asSession(server, bo.cookie)), 200);

  const out = await server.api('POST', '/auth/logout', asSession(server, first.cookie, first.csrf));
  expectStatus(out, 204);
  assert.match(out.headers['set-cookie'], /Max-Age=0/);
  expectProblem(await server.api('GET', '/auth/me', asSession(server, first.cookie)), 401);
  expectStatus(await server.api('GET', '/auth/me', asSession(server, third.cookie)), 200);
  expectStatus(await server.api('POST', '/auth/logout-everywhere', asSession(server, third.cookie, third.csrf)), 204);
  expectProblem(await server.api('GET', '/auth/me', asSession(server, third.cookie)), 401);
});

test('repeated failures slow down, then get 429 with Retry-After; the trail records them', async () => {
  const statuses = [];
  let slowest = 0;
  for (let i = 0; i < 11; i++) {
    const started = Date.now();
    const res = await server.api('POST', '/auth/login', { token: null, body: { email: 'ada@example.com', password: `guess number ${i}` } });
    statuses.push(res.status);
    if (i >= 6 && i < 10) slowest = Math.max(slowest, Date.now() - started);
    if (res.status === 429) {
      assert.match(res.headers['retry-after'], /^[1-9][0-9]*$/);
      assert.equal(res.headers['content-type'], 'application/problem+json');
    }
  }
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
  assert.equal(statuses[10], 429);
  assert.ok(slowest >= 250, `attempts past the fifth are delayed (slowest ${slowest} ms)`);
  // Throttled even with the right password, until the window passes: no answer leaks it.
  expectStatus((await login(server, 'ada@example.com', PASSWORDS.ada)).res, 429);
  const failures = expectStatus(await server.api('GET', '/audit?limit=200'), 200).data
    .filter((e) => e.action === 'sign_in_failed');
  assert.ok(failures.length >= 10);
  assert.ok(failures.every((e) => !JSON.stringify(e).includes('guess number')), 'passwords never logged');
});

test('a disabled account loses its live session; sessions of others survive a restart', async () => {
  const bo = await login(server, 'bo@example.com', PASSWORDS.bo);
  const cy = await login(server, 'cy@example.com', PASSWORDS.cy);
  await server.stopClean();
  const r = spawnSync(rapportBin(), ['user', 'disable', '--data-dir', dir, '--user', 'bo@example.com'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  server = await startServer({ dataDir: dir });
  expectProblem(await server.api('GET', '/auth/me', asSession(server, bo.cookie)), 401);
  expectProblem((await login(server, 'bo@example.com', PASSWORDS.bo)).res, 401);
  expectStatus(await server.api('GET', '/auth/me', asSession(server, cy.cookie)), 200);
});

test('sessions end after the idle limit and after the absolute limit', async () => {
  const other = makeDataDir();
  // Idle 4 s with a request every second leaves 3 s of slack for a busy machine.
  fs.writeFileSync(path.join(other, 'rapport.toml'), 'session_idle_seconds = 4\nsession_absolute_seconds = 12\n');
  addUser(other, 'dee@example.com', 'Dee', 'viewer', PASSWORDS.cy);
  const srv = await startServer({ dataDir: other });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  try {
    const idle = await login(srv, 'dee@example.com', PASSWORDS.cy);
    await sleep(4500);
    expectProblem(await srv.api('GET', '/auth/me', asSession(srv, idle.cookie)), 401);

    const signedInAt = Date.now();
    const active = await login(srv, 'dee@example.com', PASSWORDS.cy);
    for (let i = 0; i < 7; i++) {  // keeps it active well past the idle limit...
      await sleep(1000);
      expectStatus(await srv.api('GET', '/auth/me', asSession(srv, active.cookie)), 200);
    }
    // ...but not past the absolute one (timed from sign-in, so a slow machine cannot skew it).
    await sleep(Math.max(0, signedInAt + 12000 + 500 - Date.now()));
    expectProblem(await srv.api('GET', '/auth/me', asSession(srv, active.cookie)), 401);
  } finally {
    await srv.stopClean();
    removeDir(other);
  }
});
