// Tickets and the desk's configuration as objects of the role model (docs/design/access.md § The
// service desk), over HTTP: every built-in role × ticket by where it sits (a queue of the
// caller's team, another team's queue, no queue, another team's queue but assigned to the
// caller, a ticket of a customer the sales user owns) × get, list, search, the customer's
// tickets, the conversation, a note, a patch and the live stream. The expectations are written
// out from the role table — not read back from the server. Internal notes never leave in an
// export (tested with the ticket export in tickets_transfer.test.mjs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer, createToken, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing', 'viewer'];
const PLACES = ['north', 'south', 'none', 'assigned', 'salesCustomer'];

// Which tickets each role reads and works: the table in docs/design/access.md. Sales reads the
// tickets of the customers it reads (its team's: only salesCustomer's owner is in team North);
// support works its team's queue, tickets in no queue and those assigned to it.
const READS = {
  admin: PLACES, manager: PLACES, marketing: PLACES, viewer: PLACES,
  sales: ['salesCustomer'], support: ['north', 'none', 'assigned'],
};
const WORKS = {
  admin: PLACES, manager: PLACES, marketing: [], viewer: [], sales: [],
  support: ['north', 'none', 'assigned'],
};

let dir;
let server;
const tokens = {};
const ids = {};
const tickets = {};  // place -> ticket
let salesCustomer;

before(async () => {
  dir = makeDataDir();
  const people = [...ROLES.map((role) => [role, role]), ['other', 'sales']];
  for (const [name, role] of people) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], 'a long enough passphrase\n');
  }
  for (const role of ROLES) {
    tokens[role] = cliOk(['token', 'create', '--data-dir', dir, '--name', role, '--user', `${role}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'setup') });
  for (const user of expectStatus(await server.api('GET', '/users'), 200).data) ids[user.name] = user.id;
  const north = expectStatus(await server.api('POST', '/teams', { body: { name: 'North' } }), 201);
  const south = expectStatus(await server.api('POST', '/teams', { body: { name: 'South' } }), 201);
  for (const role of ROLES) {
    expectStatus(await server.api('PATCH', `/users/${ids[role]}`, { body: { teams: [north.id] } }), 200);
  }
  expectStatus(await server.api('PATCH', `/users/${ids.other}`, { body: { teams: [south.id] } }), 200);
  const queue = async (name, team) =>
    expectStatus(await server.api('POST', '/queues', { body: { name, team_id: team } }), 201).id;
  const queues = { north: await queue('North desk', north.id), south: await queue('South desk', south.id) };
  const customer = async (email, owner) => expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'C', emails: [{ address: email }], owner_id: owner } }), 201);
  await customer('far@cust.example', ids.other);
  salesCustomer = await customer('near@cust.example', ids.sales);
  const open = async (subject, email, extra) => expectStatus(await server.api('POST', '/tickets', { body: {
    subject, channel: 'email', requester: { email }, message: { body_text: 'Please help' }, ...extra } }), 201);
  tickets.north = await open('North', 'far@cust.example', { queue_id: queues.north });
  tickets.south = await open('South', 'far@cust.example', { queue_id: queues.south });
  tickets.none = await open('Nowhere', 'far@cust.example', {});
  tickets.assigned = await open('Mine', 'far@cust.example', { queue_id: queues.south, assignee_id: ids.support });
  tickets.salesCustomer = await open('Near', 'near@cust.example', { queue_id: queues.south });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (role, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[role] });
const sorted = (list) => [...list].sort();
const placesOf = (data) => sorted(PLACES.filter((p) => data.some((t) => t.id === tickets[p].id)));

for (const role of ROLES) {
  test(`${role}: reads and works exactly the tickets its role reaches`, async () => {
    for (const place of PLACES) {
      const id = tickets[place].id;
      const readable = READS[role].includes(place);
      const get = await as(role, 'GET', `/tickets/${id}`);
      if (!readable) {
        expectProblem(get, 404);
        expectProblem(await as(role, 'GET', `/tickets/${id}/messages`), 404);
        expectProblem(await as(role, 'POST', `/tickets/${id}/messages`, { body: { kind: 'note', body_text: 'x' } }), 404);
        continue;
      }
      expectStatus(get, 200);
      expectStatus(await as(role, 'GET', `/tickets/${id}/messages`), 200);
      const note = await as(role, 'POST', `/tickets/${id}/messages`, { body: { kind: 'note', body_text: `note by ${role}` } });
      const patch = await as(role, 'PATCH', `/tickets/${id}`, { body: { tags: [role] } });
      if (WORKS[role].includes(place)) {
        expectStatus(note, 201);
        expectStatus(patch, 200);
      } else {
        expectProblem(note, 403);
        expectProblem(patch, 403);
      }
    }
    assert.deepEqual(placesOf(expectStatus(await as(role, 'GET', '/tickets?limit=100'), 200).data), sorted(READS[role]));
    const searched = expectStatus(await as(role, 'POST', '/tickets/search', {
      body: { filter: { field: 'status', op: 'in', value: ['new', 'open'] }, limit: 100 } }), 200).data;
    assert.deepEqual(placesOf(searched), sorted(READS[role]));
    const ofCustomer = await as(role, 'GET', `/customers/${salesCustomer.id}/tickets`);
    assert.deepEqual(placesOf(expectStatus(ofCustomer, 200).data), READS[role].includes('salesCustomer') ? ['salesCustomer'] : []);
    // Only staff whose tickets level reaches a new ticket's place may open one there.
    const created = await as(role, 'POST', '/tickets', { body: {
      subject: 'New', requester: { email: 'near@cust.example' }, message: { body_text: 'hello' } } });
    if (['admin', 'manager', 'support'].includes(role)) expectStatus(created, 201);
    else expectProblem(created, 403);
  });
}

test('support opens no ticket in another team\'s queue; moving one there hands it over', async () => {
  const queues = expectStatus(await as('support', 'GET', '/queues'), 200).data;
  const south = queues.find((q) => q.name === 'South desk');
  const north = queues.find((q) => q.name === 'North desk');
  expectProblem(await as('support', 'POST', '/tickets', { body: { subject: 'There', queue_id: south.id,
    requester: { email: 'far@cust.example' }, message: { body_text: 'x' } } }), 403);
  const ticket = expectStatus(await as('support', 'POST', '/tickets', { body: { subject: 'Handover',
    queue_id: north.id, requester: { email: 'far@cust.example' }, message: { body_text: 'x' } } }), 201);
  expectStatus(await as('support', 'PATCH', `/tickets/${ticket.id}`, { body: { queue_id: south.id } }), 200);
  expectProblem(await as('support', 'GET', `/tickets/${ticket.id}`), 404);
});

test('queues: every built-in role reads them, only admin and manager change them', async () => {
  for (const role of ROLES) {
    expectStatus(await as(role, 'GET', '/queues'), 200);
    const created = await as(role, 'POST', '/queues', { body: { name: `Queue of ${role}` } });
    if (role === 'admin' || role === 'manager') expectStatus(created, 201);
    else expectProblem(created, 403);
  }
  const roles = expectStatus(await as('admin', 'GET', '/roles'), 200).data;
  const support = roles.find((r) => r.name === 'support');
  assert.deepEqual(support.grants.tickets, { read: 'team', create: 'team', edit: 'team', delete: 'none', export: 'none', import: 'none' });
  assert.equal(support.grants.queues.read, 'all');
  expectProblem(await as('admin', 'POST', '/roles', { body: { name: 'desk', grants: { queues: { edit: 'team' } } } }),
    422, { field: 'grants.queues.edit' });
});

test('the stream carries ticket events only to those who read the ticket', async () => {
  const url = `${server.baseUrl.replace('http:', 'ws:')}/api/v1/stream`;
  const clients = {};
  for (const role of ['support', 'sales', 'viewer']) {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${tokens[role]}` } });
    const client = { ws, frames: [] };
    ws.onmessage = (message) => client.frames.push(JSON.parse(message.data));
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
    await waitFor(() => client.frames.find((f) => f.type === 'ready'), { message: 'no ready frame' });
    clients[role] = client;
  }
  for (const place of PLACES) {
    expectStatus(await server.api('POST', `/tickets/${tickets[place].id}/messages`, {
      body: { kind: 'note', body_text: 'SECRET-NOTE' } }), 201);
  }
  const last = tickets.salesCustomer.id;
  for (const [role, client] of Object.entries(clients)) {
    await waitFor(() => client.frames.find((f) => f.type === 'event' && f.event.type === 'ticket.noted' &&
      f.event.aggregate_id === (role === 'support' ? tickets.assigned.id : last)), { message: `${role} saw no note` });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const noted = client.frames.filter((f) => f.type === 'event' && f.event.type === 'ticket.noted')
      .map((f) => f.event.aggregate_id);
    assert.deepEqual(placesOf(noted.map((id) => ({ id }))), sorted(READS[role]), role);
    assert.ok(!JSON.stringify(client.frames).includes('SECRET-NOTE'));
    client.ws.close();
  }
});
