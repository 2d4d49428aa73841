// Record access over HTTP: every built-in role × object × action × whose record (the caller's
// own, a teammate's, another team's). The expectations below are written out from the role table
// in docs/design/access.md — not read back from the server — so a change to the rules has to be
// made in both places. Refusals must change nothing, and a record the caller may not read must
// answer 404 everywhere it could leak: get, list, full-text and structured search, timeline,
// overview, consent, history, batch upsert.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer, createToken } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing', 'viewer'];
const KINDS = ['own', 'team', 'other'];

// Levels per role: [read, create, edit, delete] — A all, T team, O own, N none.
const CUSTOMERS = {
  admin: 'AAAA', manager: 'AAAT', sales: 'TOOO', support: 'AAAN', marketing: 'AAAN', viewer: 'ANNN',
};
const COMPANIES = {
  admin: 'AAAA', manager: 'AAAT', sales: 'AATN', support: 'ANNN', marketing: 'ANNN', viewer: 'ANNN',
};
// Interactions: [read, create]; they belong to their customer's owner.
const INTERACTIONS = {
  admin: 'AA', manager: 'AA', sales: 'TT', support: 'AA', marketing: 'AA', viewer: 'AN',
};
const reaches = (level, kind) =>
  level === 'A' || (level === 'T' && kind !== 'other') || (level === 'O' && kind === 'own');

let dir;
let server;
let adminToken;
const tokens = {};   // role -> token of that role's user (team A)
const owners = {};   // role -> {own, team, other} user ids


before(async () => {
  dir = makeDataDir();
  const people = [...ROLES.map((role) => [role, role]), ['mate', 'sales'], ['other', 'sales']];
  for (const [name, role] of people) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], 'a long enough passphrase\n');
  }
  adminToken = createToken(dir, 'setup');
  for (const role of ROLES) {
    tokens[role] = cliOk(['token', 'create', '--data-dir', dir, '--name', role, '--user', `${role}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: adminToken });
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const id = Object.fromEntries(users.map((u) => [u.name, u.id]));
  const teamA = expectStatus(await server.api('POST', '/teams', { body: { name: 'North' } }), 201);
  const teamB = expectStatus(await server.api('POST', '/teams', { body: { name: 'South' } }), 201);
  for (const name of [...ROLES, 'mate']) {
    expectStatus(await server.api('PATCH', `/users/${id[name]}`, { body: { teams: [teamA.id] } }), 200);
  }
  expectStatus(await server.api('PATCH', `/users/${id.other}`, { body: { teams: [teamB.id] } }), 200);
  for (const role of ROLES) owners[role] = { own: id[role], team: id.mate, other: id.other };
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const asRole = (role, method, path, options = {}) => server.api(method, path, { ...options, token: tokens[role] });
const asAdmin = (method, path, options = {}) => server.api(method, path, options);
let serial = 0;

async function customerOwnedBy(owner, extra = {}) {
  const name = `Zed${++serial}x`;
  const body = { first_name: name, last_name: 'Matrix', owner_id: owner, emails: [{ address: `${name.toLowerCase()}@cust.example` }], ...extra };
  const created = expectStatus(await asAdmin('POST', '/customers', { body }), 201);
  expectStatus(await asAdmin('POST', `/customers/${created.id}/interactions`, { body: { channel: 'phone', direction: 'inbound', kind: 'call', subject: 'hello' } }), 201);
  return created;
}

for (const role of ROLES) {
  test(`${role}: customers — read paths agree and leak nothing`, async () => {
    for (const kind of KINDS) {
      const c = await customerOwnedBy(owners[role][kind]);
      const readable = reaches(CUSTOMERS[role][0], kind);
      const what = `${role} reading ${kind}`;
      expectStatus(await asRole(role, 'GET', `/customers/${c.id}`), readable ? 200 : 404, what);
      for (const sub of ['overview', 'consent', 'history']) {
        expectStatus(await asRole(role, 'GET', `/customers/${c.id}/${sub}`), readable ? 200 : 404, `${what} ${sub}`);
      }
      const timeline = await asRole(role, 'GET', `/customers/${c.id}/timeline`);
      expectStatus(timeline, readable ? 200 : 404, `${what} timeline`);
      if (readable) assert.equal(timeline.body.data.length, 1);
      const byText = expectStatus(await asRole(role, 'GET', `/customers?q=${c.first_name}`), 200);
      assert.equal(byText.data.length, readable ? 1 : 0, `${what}: full-text search`);
      const byFilter = expectStatus(await asRole(role, 'POST', '/customers/search', {
        body: { filter: { field: 'email', op: 'eq', value: c.emails[0].address } } }), 200);
      assert.equal(byFilter.data.length, readable ? 1 : 0, `${what}: structured search`);
    }
  });

  test(`${role}: customers — create, edit and delete by owner`, async () => {
    const [, create, edit, remove] = CUSTOMERS[role];
    for (const kind of KINDS) {
      const what = `${role} on ${kind}`;
      const readable = reaches(CUSTOMERS[role][0], kind);
      const made = await asRole(role, 'POST', '/customers', { body: { first_name: `New${++serial}`, owner_id: owners[role][kind] } });
      expectStatus(made, reaches(create, kind) ? 201 : 403, `${what}: create`);

      const c = await customerOwnedBy(owners[role][kind]);
      const patch = await asRole(role, 'PATCH', `/customers/${c.id}`, { body: { last_name: 'Changed' } });
      expectStatus(patch, !readable ? 404 : reaches(edit, kind) ? 200 : 403, `${what}: edit`);
      const after = expectStatus(await asAdmin('GET', `/customers/${c.id}`), 200);
      assert.equal(after.last_name, reaches(edit, kind) && readable ? 'Changed' : 'Matrix', `${what}: edit result`);

      const del = await asRole(role, 'DELETE', `/customers/${c.id}`);
      const deletable = readable && reaches(remove, kind);
      expectStatus(del, !readable ? 404 : deletable ? 204 : 403, `${what}: delete`);
      expectStatus(await asAdmin('GET', `/customers/${c.id}`), deletable ? 404 : 200, `${what}: delete result`);
    }
  });

  test(`${role}: interactions follow their customer's owner`, async () => {
    for (const kind of KINDS) {
      const c = await customerOwnedBy(owners[role][kind]);
      const readable = reaches(CUSTOMERS[role][0], kind);
      const res = await asRole(role, 'POST', `/customers/${c.id}/interactions`, {
        body: { channel: 'email', direction: 'outbound', kind: 'email', subject: 'follow-up' } });
      const allowed = readable && reaches(INTERACTIONS[role][1], kind);
      expectStatus(res, !readable ? 404 : allowed ? 201 : 403, `${role} logging on ${kind}`);
      const timeline = expectStatus(await asAdmin('GET', `/customers/${c.id}/timeline`), 200);
      assert.equal(timeline.data.length, allowed ? 2 : 1);
      // One entry read by id: as the timeline, never confirmed to a caller who may not read it.
      const entry = timeline.data[timeline.data.length - 1];
      const one = await asRole(role, 'GET', `/customers/${c.id}/interactions/${entry.id}`);
      const entryReadable = readable && reaches(INTERACTIONS[role][0], kind);
      expectStatus(one, entryReadable ? 200 : 404, `${role} reading an entry on ${kind}`);
      if (entryReadable) assert.equal(one.body.id, entry.id);
    }
  });

  test(`${role}: companies`, async () => {
    const [read, create, edit, remove] = COMPANIES[role];
    for (const kind of KINDS) {
      const what = `${role} company ${kind}`;
      const made = await asRole(role, 'POST', '/companies', { body: { name: `Co ${++serial}`, owner_id: owners[role][kind] } });
      expectStatus(made, reaches(create, kind) ? 201 : 403, `${what}: create`);
      const company = expectStatus(await asAdmin('POST', '/companies', { body: { name: `Owned ${++serial}`, owner_id: owners[role][kind] } }), 201);
      const readable = reaches(read, kind);
      expectStatus(await asRole(role, 'GET', `/companies/${company.id}`), readable ? 200 : 404, `${what}: read`);
      const patch = await asRole(role, 'PATCH', `/companies/${company.id}`, { body: { industry: 'Changed' } });
      expectStatus(patch, !readable ? 404 : reaches(edit, kind) ? 200 : 403, `${what}: edit`);
      const del = await asRole(role, 'DELETE', `/companies/${company.id}`);
      const deletable = readable && reaches(remove, kind);
      expectStatus(del, !readable ? 404 : deletable ? 204 : 403, `${what}: delete`);
      expectStatus(await asAdmin('GET', `/companies/${company.id}`), deletable ? 404 : 200, `${what}: delete result`);
    }
  });
}

test('a batch upsert cannot reach or reveal a customer the caller may not see', async () => {
  const hidden = await customerOwnedBy(owners.sales.other);
  const res = await asRole('sales', 'POST', '/customers/batch', { body: { upsert_on: 'email', records: [
    { emails: [{ address: hidden.emails[0].address }], last_name: 'Hijacked' },
    { first_name: 'Fresh', emails: [{ address: `fresh${++serial}@cust.example` }] }] } });
  const result = expectStatus(res, 200);
  assert.equal(result.results[0].status, 'error');
  assert.equal(result.results[0].code, 'conflict');
  assert.ok(!JSON.stringify(result).includes(hidden.id), 'the hidden id must not appear');
  assert.equal(result.results[1].status, 'created');
  const untouched = expectStatus(await asAdmin('GET', `/customers/${hidden.id}`), 200);
  assert.equal(untouched.last_name, 'Matrix');
  const fresh = expectStatus(await asRole('sales', 'GET', `/customers/${result.results[1].id}`), 200);
  assert.equal(fresh.owner_id, owners.sales.own, 'a sales user owns what they create');
});

test('the audit trail is for roles with audit access, and refusals are recorded', async () => {
  for (const role of ['sales', 'support', 'marketing', 'viewer']) {
    expectProblem(await asRole(role, 'GET', '/audit'), 403);
  }
  for (const role of ['admin', 'manager']) expectStatus(await asRole(role, 'GET', '/audit'), 200);
  expectProblem(await asRole('sales', 'GET', '/users'), 403);
  const denials = expectStatus(await asAdmin('GET', '/audit?object=route&limit=200'), 200).data
    .filter((e) => e.action === 'access_denied');
  assert.ok(denials.some((e) => e.object_id === 'GET /api/v1/users' && e.actor.startsWith('token:')), 'the /users refusal is in the trail');
  assert.ok(denials.some((e) => e.object_id === 'GET /api/v1/audit'), 'the /audit refusals are in the trail');
  assert.ok(denials.every((e) => !JSON.stringify(e).includes('rpt_')), 'no token in the trail');
});

test('admin APIs, the event feed and custom field definitions are for administrators', async () => {
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    expectProblem(await asRole(role, 'GET', '/events'), 403);
    expectProblem(await asRole(role, 'POST', '/roles', { body: { name: `r${role}` } }), 403);
    expectProblem(await asRole(role, 'POST', '/custom-fields', { body: { object_type: 'customer', key: `k_${role}`, label: 'K', type: 'text' } }), 403);
    expectStatus(await asRole(role, 'GET', '/roles'), 200);
  }
  expectStatus(await asRole('admin', 'GET', '/events'), 200);
});

test('every role sees who is who among staff (names only), for owners and assignment', async () => {
  const staff = expectStatus(await asRole('viewer', 'GET', '/staff'), 200).data;
  assert.ok(staff.some((s) => s.id === owners.sales.own && s.name === 'sales'));
  assert.ok(staff.every((s) => s.email === undefined && s.roles === undefined && s.password_hash === undefined));
});
