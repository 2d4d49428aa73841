// Follow-ups as tickets in a chosen queue (docs/design/health.md § Follow-ups), over the real
// binary: an administrator sets a cause to open a ticket (or both a task and a ticket) in a queue;
// the bad experience then opens a `task` ticket in that queue for the customer, with an internal
// note carrying the context, a link and the due time, listed in the queue and named on the
// experience the customer page shows; bad settings are 422 naming the field and change nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

let dir;
let server;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

test('a refund opens a follow-up ticket in the chosen queue, once, with its context', async () => {
  const queue = expectStatus(await server.api('POST', '/queues', { body: { name: 'Customer care' } }), 201);
  const before = expectStatus(await server.api('GET', '/health/settings'), 200);
  assert.deepEqual(before.follow_up_as, {});
  assert.equal(before.follow_up_queue_id, null);

  // Bad settings: named, nothing saved.
  expectProblem(await server.api('PUT', '/health/settings', { body: { follow_up_as: { refund: 'ticket' } } }),
    422, { field: 'follow_up_queue_id' });
  expectProblem(await server.api('PUT', '/health/settings', {
    body: { follow_up_as: { refund: 'fax' }, follow_up_queue_id: queue.id } }), 422, { field: 'follow_up_as.refund' });
  expectProblem(await server.api('PUT', '/health/settings', {
    body: { follow_up_as: { refund: 'ticket' }, follow_up_queue_id: 'que_nope' } }), 422, { field: 'follow_up_queue_id' });
  assert.equal(expectStatus(await server.api('GET', '/health/settings'), 200).version, before.version);

  const saved = expectStatus(await server.api('PUT', '/health/settings', {
    body: { follow_up_causes: ['detractor', 'low_csat', 'negative_review', 'refund'], follow_up_as: { refund: 'ticket' },
      follow_up_queue_id: queue.id, follow_up_hours: 48 },
  }), 200);
  assert.deepEqual(saved.follow_up_as, { refund: 'ticket' });
  assert.equal(saved.follow_up_queue_id, queue.id);

  const cy = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Cy' } }), 201);
  const placed = expectStatus(await server.api('POST', `/customers/${cy.id}/orders`, {
    body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Kettle', quantity: 1, unit_price: '60.00' }] },
  }), 201);
  expectStatus(await server.api('POST', `/orders/${placed.id}/refunds`, { body: { amount: '60.00', reason: 'broken' } }), 201);

  const experience = await waitFor(async () => {
    const h = expectStatus(await server.api('GET', `/customers/${cy.id}/health`), 200);
    return h.bad_experiences.find((e) => e.cause === 'refund' && e.follow_up_ticket_id);
  }, { message: 'the refund\'s follow-up ticket' });
  assert.equal(experience.follow_up_task_id, null);

  // In the queue, for the customer, a task ticket with the context in an internal note.
  const inQueue = expectStatus(await server.api('POST', '/tickets/search', {
    body: { filter: { field: 'queue_id', op: 'eq', value: queue.id } } }), 200).data;
  assert.deepEqual(inQueue.map((t) => t.id), [experience.follow_up_ticket_id]);
  const ticket = expectStatus(await server.api('GET', `/tickets/${experience.follow_up_ticket_id}`), 200);
  assert.equal(ticket.customer_id, cy.id);
  assert.equal(ticket.type, 'task');
  assert.match(ticket.subject, /^Follow up: /);
  const messages = expectStatus(await server.api('GET', `/tickets/${ticket.id}/messages`), 200).data;
  assert.equal(messages[0].kind, 'note');
  assert.match(messages[0].body_text, new RegExp(`/orders/${placed.id}`));
  assert.match(messages[0].body_text, new RegExp(`/customers/${cy.id}`));
  const due = /Due: (\S+)/.exec(messages[0].body_text)[1];
  const hours = (Date.parse(due) - Date.parse(ticket.created_at)) / 3_600_000;
  assert.ok(hours > 47.9 && hours < 48.1, `due ${due}`);
  // The ticket is on the customer's page (their tickets) like any other.
  const theirs = expectStatus(await server.api('POST', '/tickets/search', {
    body: { filter: { field: 'customer_id', op: 'eq', value: cy.id } } }), 200).data;
  assert.deepEqual(theirs.map((t) => t.id), [ticket.id]);
});
