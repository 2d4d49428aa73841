// /api/v1/users: administrators manage staff accounts; everyone else is refused and the refusal
// is in the audit trail.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rapportBin, makeDataDir, removeDir, startServer, createToken } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
let adminToken;
let salesToken;

before(async () => {
  dir = makeDataDir();
  for (const [email, name, role, password] of [
    ['ada@example.com', 'Ada', 'admin', 'analytical engine'],
    ['bo@example.com', 'Bo', 'sales', 'difference engine']]) {
    const r = spawnSync(rapportBin(), ['user', 'add', '--data-dir', dir, '--email', email, '--name', name,
      '--role', role, '--password-stdin'], { encoding: 'utf8', input: `${password}\n` });
    assert.equal(r.status, 0, r.stderr);
  }
  adminToken = createToken(dir, 'admin-script');
  const r = spawnSync(rapportBin(), ['token', 'create', '--data-dir', dir, '--name', 'sales-script', '--user', 'bo@example.com'], { encoding: 'utf8' });
  salesToken = r.stdout.trim().split('\n').pop();
  server = await startServer({ dataDir: dir, token: adminToken });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});
const api = (...a) => server.api(...a);

test('an administrator lists and creates accounts; a generated password is returned once', async () => {
  const list = expectStatus(await api('GET', '/users'), 200).data;
  assert.deepEqual(list.map((u) => u.email).sort(), ['ada@example.com', 'bo@example.com']);
  assert.ok(list.every((u) => u.password_hash === undefined));
  const created = await api('POST', '/users', { body: { email: 'cy@example.com', name: 'Cy', roles: ['support'] } });
  const cy = expectStatus(created, 201);
  assert.equal(created.headers.location, `/api/v1/users/${cy.id}`);
  assert.match(cy.initial_password, /^[A-Za-z0-9]{20}$/);
  const again = expectStatus(await api('GET', `/users/${cy.id}`), 200);
  assert.equal(again.initial_password, undefined, 'shown once, never again');
  const signIn = await api('POST', '/auth/login', { token: null, body: { email: 'cy@example.com', password: cy.initial_password } });
  expectStatus(signIn, 200);
  expectProblem(await api('POST', '/users', { body: { email: 'dee@example.com', name: 'Dee', roles: ['viewer'], password: 'password1234' } }), 422, { field: 'password' });
  expectProblem(await api('POST', '/users', { body: { email: 'CY@example.com', name: 'Other', roles: ['viewer'] } }), 409);
  expectProblem(await api('POST', '/users', { body: { email: 'eve@example.com', name: 'Eve', roles: ['root'] } }), 422, { field: 'roles' });
});

test('roles and status change with If-Match; disabling ends the account’s session', async () => {
  const dee = expectStatus(await api('POST', '/users', { body: { email: 'dee@example.com', name: 'Dee', roles: ['viewer'], password: 'a fine passphrase' } }), 201);
  const login = await api('POST', '/auth/login', { token: null, body: { email: 'dee@example.com', password: 'a fine passphrase' } });
  const cookie = expectStatus(login, 200) && login.headers['set-cookie'].split(';')[0];
  const promoted = expectStatus(await api('PATCH', `/users/${dee.id}`, { body: { roles: ['marketing', 'viewer'] }, headers: { 'If-Match': `"v${dee.version}"` } }), 200);
  assert.deepEqual(promoted.roles, ['marketing', 'viewer']);
  expectProblem(await api('PATCH', `/users/${dee.id}`, { body: { name: 'Late' }, headers: { 'If-Match': `"v${dee.version}"` } }), 412);
  expectProblem(await api('PATCH', `/users/${dee.id}`, { body: { status: 'gone' } }), 422, { field: 'status' });
  expectStatus(await api('PATCH', `/users/${dee.id}`, { body: { status: 'disabled' } }), 200);
  expectProblem(await api('GET', '/auth/me', { token: null, headers: { cookie } }), 401);
  const trail = expectStatus(await api('GET', `/audit?object=user&id=${dee.id}`), 200).data;
  assert.ok(trail.some((e) => e.changes.some((c) => c.field === 'status' && c.new === 'disabled')));
});

test('disabling revokes the session and the token for good: enabling again brings neither back', async () => {
  const eve = expectStatus(await api('POST', '/users', { body: { email: 'eve@example.com', name: 'Eve', roles: ['viewer'], password: 'a fine passphrase' } }), 201);
  const login = await api('POST', '/auth/login', { token: null, body: { email: 'eve@example.com', password: 'a fine passphrase' } });
  const cookie = expectStatus(login, 200) && login.headers['set-cookie'].split(';')[0];
  const minted = expectStatus(await api('POST', '/tokens', { token: null, headers: { cookie, 'x-csrf-token': login.body.csrf_token }, body: { name: 'eve-script' } }), 201);
  expectStatus(await api('GET', '/auth/me', { token: minted.token }), 200);
  expectStatus(await api('PATCH', `/users/${eve.id}`, { body: { status: 'disabled' } }), 200);
  expectStatus(await api('PATCH', `/users/${eve.id}`, { body: { status: 'active' } }), 200);
  expectProblem(await api('GET', '/auth/me', { token: null, headers: { cookie } }), 401);
  expectProblem(await api('GET', '/auth/me', { token: minted.token }), 401);
  const tokens = expectStatus(await api('GET', '/tokens'), 200).data;
  assert.ok(tokens.find((t) => t.id === minted.id).revoked_at, 'the token is listed as revoked');
  // Signing in afresh works: the account is enabled, only the old credentials are dead.
  expectStatus(await api('POST', '/auth/login', { token: null, body: { email: 'eve@example.com', password: 'a fine passphrase' } }), 200);
});

test('non-administrators are refused, and the refusal is audited', async () => {
  expectProblem(await api('GET', '/users', { token: salesToken }), 403);
  expectProblem(await api('POST', '/users', { token: salesToken, body: { email: 'x@example.com', name: 'X', roles: ['admin'] } }), 403);
  const users = expectStatus(await api('GET', '/users'), 200).data;
  assert.ok(!users.some((u) => u.email === 'x@example.com'), 'nothing was created');
  const denied = expectStatus(await api('GET', '/audit?object=route'), 200).data;
  assert.ok(denied.some((e) => e.action === 'access_denied' && e.object_id === 'POST /api/v1/users' && e.actor.startsWith('token:')));
});

test('teams: administrators create, rename and delete them; users join by id', async () => {
  const sales = expectStatus(await api('POST', '/teams', { body: { name: 'Sales North' } }), 201);
  assert.equal(sales.member_count, 0);
  expectProblem(await api('POST', '/teams', { body: { name: 'sales north' } }), 409, { field: 'name' });
  expectProblem(await api('POST', '/teams', { body: { name: '   ' } }), 422, { field: 'name' });
  expectProblem(await api('POST', '/teams', { token: salesToken, body: { name: 'Rogue' } }), 403);
  const renamed = expectStatus(await api('PATCH', `/teams/${sales.id}`, {
    body: { name: 'Sales Nord' }, headers: { 'If-Match': `"v${sales.version}"` } }), 200);
  assert.equal(renamed.name, 'Sales Nord');
  expectProblem(await api('PATCH', `/teams/${sales.id}`, {
    body: { name: 'Late' }, headers: { 'If-Match': `"v${sales.version}"` } }), 412);

  const bo = expectStatus(await api('GET', '/users'), 200).data.find((u) => u.email === 'bo@example.com');
  const joined = expectStatus(await api('PATCH', `/users/${bo.id}`, { body: { teams: [sales.id] } }), 200);
  assert.deepEqual(joined.teams, [sales.id]);
  expectProblem(await api('PATCH', `/users/${bo.id}`, { body: { teams: ['team_nope'] } }), 422, { field: 'teams' });
  assert.equal(expectStatus(await api('GET', `/teams/${sales.id}`), 200).member_count, 1);
  // Every staff member may read the teams list.
  const visible = expectStatus(await api('GET', '/teams', { token: salesToken }), 200).data;
  assert.ok(visible.some((t) => t.id === sales.id));

  expectStatus(await api('DELETE', `/teams/${sales.id}`), 204);
  expectProblem(await api('GET', `/teams/${sales.id}`), 404);
  const after = expectStatus(await api('GET', `/users/${bo.id}`), 200);
  assert.deepEqual(after.teams, [], 'deleting a team removes it from its members');
});
