// Record rules that span areas: what a company delete does to its people, back-dated consent,
// required custom fields on existing records, and the server's refusal of a bad configuration.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, makeDataDir, removeDir, runCli } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let server;
let seq = 0;
const uniq = (p) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });
const api = (...a) => server.api(...a);

test('deleting a company is a change to each of its customers: new version and event', async () => {
  const company = expectStatus(await api('POST', '/companies', { body: { name: uniq('Gone Ltd ') } }), 201);
  const member = expectStatus(await api('POST', '/customers', {
    body: { first_name: 'Mia', company_id: company.id },
  }), 201);
  const before = expectStatus(await api('GET', '/events?after=0&limit=1000'), 200).next_after;
  expectStatus(await api('DELETE', `/companies/${company.id}`), 204);
  const after = expectStatus(await api('GET', `/customers/${member.id}`), 200);
  assert.equal(after.company_id, null);
  assert.equal(after.version, member.version + 1);
  assert.ok(after.updated_at > member.updated_at);
  const events = expectStatus(await api('GET', `/events?after=${before}&limit=1000`), 200).data;
  const update = events.find((e) => e.type === 'customer.updated' && e.aggregate_id === member.id);
  assert.ok(update, 'a customer.updated event for the detached member');
  assert.deepEqual(update.payload.changed, ['company_id']);
  // The old ETag is stale now.
  const stale = await api('PATCH', `/customers/${member.id}`, {
    body: { last_name: 'Late' }, headers: { 'If-Match': `"v${member.version}"` },
  });
  expectProblem(stale, 412);
});

test('consent recorded with an earlier time joins the history without becoming current', async () => {
  const c = expectStatus(await api('POST', '/customers', {
    body: { first_name: 'Ola', consent: { email: { marketing: { status: 'denied', source: 'call' } } } },
  }), 201);
  const patched = expectStatus(await api('PATCH', `/customers/${c.id}`, {
    body: { consent: { email: { marketing: { status: 'granted', source: 'paper form', recorded_at: '2019-03-01T10:00:00Z' } } } },
  }), 200);
  assert.equal(patched.consent.email.marketing.status, 'denied');
  const consent = expectStatus(await api('GET', `/customers/${c.id}/consent`), 200);
  assert.deepEqual(consent.history.map((h) => h.status), ['denied', 'granted']);
  assert.equal(consent.history[1].recorded_at, '2019-03-01T10:00:00.000Z');
  const search = expectStatus(await api('POST', '/customers/search', {
    body: { filter: { and: [
      { field: 'id', op: 'eq', value: c.id },
      { field: 'consent.email.marketing', op: 'eq', value: 'denied' }] } },
  }), 200);
  assert.equal(search.data.length, 1, 'search sees the same current state');
  const future = await api('PATCH', `/customers/${c.id}`, {
    body: { consent: { email: { marketing: { status: 'granted', recorded_at: '2999-01-01T00:00:00Z' } } } },
  });
  expectProblem(future, 422, { field: 'consent.email.marketing.recorded_at' });
});

test('company text is trimmed and a blank name or a non-ISO country is refused', async () => {
  expectProblem(await api('POST', '/companies', { body: { name: '   ' } }), 422, { field: 'name' });
  expectProblem(await api('POST', '/companies', { body: { name: 'X', address: { country: 'Germany' } } }), 422, { field: 'address.country' });
  const c = expectStatus(await api('POST', '/companies', { body: { name: '  Trim GmbH ', industry: ' ' } }), 201);
  assert.equal(c.name, 'Trim GmbH');
  assert.equal(c.industry, null);
});

test('custom-field listing refuses an unknown object type', async () => {
  expectProblem(await api('GET', '/custom-fields?object_type=deal'), 422, { field: 'object_type' });
});

test('serve refuses a bad rapport.toml instead of starting half-configured', async () => {
  for (const bad of ['io_threads = 0', 'worker_threads = -1', 'log_level = "verbose"', 'colour = "blue"', 'listen = ']) {
    const dir = makeDataDir();
    try {
      fs.writeFileSync(path.join(dir, 'rapport.toml'), `${bad}\n`);
      const result = runCli(['serve', '--data-dir', dir, '--listen', '127.0.0.1:0']);
      assert.equal(result.status, 2, `${bad}: exit ${result.status}, stderr ${result.stderr}`);
      assert.match(result.stderr, /rapport\.toml/, bad);
    } finally {
      removeDir(dir);
    }
  }
});

// Last: the required field it defines applies to every company created after it.
test('a new required custom field does not block unrelated edits, but cannot be removed', async () => {
  const company = expectStatus(await api('POST', '/companies', { body: { name: uniq('Old Co ') } }), 201);
  const key = uniq('account_manager_').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  expectStatus(await api('POST', '/custom-fields', {
    body: { object_type: 'company', key, label: 'Account manager', type: 'text', required: true },
  }), 201);
  const edited = expectStatus(await api('PATCH', `/companies/${company.id}`, { body: { industry: 'Engineering' } }), 200);
  assert.equal(edited.industry, 'Engineering');
  expectProblem(await api('POST', '/companies', { body: { name: uniq('New Co ') } }), 422, { field: `custom_fields.${key}` });
  const filled = expectStatus(await api('PATCH', `/companies/${company.id}`, { body: { custom_fields: { [key]: 'Ana' } } }), 200);
  assert.equal(filled.custom_fields[key], 'Ana');
  expectProblem(await api('PATCH', `/companies/${company.id}`, { body: { custom_fields: { [key]: null } } }), 422, { field: `custom_fields.${key}` });
});
