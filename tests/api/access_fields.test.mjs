// Field-level access, admin-defined roles and token scopes over HTTP. Sensitive fields (birthday,
// custom fields marked sensitive) hidden from a role must be absent from every response —
// record, list, search, overview, history, custom field list — refused in filters and writes
// exactly like unknown fields, and read-only fields refused on write with nothing changed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rapportBin, cliOk, makeDataDir, removeDir, startServer, createToken } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const BIRTHDAY = '1987-06-05';
const SALARY = 98765;
const PASSWORD = 'a long enough passphrase';

let dir;
let server;
const tokens = {};
let customer;


before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['ada', 'admin'], ['vic', 'viewer'], ['sue', 'support'], ['mo', 'viewer'],
    ['aud', 'viewer'], ['ida', 'manager']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
  const admin = createToken(dir, 'setup');
  for (const name of ['vic', 'sue', 'mo', 'aud', 'ida']) {
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  tokens.readonly = cliOk(['token', 'create', '--data-dir', dir, '--name', 'reporting', '--user',
    'ada@staff.example', '--scope', 'customers:read', '--scope', 'interactions:read']);
  server = await startServer({ dataDir: dir, token: admin });
  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'salary', label: 'Salary', type: 'number', sensitive: true } }), 201);
  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'tier', label: 'Tier', type: 'text' } }), 201);
  customer = expectStatus(await server.api('POST', '/customers', { body: {
    first_name: 'Hedda', last_name: 'Gabler', birthday: BIRTHDAY, emails: [{ address: 'hedda@cust.example' }],
    custom_fields: { salary: SALARY, tier: 'gold' }, tags: ['vip'] } }), 201);
  expectStatus(await server.api('PATCH', `/customers/${customer.id}`, { body: { birthday: '1987-06-06', custom_fields: { salary: SALARY + 1 } } }), 200);
  expectStatus(await server.api('PATCH', `/customers/${customer.id}`, { body: { birthday: BIRTHDAY, custom_fields: { salary: SALARY } } }), 200);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, path, options = {}) => server.api(method, path, { ...options, token: tokens[who] });

function assertNoSecrets(body, what) {
  const text = JSON.stringify(body);
  for (const secret of [BIRTHDAY, '1987-06-06', String(SALARY), String(SALARY + 1)]) {
    assert.ok(!text.includes(secret), `${what} leaks ${secret}: ${text.slice(0, 400)}`);
  }
  assert.ok(!text.includes('"birthday"'), `${what} names birthday`);
  assert.ok(!text.includes('"salary"'), `${what} names salary`);
}

test('hidden fields are absent from every read path', async () => {
  const one = expectStatus(await as('vic', 'GET', `/customers/${customer.id}`), 200);
  assert.equal(one.custom_fields.tier, 'gold', 'visible custom fields stay');
  assertNoSecrets(one, 'get');
  assertNoSecrets(expectStatus(await as('vic', 'GET', '/customers?q=Hedda'), 200), 'full-text search');
  assertNoSecrets(expectStatus(await as('vic', 'POST', '/customers/search', { body: { filter: { field: 'tags', op: 'eq', value: 'vip' } } }), 200), 'structured search');
  assertNoSecrets(expectStatus(await as('vic', 'GET', `/customers/${customer.id}/overview`), 200), 'overview');
  const history = expectStatus(await as('vic', 'GET', `/customers/${customer.id}/history`), 200);
  assert.ok(history.data.length >= 3);
  assertNoSecrets(history, 'history');
  const fields = expectStatus(await as('vic', 'GET', '/custom-fields'), 200);
  assert.deepEqual(fields.data.map((f) => f.key), ['tier']);
  // The administrator still sees everything.
  const full = expectStatus(await server.api('GET', `/customers/${customer.id}`), 200);
  assert.equal(full.birthday, BIRTHDAY);
  assert.equal(full.custom_fields.salary, SALARY);
});

test('hidden fields cannot be probed by filters or written', async () => {
  for (const field of ['birthday', 'custom_fields.salary']) {
    expectProblem(await as('vic', 'POST', '/customers/search', { body: { filter: { field, op: 'exists', value: true } } }), 422, { field: 'filter.field' });
  }
  const unknown = await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { birthday: '2000-01-01' } });
  expectProblem(unknown, 422, { field: 'birthday' });
  assert.equal(unknown.body.errors[0].message, 'is not a known field');
  expectProblem(await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { custom_fields: { salary: 1 } } }), 422, { field: 'custom_fields.salary' });
  expectProblem(await as('sue', 'POST', '/customers', { body: { first_name: 'New', birthday: '2000-01-01' } }), 422, { field: 'birthday' });
  const still = expectStatus(await server.api('GET', `/customers/${customer.id}`), 200);
  assert.equal(still.birthday, BIRTHDAY);
  assert.equal(still.custom_fields.salary, SALARY);
  // Support edits what it may see, and the hidden values survive the edit.
  const edited = expectStatus(await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { custom_fields: { tier: 'platinum' } } }), 200);
  assertNoSecrets(edited, 'support edit response');
  const after = expectStatus(await server.api('GET', `/customers/${customer.id}`), 200);
  assert.equal(after.custom_fields.salary, SALARY);
  assert.equal(after.custom_fields.tier, 'platinum');
});

test('admins define roles with read-only fields; changes apply at the next request', async () => {
  const role = await server.api('POST', '/roles', { body: {
    name: 'front_desk', description: 'Updates contact details, nothing else',
    grants: { customers: { read: 'all', edit: 'all' }, interactions: { read: 'all' } },
    fields: { customers: { tags: 'read_only', addresses: 'hidden', external_id: 'hidden' } } } });
  expectStatus(role, 201);
  assert.equal(role.headers.location, '/api/v1/roles/front_desk');
  expectProblem(await server.api('POST', '/roles', { body: { name: 'bad', grants: { customers: { read: 'most' } } } }), 422, { field: 'grants.customers.read' });
  expectProblem(await server.api('PATCH', '/roles/viewer', { body: { description: 'x' } }), 409);
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const mo = users.find((u) => u.name === 'mo');
  expectStatus(await server.api('PATCH', `/users/${mo.id}`, { body: { roles: ['front_desk'] } }), 200);

  const seen = expectStatus(await as('mo', 'GET', `/customers/${customer.id}`), 200);
  assert.equal(seen.birthday, BIRTHDAY, 'front_desk does not hide birthday');
  assert.equal(seen.addresses, undefined, 'addresses are hidden');
  expectProblem(await as('mo', 'POST', '/customers/batch', { body: { upsert_on: 'external_id', records: [] } }), 422, { field: 'upsert_on' });
  const frozen = await as('mo', 'PATCH', `/customers/${customer.id}`, { body: { tags: ['changed'] } });
  expectProblem(frozen, 403, { field: 'tags' });
  expectStatus(await as('mo', 'PATCH', `/customers/${customer.id}`, { body: { last_name: 'Tesman' } }), 200);
  const now = expectStatus(await server.api('GET', `/customers/${customer.id}`), 200);
  assert.deepEqual(now.tags, ['vip']);
  assert.equal(now.last_name, 'Tesman');

  expectProblem(await server.api('DELETE', '/roles/front_desk'), 409);
  expectStatus(await server.api('PATCH', '/roles/front_desk', { body: { grants: { customers: { read: 'own' } } } }), 200);
  expectProblem(await as('mo', 'GET', `/customers/${customer.id}`), 404);
  expectStatus(await server.api('PATCH', `/users/${mo.id}`, { body: { roles: ['viewer'] } }), 200);
  expectStatus(await server.api('DELETE', '/roles/front_desk'), 204);
  expectProblem(await server.api('PATCH', `/users/${mo.id}`, { body: { roles: ['front_desk'] } }), 422, { field: 'roles' });
});

test('a scoped token can do only what its scopes name, below its owner', async () => {
  expectStatus(await as('readonly', 'GET', `/customers/${customer.id}`), 200);
  expectStatus(await as('readonly', 'GET', `/customers/${customer.id}/timeline`), 200);
  expectProblem(await as('readonly', 'PATCH', `/customers/${customer.id}`, { body: { last_name: 'No' } }), 403);
  expectProblem(await as('readonly', 'POST', '/customers', { body: { first_name: 'No' } }), 403);
  expectProblem(await as('readonly', 'GET', '/users'), 403);
  expectProblem(await as('readonly', 'GET', '/audit'), 403);
  const listed = spawnSync(rapportBin(), ['token', 'list', '--data-dir', dir], { encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /customers:read,interactions:read/);
});

test('staff manage their own tokens over the API; a scoped token cannot mint a wider one', async () => {
  expectProblem(await as('vic', 'POST', '/tokens', { body: { name: 'x', scopes: ['customers:fly'] } }), 422, { field: 'scopes' });
  const made = await as('vic', 'POST', '/tokens', { body: { name: 'phone app', scopes: ['customers:read'] } });
  const token = expectStatus(made, 201);
  assert.match(token.token, /^rpt_/);
  assert.deepEqual(token.scopes, ['customers:read']);
  const secret = token.token;
  const viaNew = expectStatus(await server.api('GET', `/customers/${customer.id}`, { token: secret }), 200);
  assertNoSecrets(viaNew, 'a token carries its owner\'s hidden fields');
  expectProblem(await server.api('POST', '/tokens', { token: secret, body: { name: 'wider' } }), 403);
  const mine = expectStatus(await as('vic', 'GET', '/tokens'), 200).data;
  assert.ok(mine.length >= 2 && mine.every((t) => t.user_id === token.user_id), 'only my own tokens');
  assert.ok(mine.every((t) => t.token === undefined && t.token_hash === undefined), 'never a secret');
  const all = expectStatus(await server.api('GET', '/tokens'), 200).data;
  const reporting = all.find((t) => t.name === 'reporting');
  expectProblem(await as('vic', 'DELETE', `/tokens/${reporting.id}`), 404);
  expectStatus(await as('vic', 'DELETE', `/tokens/${token.id}`), 204);
  expectProblem(await server.api('GET', `/customers/${customer.id}`, { token: secret }), 401);
});

test('nothing tells a hidden field from a missing one, and clearing cannot erase it', async () => {
  const hiddenKey = await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { custom_fields: { salary: 1 }, emails: 5 } });
  const missingKey = await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { custom_fields: { nothing_here: 1 }, emails: 5 } });
  expectProblem(hiddenKey, 422);
  expectProblem(missingKey, 422);
  const shape = (res) => res.body.errors.map((e) => [e.field.replace('salary', 'K').replace('nothing_here', 'K'), e.message]);
  assert.deepEqual(shape(hiddenKey), shape(missingKey));
  const hiddenTop = await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { birthday: 'x', emails: 5 } });
  const missingTop = await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { birthdate: 'x', emails: 5 } });
  assert.deepEqual(hiddenTop.body.errors.map((e) => e.message), missingTop.body.errors.map((e) => e.message));

  const cleared = expectStatus(await as('sue', 'PATCH', `/customers/${customer.id}`, { body: { custom_fields: null } }), 200);
  assert.deepEqual(cleared.custom_fields, {});
  const kept = expectStatus(await server.api('GET', `/customers/${customer.id}`), 200);
  assert.equal(kept.custom_fields.salary, SALARY, 'the hidden value survives a clear-all');
  expectStatus(await server.api('PATCH', `/customers/${customer.id}`, { body: { custom_fields: { tier: 'gold' } } }), 200);

});

test('the audit trail shows a reader none of the fields their role hides, whatever the object', async () => {
  // An auditor: reads everything and the trail, with the sensitive group hidden.
  expectStatus(await server.api('POST', '/roles', { body: { name: 'auditor', grants: {
    customers: { read: 'all' }, companies: { read: 'all' }, interactions: { read: 'all' }, audit: { read: 'all' } },
  fields: { customers: { sensitive: 'hidden' }, companies: { sensitive: 'hidden' } } } }), 201);
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const aud = users.find((u) => u.name === 'aud');
  expectStatus(await server.api('PATCH', `/users/${aud.id}`, { body: { roles: ['auditor'] } }), 200);

  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'company', key: 'nda_code', label: 'NDA code', type: 'text', sensitive: true } }), 201);
  const company = expectStatus(await server.api('POST', '/companies', { body: { name: 'Audited Ltd', custom_fields: { nda_code: 'NDA-31337' } } }), 201);
  expectStatus(await server.api('POST', `/customers/${customer.id}/payment-methods`, { body: {
    type: 'card', processor_token: 'tok_audit', brand: 'amex', last4: '8431', exp_month: 11, exp_year: 2031,
    billing_address: { line1: '9 Secret Row', city: 'Hiddenham', country: 'NO' } } }), 201);
  expectStatus(await server.api('POST', '/views', { body: { object_type: 'customers', name: 'Born then', shared: true,
    definition: { conditions: [{ field: 'birthday', op: 'eq', value: BIRTHDAY }, { field: 'custom_fields.salary', op: 'gt', value: SALARY - 1 }] } } }), 201);

  const everything = expectStatus(await server.api('GET', '/audit?limit=200'), 200).data;
  const types = new Set(everything.map((e) => e.object_type));
  for (const type of ['customer', 'company', 'custom_field', 'payment_method', 'saved_view', 'user', 'role']) {
    assert.ok(types.has(type), `the admin sees ${type} entries`);
  }
  const seen = expectStatus(await as('aud', 'GET', '/audit?limit=200'), 200);
  const text = JSON.stringify(seen);
  for (const secret of ['8431', 'amex', 'Hiddenham', '9 Secret Row', 'nda_code', 'NDA-31337', '"salary"', 'salary']) {
    assert.ok(!text.includes(secret), `the trail leaks ${secret}`);
  }
  assertNoSecrets(seen, 'the audit trail');
  assert.ok(seen.data.some((e) => e.object_type === 'company' && e.object_id === company.id), 'entries stay, redacted');
  assert.ok(seen.data.some((e) => e.object_type === 'saved_view'));
  assert.ok(!seen.data.some((e) => e.object_type === 'payment_method'), 'payment method entries are withheld');
  const byType = expectStatus(await as('aud', 'GET', '/audit?object=custom_field'), 200).data;
  assert.deepEqual(byType.map((e) => e.object_id).sort(), ['customer.tier'], 'only visible definitions');
});

test('an idempotent replay answers with the record as the caller may see it now', async () => {
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const ida = users.find((u) => u.name === 'ida');
  const key = { 'Idempotency-Key': 'replay-after-demotion' };
  const body = { first_name: 'Replayed', birthday: BIRTHDAY, custom_fields: { salary: SALARY } };
  const first = expectStatus(await as('ida', 'POST', '/customers', { body, headers: key }), 201);
  assert.equal(first.birthday, BIRTHDAY, 'a manager sees the birthday');
  expectStatus(await server.api('PATCH', `/users/${ida.id}`, { body: { roles: ['viewer'] } }), 200);
  const replay = await as('ida', 'POST', '/customers', { body, headers: key });
  expectStatus(replay, 201);
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  assert.equal(replay.body.id, first.id, 'the same record, not a new one');
  assertNoSecrets(replay.body, 'a replay after demotion');
  expectStatus(await server.api('DELETE', `/customers/${first.id}`), 204);
  expectProblem(await as('ida', 'POST', '/customers', { body, headers: key }), 404);
  expectStatus(await server.api('PATCH', `/users/${ida.id}`, { body: { roles: ['manager'] } }), 200);
});

test('a required field hidden from a role is not demanded of it', async () => {
  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'tax_id', label: 'Tax id', type: 'text', sensitive: true, required: true } }), 201);
  const refused = await server.api('POST', '/customers', { body: { first_name: 'Needs tax id' } });
  expectProblem(refused, 422, { field: 'custom_fields.tax_id' });
  const made = await as('sue', 'POST', '/customers', { body: { first_name: 'Walk-in' } });
  assertNoSecrets(expectStatus(made, 201), 'support create response');
  assert.ok(!JSON.stringify(made.body).includes('tax_id'));
});

test('timeline figures in the overview need timeline access; empty scope lists are refused', async () => {
  const scoped = cliFreeToken();
  const overview = expectStatus(await server.api('GET', `/customers/${customer.id}/overview`, { token: await scoped }), 200);
  assert.equal(overview.interaction_total, null);
  assert.equal(overview.interaction_counts, null);
  assert.deepEqual(overview.timeline, []);
  expectProblem(await server.api('POST', '/customers/search', { token: await scoped, body: { filter: { field: 'interaction_count', op: 'gte', value: 0 } } }), 422, { field: 'filter.field' });
  expectProblem(await as('vic', 'POST', '/tokens', { body: { name: 'none', scopes: [] } }), 422, { field: 'scopes' });
});

// A token of vic's narrowed to customers:read, made over the API (the CLI cannot run beside the
// server).
async function cliFreeToken() {
  const made = expectStatus(await as('vic', 'POST', '/tokens', { body: { name: 'customers only', scopes: ['customers:read'] } }), 201);
  return made.token;
}
