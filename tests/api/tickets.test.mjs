// Tickets over HTTP: opening a ticket on a matched or new customer, the conversation (replies,
// internal notes), If-Match on patch and reply, the reopen and closed-reply rules, merge and
// split, search with the filter language, queues, what callers without access get, and the agent
// inbox's counts per view and saved ticket views.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sue', 'support'], ['vic', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  // A credential of sue's narrowed to customers: it reads no timeline, so no ticket.
  tokens.customersOnly = cliOk(['token', 'create', '--data-dir', dir, '--name', 'only-customers', '--user',
    'sue@staff.example', '--scope', 'customers:read']);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const request = (subject, email = 'ada@example.com', extra = {}) => ({
  subject, channel: 'email', requester: { email, name: 'Ada Lovelace' },
  message: { body_text: `About ${subject}` }, ...extra,
});

test('a ticket opens on the customer its requester matches, or on a new one', async () => {
  const headers = { 'Idempotency-Key': 'ticket-zip-1' };
  const first = await as('sue', 'POST', '/tickets', { body: request('Broken zip'), headers });
  const ticket = expectStatus(first, 201);
  assert.match(ticket.id, /^tkt_/);
  assert.equal(ticket.status, 'new');
  assert.equal(first.headers.location, `/api/v1/tickets/${ticket.id}`);
  const retry = await as('sue', 'POST', '/tickets', { body: request('Broken zip'), headers });
  assert.equal(expectStatus(retry, 201).id, ticket.id);
  const again = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Lost parcel', 'ADA@example.com') }), 201);
  assert.equal(again.customer_id, ticket.customer_id);
  assert.equal(again.number, ticket.number + 1);
  const customer = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}`), 200);
  assert.equal(customer.first_name, 'Ada');
  const theirs = expectStatus(await as('vic', 'GET', `/customers/${ticket.customer_id}/tickets`), 200).data;
  assert.deepEqual(theirs.map((t) => t.subject).sort(), ['Broken zip', 'Lost parcel']);
  expectProblem(await as('vic', 'GET', '/customers/cus_missing/tickets'), 404);
  const busy = expectStatus(await server.api('POST', '/customers/search', { body: { filter: { field: 'open_tickets', op: 'gte', value: 2 } } }), 200);
  assert.deepEqual(busy.data.map((c) => c.id), [ticket.customer_id]);
  const got = await as('vic', 'GET', `/tickets/${ticket.id}`);
  assert.equal(expectStatus(got, 200).subject, 'Broken zip');
  assert.equal(got.headers.etag, '"v1"');
});

test('bad input names the field and writes nothing', async () => {
  const before = expectStatus(await server.api('GET', '/tickets?limit=200'), 200).data.length;
  expectProblem(await as('sue', 'POST', '/tickets', { body: request('Billing', 'x@example.com', { queue_id: 'que_missing' }) }), 422, { field: 'queue_id' });
  expectProblem(await as('sue', 'POST', '/tickets', { body: { ...request('x'), subject: 'x'.repeat(501) } }), 422, { field: 'subject' });
  expectProblem(await as('sue', 'POST', '/tickets', { body: { ...request('x'), tags: ['ok', 'not ok'] } }), 422, { field: 'tags[1]' });
  expectProblem(await as('sue', 'POST', '/tickets', { body: { subject: 'x', requester: { email: 'nobody' }, message: { body_text: 'x' } } }), 422, { field: 'requester.email' });
  expectProblem(await as('sue', 'POST', '/tickets', { body: { subject: 'x', customer_id: 'cus_missing', message: {} } }), 422, { field: 'message.body_text' });
  expectProblem(await as('sue', 'POST', '/tickets', { body: { ...request('x'), priority: 'asap' } }), 422, { field: 'priority' });
  expectProblem(await as('vic', 'POST', '/tickets', { body: request('Viewer') }), 403);
  const after = expectStatus(await server.api('GET', '/tickets?limit=200'), 200).data.length;
  assert.equal(after, before);
  const found = expectStatus(await server.api('POST', '/customers/search', { body: { filter: { field: 'email', op: 'eq', value: 'x@example.com' } } }), 200);
  assert.equal(found.data.length, 0);
});

test('replies carry the version: a stale one is refused and nothing is written', async () => {
  const ticket = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Refund please') }), 201);
  const path = `/tickets/${ticket.id}`;
  const patched = expectStatus(await as('sue', 'PATCH', path, { body: { priority: 'high' }, headers: { 'If-Match': '"v1"' } }), 200);
  assert.equal(patched.version, 2);
  expectProblem(await as('sue', 'PATCH', path, { body: { priority: 'low' }, headers: { 'If-Match': '"v1"' } }), 412);
  expectProblem(await as('sue', 'POST', `${path}/messages`, { body: { body_text: 'On it' }, headers: { 'If-Match': '"v1"' } }), 412);
  const replied = expectStatus(await as('sue', 'POST', `${path}/messages`, { body: { body_text: 'On it' }, headers: { 'If-Match': '"v2"' } }), 201);
  assert.equal(replied.ticket.status, 'open');
  assert.equal(replied.ticket.version, 3);
  assert.equal(replied.message.delivery, 'queued');
  const conversation = expectStatus(await as('sue', 'GET', `${path}/messages`), 200).data;
  assert.deepEqual(conversation.map((m) => [m.author_type, m.kind]), [['customer', 'reply'], ['staff', 'reply']]);
  expectProblem(await as('sue', 'PATCH', path, { body: { status: 'new' } }), 409, { field: 'status' });
});

test('notes stay internal; solved reopens on a customer reply; closed opens a linked ticket', async () => {
  const ticket = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Wrong size') }), 201);
  const path = `/tickets/${ticket.id}`;
  expectStatus(await as('sue', 'POST', `${path}/messages`, { body: { kind: 'note', body_text: 'VIP, be generous' } }), 201);
  const timeline = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}/timeline?limit=200`), 200).data;
  assert.ok(timeline.some((e) => e.kind === 'ticket_noted'));
  assert.ok(!JSON.stringify(timeline).includes('generous'), 'a note reached the timeline');
  expectStatus(await as('sue', 'POST', `${path}/messages`, { body: { body_text: 'Exchanged.', status: 'solved' } }), 201);
  const reopened = expectStatus(await as('sue', 'POST', `${path}/messages`, { body: { author_type: 'customer', body_text: 'Still wrong' } }), 201);
  assert.equal(reopened.ticket.status, 'open');
  expectStatus(await as('sue', 'PATCH', path, { body: { status: 'solved' } }), 200);
  expectStatus(await as('sue', 'PATCH', path, { body: { status: 'closed' } }), 200);
  expectProblem(await as('sue', 'PATCH', path, { body: { priority: 'low' } }), 409, { field: 'status' });
  const linked = expectStatus(await as('sue', 'POST', `${path}/messages`, { body: { author_type: 'customer', body_text: 'Again!' } }), 201);
  assert.notEqual(linked.ticket.id, ticket.id);
  assert.equal(linked.ticket.linked_ticket_id, ticket.id);
  assert.equal(expectStatus(await as('sue', 'GET', path), 200).status, 'closed');
});

test('merge joins the same customer\'s tickets only; split moves a message out', async () => {
  const a = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Part one', 'grace@example.com') }), 201);
  const b = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Part two', 'grace@example.com') }), 201);
  const stranger = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Mine', 'linus@example.com') }), 201);
  expectProblem(await as('sue', 'POST', `/tickets/${a.id}/merge`, { body: { into: stranger.id } }), 409, { field: 'into' });
  expectProblem(await as('sue', 'POST', `/tickets/${a.id}/merge`, { body: { into: 'tkt_missing' } }), 422, { field: 'into' });
  const target = expectStatus(await as('sue', 'POST', `/tickets/${a.id}/merge`, { body: { into: b.id } }), 200);
  assert.equal(target.id, b.id);
  const source = expectStatus(await as('sue', 'GET', `/tickets/${a.id}`), 200);
  assert.equal(source.status, 'closed');
  assert.equal(source.merged_into, b.id);
  const conversation = expectStatus(await as('sue', 'GET', `/tickets/${b.id}/messages`), 200).data;
  assert.equal(conversation.length, 3);
  const moved = conversation.find((m) => m.body_text === 'About Part one');
  const split = expectStatus(await as('sue', 'POST', `/tickets/${b.id}/messages/${moved.id}/split`, { body: { subject: 'Part one again' } }), 201);
  assert.equal(split.linked_ticket_id, b.id);
  assert.equal(expectStatus(await as('sue', 'GET', `/tickets/${split.id}/messages`), 200).data.length, 1);
});

test('search uses the filter language; bad filters name the node', async () => {
  const found = expectStatus(await as('sue', 'POST', '/tickets/search', { body: { filter: { and: [
    { field: 'priority', op: 'eq', value: 'high' }, { field: 'subject', op: 'contains', value: 'refund' }] } } }), 200);
  assert.deepEqual(found.data.map((t) => t.subject), ['Refund please']);
  expectProblem(await as('sue', 'POST', '/tickets/search', { body: { filter: { or: [{ field: 'mood', op: 'eq', value: 1 }] } } }), 422, { field: 'filter.or[0].field' });
  expectProblem(await as('sue', 'POST', '/tickets/search', { body: { limit: 1000 } }), 422, { field: 'limit' });
  const page = expectStatus(await as('sue', 'GET', '/tickets?limit=2&sort=number'), 200);
  assert.equal(page.data.length, 2);
  const next = expectStatus(await as('sue', 'GET', `/tickets?limit=2&sort=number&cursor=${page.next_cursor}`), 200);
  assert.ok(next.data[0].number > page.data[1].number);
  const byNumber = expectStatus(await as('sue', 'GET', `/tickets?q=%23${page.data[0].number}`), 200);
  assert.equal(byNumber.data[0].id, page.data[0].id);
});

test('a caller who may not read timelines gets no tickets, by id, list or search', async () => {
  const ticket = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Private') }), 201);
  // The viewer reads tickets but may not work them.
  expectStatus(await as('vic', 'GET', `/tickets/${ticket.id}/messages`), 200);
  expectProblem(await as('vic', 'POST', `/tickets/${ticket.id}/messages`, { body: { body_text: 'hi' } }), 403);
  expectProblem(await as('vic', 'PATCH', `/tickets/${ticket.id}`, { body: { priority: 'low' } }), 403);
  const scoped = tokens.customersOnly;
  const hidden = await server.api('GET', `/tickets/${ticket.id}`, { token: scoped });
  expectProblem(hidden, 404);
  assert.equal(expectStatus(await server.api('GET', '/tickets', { token: scoped }), 200).data.length, 0);
  assert.equal(expectStatus(await server.api('POST', '/tickets/search', { body: {}, token: scoped }), 200).data.length, 0);
});

test('queues: administrators create them, everyone reads them, a ticket takes its priority', async () => {
  expectProblem(await as('sue', 'POST', '/queues', { body: { name: 'Billing' } }), 403);
  const queue = expectStatus(await server.api('POST', '/queues', { body: { name: 'Billing', email: 'billing@shop.example', default_priority: 'urgent' } }), 201);
  expectProblem(await server.api('POST', '/queues', { body: { name: 'billing' } }), 409, { field: 'name' });
  expectProblem(await server.api('POST', '/queues', { body: { name: 'X', default_priority: 'soon' } }), 422, { field: 'default_priority' });
  assert.equal(expectStatus(await as('vic', 'GET', '/queues'), 200).data.length, 1);
  const ticket = expectStatus(await as('sue', 'POST', '/tickets', { body: request('Invoice', 'ada@example.com', { queue_id: queue.id }) }), 201);
  assert.equal(ticket.priority, 'urgent');
  expectProblem(await server.api('DELETE', `/queues/${queue.id}`), 409);
  const renamed = expectStatus(await server.api('PATCH', `/queues/${queue.id}`, { body: { name: 'Invoices' }, headers: { 'If-Match': '"v1"' } }), 200);
  assert.equal(renamed.version, 2);
});

test('the inbox counts each view of the tickets the caller may read', async () => {
  const sue = expectStatus(await server.api('GET', '/users'), 200).data.find((u) => u.email === 'sue@staff.example');
  const open = async (subject) => expectStatus(await as('sue', 'POST', '/tickets', {
    body: { subject, requester: { email: 'counted@example.com' }, message: { body_text: subject } },
  }), 201);
  const before = expectStatus(await as('sue', 'GET', '/tickets/counts'), 200);
  const [a, b] = [await open('One'), await open('Two'), await open('Three')];
  expectStatus(await as('sue', 'PATCH', `/tickets/${a.id}`, { body: { assignee_id: sue.id }, headers: { 'If-Match': '"v1"' } }), 200);
  expectStatus(await as('sue', 'PATCH', `/tickets/${b.id}`, { body: { status: 'pending' }, headers: { 'If-Match': '"v1"' } }), 200);
  const counts = expectStatus(await as('sue', 'GET', '/tickets/counts'), 200);
  const grew = Object.fromEntries(Object.keys(counts).map((k) => [k, counts[k] - before[k]]));
  assert.deepEqual(grew, { mine: 1, unassigned: 2, pending: 1, unsolved: 3, all: 3, capped_at: 0 });
  assert.equal(counts.capped_at, 1000);
  const admin = expectStatus(await server.api('GET', '/tickets/counts'), 200);
  assert.equal(admin.mine, 0);
  assert.equal(admin.all, counts.all);
  // A credential that reads no timeline reads no ticket, so it counts none.
  assert.deepEqual(expectStatus(await as('customersOnly', 'GET', '/tickets/counts'), 200),
    { mine: 0, unassigned: 0, pending: 0, unsolved: 0, all: 0, capped_at: 1000 });
});

test('views of the tickets list are saved and shared like the customers list', async () => {
  const definition = { view: 'mine', q: 'refund' };
  const saved = expectStatus(await as('sue', 'POST', '/views', {
    body: { object_type: 'tickets', name: 'My refunds', shared: true, definition },
  }), 201);
  assert.equal(saved.object_type, 'tickets');
  assert.deepEqual(saved.definition, definition);
  const seen = expectStatus(await server.api('GET', '/views?object=tickets'), 200).data;
  assert.deepEqual(seen.map((v) => v.name), ['My refunds']);
  assert.ok(!expectStatus(await server.api('GET', '/views?object=customers'), 200).data.some((v) => v.name === 'My refunds'));
  expectProblem(await server.api('GET', '/views?object=queues'), 422, { field: 'object' });
  expectProblem(await as('sue', 'POST', '/views', {
    body: { object_type: 'orders', name: 'x', definition: {} },
  }), 422, { field: 'object_type' });
});
