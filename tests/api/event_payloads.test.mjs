// What events and audit entries carry (docs/design/events.md § Payloads, docs/design/audit.md
// § Stored shape): a create's event holds the record without nulls, empty values, long texts or
// the all-unknown consent; an update's holds id, version, updated_at and the changed fields; the
// audit trail still serves every entry as [{field, old, new}], without the fields that were null.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { expectStatus } from './lib/expect.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });
const api = (...a) => server.api(...a);

async function eventsSince(after) {
  return expectStatus(await api('GET', `/events?after=${after}&limit=1000`), 200).data;
}
const latestSeq = async () => expectStatus(await api('GET', '/events?after=0&limit=1000'), 200).next_after;
const emptyValues = (object) => Object.entries(object).filter(([, v]) =>
  v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0));

test('a customer event carries what changed, and recorded consent only', async () => {
  const start = await latestSeq();
  const customer = expectStatus(await api('POST', '/customers', {
    body: {
      first_name: 'Lena', last_name: 'Berg', emails: [{ address: 'lena.berg@payloads.example' }],
      consent: { email: { marketing: { status: 'granted', source: 'web form', wording_version: 'v2' } } },
    },
  }), 201);
  expectStatus(await api('PATCH', `/customers/${customer.id}`, { body: { last_name: 'Lind' } }), 200);
  const events = (await eventsSince(start)).filter((e) => e.aggregate_id === customer.id);
  const created = events.find((e) => e.type === 'customer.created').payload.customer;
  assert.equal(created.id, customer.id);
  assert.equal(created.first_name, 'Lena');
  assert.deepEqual(emptyValues(created), [], JSON.stringify(created));
  assert.equal(created.updated_at, undefined);
  assert.deepEqual(Object.keys(created.consent), ['email']);
  assert.deepEqual(Object.keys(created.consent.email), ['marketing']);
  assert.equal(created.consent.email.marketing.status, 'granted');
  const updated = events.find((e) => e.type === 'customer.updated').payload;
  assert.deepEqual(updated.changed, ['last_name', 'display_name']);
  assert.deepEqual(Object.keys(updated.customer).sort(),
    ['display_name', 'id', 'last_name', 'updated_at', 'version']);
  assert.equal(updated.customer.last_name, 'Lind');
  assert.equal(updated.customer.version, customer.version + 1);
});

test('interaction and order events are lean; the records themselves are read by id', async () => {
  const customer = expectStatus(await api('POST', '/customers', { body: { first_name: 'Ola' } }), 201);
  const start = await latestSeq();
  const logged = expectStatus(await api('POST', `/customers/${customer.id}/interactions`, {
    body: { channel: 'email', direction: 'inbound', kind: 'message', subject: 'Hello', body: 'A long text' },
  }), 201);
  const order = expectStatus(await api('POST', `/customers/${customer.id}/orders`, {
    body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Gig ticket', quantity: 2, unit_price: '20.00' }] },
  }), 201);
  const events = await eventsSince(start);
  const entry = events.find((e) => e.type === 'interaction.logged' && e.payload.interaction.id === logged.id);
  assert.deepEqual(entry.payload.interaction, {
    id: logged.id, customer_id: customer.id, channel: 'email', direction: 'inbound', kind: 'message',
    occurred_at: logged.occurred_at, sentiment: logged.sentiment,
  });
  const placed = events.find((e) => e.type === 'order.placed').payload.order;
  assert.equal(placed.id, order.id);
  assert.equal(placed.total, '40.00');
  assert.deepEqual(placed.lines, [{ quantity: 2, unit_price: '20.00', discount: '0.00', line_total: '40.00' }]);
  assert.equal(placed.notes, undefined);
  const full = expectStatus(await api('GET', `/orders/${order.id}`), 200);
  assert.equal(full.lines[0].description, 'Gig ticket');
});

test('the audit trail serves a create as every field set, old null, without the null ones', async () => {
  const customer = expectStatus(await api('POST', '/customers', { body: { first_name: 'Pia' } }), 201);
  const history = expectStatus(await api('GET', `/customers/${customer.id}/history`), 200).data;
  assert.equal(history.length, 1);
  const { changes } = history[0];
  assert.ok(changes.every((c) => c.old === null && c.new !== null), JSON.stringify(changes));
  assert.ok(changes.some((c) => c.field === 'first_name' && c.new === 'Pia'));
  assert.ok(!changes.some((c) => c.field === 'birthday'), 'a field that was null is not listed');
  assert.ok(!changes.some((c) => c.field === 'consent'), 'no consent recorded, none listed');
});
