// Saved views over HTTP: private to their owner unless shared; only the owner changes a view;
// the owner or an admin deletes it; bad input changes nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sam', 'sales'], ['vic', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const definition = { q: '', sort: 'display_name', match: 'and', conditions: [{ field: 'tags', op: 'eq', value: 'vip' }], columns: ['email'] };

test('a view is private until shared, and only its owner changes it', async () => {
  const made = await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'My VIPs', definition } });
  const view = expectStatus(made, 201);
  assert.deepEqual(view.definition, definition);
  assert.equal(view.shared, false);
  assert.equal(made.headers.etag, '"v1"');
  assert.deepEqual(expectStatus(await as('vic', 'GET', '/views?object=customers'), 200).data, []);
  expectProblem(await as('vic', 'PATCH', `/views/${view.id}`, { body: { name: 'Mine now' } }), 404);

  const shared = expectStatus(await as('sam', 'PATCH', `/views/${view.id}`, { body: { shared: true }, headers: { 'If-Match': '"v1"' } }), 200);
  assert.equal(shared.version, 2);
  expectProblem(await as('sam', 'PATCH', `/views/${view.id}`, { body: { name: 'Stale' }, headers: { 'If-Match': '"v1"' } }), 412);
  const seen = expectStatus(await as('vic', 'GET', '/views?object=customers'), 200).data;
  assert.deepEqual(seen.map((v) => v.name), ['My VIPs']);
  expectProblem(await as('vic', 'PATCH', `/views/${view.id}`, { body: { name: 'Mine now' } }), 403);
  expectProblem(await as('vic', 'DELETE', `/views/${view.id}`), 403);
  assert.deepEqual(expectStatus(await as('vic', 'GET', '/views?object=companies'), 200).data, []);
  expectStatus(await server.api('DELETE', `/views/${view.id}`), 204);
  assert.deepEqual(expectStatus(await as('sam', 'GET', '/views'), 200).data, []);
});

test('bad views are refused with the field at fault, and names are unique per owner', async () => {
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'orders', name: 'x', definition } }), 422, { field: 'object_type' });
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: '', definition } }), 422, { field: 'name' });
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'x', definition: [] } }), 422, { field: 'definition' });
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'x', definition: { blob: 'a'.repeat(20000) } } }), 422, { field: 'definition' });
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'x', definition, owner_id: 'usr_x' } }), 422, { field: 'owner_id' });
  expectStatus(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'Leads', definition } }), 201);
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'Leads', definition } }), 409, { field: 'name' });
  expectStatus(await as('vic', 'POST', '/views', { body: { object_type: 'customers', name: 'Leads', definition } }), 201);
  const history = expectStatus(await server.api('GET', '/audit?object=saved_view'), 200).data;
  assert.ok(history.length >= 4, 'view changes are audited');
});

test('a shared view shows a reader no condition, column or sort on a field their role hides', async () => {
  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'income', label: 'Income', type: 'number', sensitive: true } }), 201);
  const full = {
    q: '', sort: '-birthday', match: 'and',
    conditions: [
      { field: 'birthday', op: 'eq', value: '1979-04-01' },
      { match: 'or', conditions: [{ field: 'custom_fields.income', op: 'gt', value: 123456 }, { field: 'tags', op: 'eq', value: 'vip' }] },
    ],
    columns: ['email', 'birthday', 'custom_fields.income'],
  };
  const made = expectStatus(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'Rich and old', shared: true, definition: full } }), 201);
  assert.deepEqual(made.definition, full, 'sales sees sensitive fields: the owner gets it whole');
  assert.equal(made.redacted, undefined);

  const seen = expectStatus(await as('vic', 'GET', '/views?object=customers'), 200).data.find((v) => v.id === made.id);
  assert.ok(seen, 'the shared view is listed');
  assert.equal(seen.redacted, true);
  assert.deepEqual(seen.definition, {
    q: '', match: 'and',
    conditions: [{ match: 'or', conditions: [{ field: 'tags', op: 'eq', value: 'vip' }] }],
    columns: ['email'],
  });
  const text = JSON.stringify(seen);
  for (const secret of ['1979-04-01', '123456', 'birthday', 'income']) assert.ok(!text.includes(secret), `leaks ${secret}`);
  const mine = expectStatus(await as('sam', 'GET', '/views?object=customers'), 200).data.find((v) => v.id === made.id);
  assert.deepEqual(mine.definition, full);
  // A card number is free text like any other: refused in a view too.
  expectProblem(await as('sam', 'POST', '/views', { body: { object_type: 'customers', name: 'Card', definition: { q: '4111 1111 1111 1111' } } }), 422, { field: 'definition.q' });
});
