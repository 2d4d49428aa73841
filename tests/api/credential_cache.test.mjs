// Verified API tokens are cached (http/credential_cache.hpp), and every change to who a token is
// or what it may do applies at the very next request: each case below first uses the token
// twice, so the second answer comes from the cache, then changes something and asks again.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer, createToken } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase';
let dir;
let server;
let customer;
const users = {};
const tokens = {};

before(async () => {
  dir = makeDataDir();
  for (const name of ['rev', 'rol', 'dis', 'grt', 'sen']) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', 'viewer', '--password-stdin'], `${PASSWORD}\n`);
  }
  // Tokens are made before the server starts: the CLI may not write beside it.
  for (const name of ['rol', 'dis', 'grt', 'sen']) {
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'setup') });
  for (const u of expectStatus(await server.api('GET', '/users'), 200).data) users[u.name] = u;
  customer = expectStatus(await server.api('POST', '/customers', { body: {
    first_name: 'Nora', last_name: 'Helmer', birthday: '1979-12-24', custom_fields: {} } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

// Two reads with `token`: the second is answered from the cache.
async function warm(token, path = `/customers/${customer.id}`) {
  expectStatus(await server.api('GET', path, { token }), 200);
  return expectStatus(await server.api('GET', path, { token }), 200);
}

test('a revoked token is refused at the next request', async () => {
  // Minted through the API, so the server already serves while it is created and revoked.
  const minted = expectStatus(await server.api('POST', '/tokens', { body: { name: 'short-lived' } }), 201);
  await warm(minted.token);
  expectStatus(await server.api('DELETE', `/tokens/${minted.id}`), 204);
  expectProblem(await server.api('GET', `/customers/${customer.id}`, { token: minted.token }), 401);
  expectProblem(await server.api('GET', '/customers', { token: minted.token }), 401);
});

test('a role change applies at the next request', async () => {
  const token = tokens.rol;
  await warm(token);
  expectProblem(await server.api('GET', '/users', { token }), 403);
  expectStatus(await server.api('PATCH', `/users/${users.rol.id}`, { body: { roles: ['admin'] } }), 200);
  expectStatus(await server.api('GET', '/users', { token }), 200);
  expectStatus(await server.api('PATCH', `/users/${users.rol.id}`, { body: { roles: ['viewer'] } }), 200);
  expectProblem(await server.api('GET', '/users', { token }), 403);
});

test('disabling the owner refuses the token at the next request', async () => {
  const token = tokens.dis;
  await warm(token);
  expectStatus(await server.api('PATCH', `/users/${users.dis.id}`, { body: { status: 'disabled' } }), 200);
  expectProblem(await server.api('GET', `/customers/${customer.id}`, { token }), 401);
});

test('a change to a role’s grants or hidden fields applies at the next request', async () => {
  expectStatus(await server.api('POST', '/roles', { body: { name: 'desk',
    grants: { customers: { read: 'all' } }, fields: {} } }), 201);
  expectStatus(await server.api('PATCH', `/users/${users.grt.id}`, { body: { roles: ['desk'] } }), 200);
  const token = tokens.grt;
  assert.equal((await warm(token)).last_name, 'Helmer');
  expectStatus(await server.api('PATCH', '/roles/desk', { body: { fields: { customers: { external_id: 'hidden', addresses: 'hidden' } } } }), 200);
  const seen = expectStatus(await server.api('GET', `/customers/${customer.id}`, { token }), 200);
  assert.equal(seen.addresses, undefined, 'hidden at once');
  assert.ok('birthday' in seen);
  expectStatus(await server.api('PATCH', '/roles/desk', { body: { grants: { customers: { read: 'own' } } } }), 200);
  expectProblem(await server.api('GET', `/customers/${customer.id}`, { token }), 404);
});

test('a custom field made sensitive is hidden at the next request', async () => {
  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'pin', label: 'PIN', type: 'text' } }), 201);
  expectStatus(await server.api('PATCH', `/customers/${customer.id}`, { body: { custom_fields: { pin: '1234' } } }), 200);
  const token = tokens.sen;
  assert.equal((await warm(token)).custom_fields.pin, '1234');
  expectStatus(await server.api('PATCH', '/custom-fields/customer/pin', { body: { sensitive: true } }), 200);
  const seen = expectStatus(await server.api('GET', `/customers/${customer.id}`, { token }), 200);
  assert.equal(seen.custom_fields.pin, undefined);
  assert.equal(seen.birthday, undefined, 'viewers do not see sensitive fields');
});
