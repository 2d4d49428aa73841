// Custom field definitions are edited and deleted over HTTP: what may change, If-Match, what
// happens to the values records hold, bad input (422 naming the field, nothing written) and
// non-administrators (403).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
let agentToken;

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'mo@staff.example', '--name', 'Mo',
    '--role', 'manager', '--password-stdin'], 'a long enough passphrase\n');
  agentToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'mo', '--user', 'mo@staff.example']);
  server = await startServer({ dataDir: dir });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const api = (...args) => server.api(...args);
const field = '/custom-fields/customer/tier';

test('an administrator edits label, options, required and sensitive under If-Match', async () => {
  expectStatus(await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'tier',
    label: 'Tier', type: 'select', options: ['gold', 'silver'] } }), 201);
  const read = await api('GET', field);
  expectStatus(read, 200);
  assert.equal(read.headers.etag, '"v1"');
  const edited = expectStatus(await api('PATCH', field, { headers: { 'if-match': '"v1"' },
    body: { label: 'Loyalty tier', options: ['gold', 'silver', 'bronze'], required: false, sensitive: true } }), 200);
  assert.equal(edited.label, 'Loyalty tier');
  assert.deepEqual(edited.options, ['gold', 'silver', 'bronze']);
  assert.equal(edited.sensitive, true);
  assert.equal(edited.version, 2);
  expectProblem(await api('PATCH', field, { headers: { 'if-match': '"v1"' }, body: { label: 'Stale' } }), 412);
  const listed = expectStatus(await api('GET', '/custom-fields?object_type=customer'), 200);
  assert.equal(listed.data.find((f) => f.key === 'tier').label, 'Loyalty tier');
  // The new option can be stored at once.
  expectStatus(await api('POST', '/customers', { body: { first_name: 'Ann', custom_fields: { tier: 'bronze' } } }), 201);
});

test('bad edits are 422 naming the field and change nothing; type and key are fixed', async () => {
  for (const [body, name] of [[{ type: 'text' }, 'type'], [{ key: 'level' }, 'key'], [{ label: '' }, 'label'],
    [{ required: 'yes' }, 'required'], [{ options: [] }, 'options'], [{ options: ['a', 'a'] }, 'options[1]'],
    [{ colour: 'red' }, 'colour']]) {
    expectProblem(await api('PATCH', field, { body }), 422, { field: name });
  }
  const after = expectStatus(await api('GET', field), 200);
  assert.equal(after.version, 2, 'nothing was written');
  expectProblem(await api('PATCH', '/custom-fields/customer/nope', { body: { label: 'X' } }), 404);
});

test('removing an option records hold is a 409; required turned on spares existing records', async () => {
  const problem = expectProblem(await api('PATCH', field, { body: { options: ['gold', 'silver'] } }), 409, { field: 'options' });
  assert.match(problem.detail, /"bronze" \(1 record\)/);
  const required = expectStatus(await api('PATCH', field, { body: { required: true } }), 200);
  assert.equal(required.required, true);
  const { data } = expectStatus(await api('GET', '/customers?limit=10'), 200);
  const ann = data.find((c) => c.first_name === 'Ann');
  expectStatus(await api('POST', '/customers', { body: { first_name: 'Bob', custom_fields: { tier: 'gold' } } }), 201);
  expectProblem(await api('POST', '/customers', { body: { first_name: 'Cy' } }), 422, { field: 'custom_fields.tier' });
  expectStatus(await api('PATCH', `/customers/${ann.id}`, { body: { last_name: 'Lee' } }), 200);
  expectStatus(await api('PATCH', field, { body: { required: false } }), 200);
});

test('ticket fields are listed by object_type=ticket, to agents too; an unknown type is 422', async () => {
  expectStatus(await api('POST', '/custom-fields', { body: { object_type: 'ticket', key: 'order_ref',
    label: 'Order reference', type: 'text' } }), 201);
  // The agent's ticket page asks for exactly this list (web/src/app/customFields.ts).
  const tickets = expectStatus(await api('GET', '/custom-fields?object_type=ticket', { token: agentToken }), 200);
  assert.deepEqual(tickets.data.map((f) => [f.object_type, f.key]), [['ticket', 'order_ref']]);
  const customers = expectStatus(await api('GET', '/custom-fields?object_type=customer'), 200);
  assert.ok(!customers.data.some((f) => f.key === 'order_ref'));
  expectProblem(await api('GET', '/custom-fields?object_type=order'), 422, { field: 'object_type' });
});

test('non-administrators may not edit or delete definitions', async () => {
  expectProblem(await api('PATCH', field, { token: agentToken, body: { label: 'Mine' } }), 403);
  expectProblem(await api('DELETE', field, { token: agentToken }), 403);
  assert.equal(expectStatus(await api('GET', field), 200).label, 'Loyalty tier');
});

test('deleting a definition removes its values from every record, audited per record', async () => {
  const { data } = expectStatus(await api('GET', '/customers?limit=10'), 200);
  const holders = data.filter((c) => c.custom_fields.tier !== undefined);
  assert.equal(holders.length, 2);
  const version = expectStatus(await api('GET', field), 200).version;
  expectProblem(await api('DELETE', field, { headers: { 'if-match': `"v${version + 5}"` } }), 412);
  const deleted = await api('DELETE', field, { headers: { 'if-match': `"v${version}"` } });
  assert.equal(deleted.status, 204);
  expectProblem(await api('GET', field), 404);
  for (const holder of holders) {
    const now = expectStatus(await api('GET', `/customers/${holder.id}`), 200);
    assert.deepEqual(now.custom_fields, {});
    assert.equal(now.version, holder.version + 1);
    const trail = expectStatus(await api('GET', `/audit?object_type=customer&object_id=${holder.id}`), 200);
    const removal = trail.data[0];
    assert.equal(removal.action, 'update');
    assert.ok(JSON.stringify(removal).includes(holder.custom_fields.tier), 'the old value is in the trail');
  }
  // Filters no longer know the field; the key can be defined afresh, empty.
  expectProblem(await api('POST', '/customers/search', { body: { filter: { field: 'custom_fields.tier', op: 'eq', value: 'gold' } } }), 422);
  expectStatus(await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'tier', label: 'Tier', type: 'text' } }), 201);
  const again = expectStatus(await api('GET', `/customers/${holders[0].id}`), 200);
  assert.deepEqual(again.custom_fields, {});
});
