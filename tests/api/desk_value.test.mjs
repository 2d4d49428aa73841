// The desk by customer value over HTTP: routing rules and SLA policies that look at the
// customer's tag and total spent (published by commerce, read by trait name), open tickets
// re-evaluated when a calendar, a policy or the customer changes, and a repeated Message-ID on
// POST /tickets answered as a field-named conflict with nothing written.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  expectStatus(await server.api('POST', '/products', {
    body: { sku: 'TV-1', name: 'Television', price: '600.00', currency: 'USD' },
  }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const allWeek = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
  .map((day) => [day, [{ start: '00:00', end: '24:00' }]]));
const firstResponse = (minutes, hours = 'calendar') => ({ normal: { first_response: { minutes, hours } } });

async function customer(email, tags = []) {
  return expectStatus(await server.api('POST', '/customers', { body: { first_name: email, emails: [{ address: email }], tags } }), 201);
}
async function buy(customerId, quantity) {
  expectStatus(await server.api('POST', `/customers/${customerId}/orders`, {
    body: { currency: 'USD', channel: 'web', lines: [{ sku: 'TV-1', quantity }] },
  }), 201);
}
async function open(customerId, extra = {}) {
  return expectStatus(await server.api('POST', '/tickets', {
    body: { subject: 'Help', customer_id: customerId, message: { body_text: 'x' }, ...extra },
  }), 201);
}
const minutes = (ticket) =>
  (Date.parse(ticket.sla.first_response.due_at) - Date.parse(ticket.sla.first_response.started_at)) / 60_000;

test('routing by total spent: exact amounts, field-named 422 for a bad one', async () => {
  const vip = expectStatus(await server.api('POST', '/queues', { body: { name: 'Big spenders' } }), 201);
  for (const amount of [1000, '10.001', 'lots', '-1']) {
    expectProblem(await server.api('POST', '/support/routing-rules', {
      body: { name: 'bad', conditions: { customer_min_value: amount }, queue_id: vip.id },
    }), 422, { field: 'conditions.customer_min_value' });
  }
  expectProblem(await server.api('POST', '/support/routing-rules', {
    body: { name: 'bad', conditions: { customer_min_value: '10', customer_max_value: '9.99' }, queue_id: vip.id },
  }), 422, { field: 'conditions.customer_max_value' });
  assert.deepEqual(expectStatus(await server.api('GET', '/support/routing-rules'), 200).data, []);
  const rule = expectStatus(await server.api('POST', '/support/routing-rules', {
    body: { name: 'Spent 1200+', conditions: { customer_min_value: '1200' }, queue_id: vip.id },
  }), 201);
  assert.equal(rule.conditions.customer_min_value, '1200.00');

  const ann = await customer('ann@example.com');
  await buy(ann.id, 1);  // 600.00
  assert.equal((await open(ann.id)).queue_id, null);
  await buy(ann.id, 1);  // 1200.00: the bound is inclusive
  assert.equal((await open(ann.id)).queue_id, vip.id);
  expectStatus(await server.api('DELETE', `/support/routing-rules/${rule.id}`), 204);
});

test('SLA by customer: a VIP gets the VIP policy, others the queue\'s; a tag change moves open tickets', async () => {
  const standard = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: { name: 'Standard', targets: firstResponse(480) },
  }), 201);
  const queue = expectStatus(await server.api('POST', '/queues', {
    body: { name: 'Support', sla_policy_id: standard.id, default_priority: 'normal' },
  }), 201);
  expectProblem(await server.api('POST', '/support/sla-policies', {
    body: { name: 'VIP', applies_to: { customer_tag: 'vip', customer_min_value: 5 }, targets: firstResponse(60) },
  }), 422, { field: 'applies_to.customer_min_value' });
  expectProblem(await server.api('POST', '/support/sla-policies', {
    body: { name: 'VIP', default: true, applies_to: { customer_tag: 'vip' }, targets: firstResponse(60) },
  }), 422, { field: 'applies_to' });
  const vip = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: { name: 'VIP', position: 1, applies_to: { customer_tag: 'vip' }, targets: firstResponse(60) },
  }), 201);
  assert.deepEqual(vip.applies_to, { customer_tag: 'vip' });
  assert.equal(vip.position, 1);

  const vera = await customer('vera@example.com', ['vip']);
  const olaf = await customer('olaf@example.com');
  const vipTicket = await open(vera.id, { queue_id: queue.id });
  assert.equal(vipTicket.sla.policy_id, vip.id);
  assert.equal(minutes(vipTicket), 60);
  const plain = await open(olaf.id, { queue_id: queue.id });
  assert.equal(plain.sla.policy_id, standard.id);
  assert.equal(minutes(plain), 480);

  // Olaf becomes a VIP: his open ticket follows (the change reaches the desk through the event feed).
  expectStatus(await server.api('PATCH', `/customers/${olaf.id}`, { body: { tags: ['vip'] } }), 200);
  await waitFor(async () => {
    const now = expectStatus(await server.api('GET', `/tickets/${plain.id}`), 200);
    return now.sla.policy_id === vip.id && minutes(now) === 60;
  }, { message: 'the tagged customer\'s ticket under the VIP policy' });
  expectStatus(await server.api('DELETE', `/support/sla-policies/${vip.id}`), 204);
  // Deleting the policy re-evaluates every open ticket: back to the queue's.
  await waitFor(async () => {
    const now = expectStatus(await server.api('GET', `/tickets/${vipTicket.id}`), 200);
    return now.sla.policy_id === standard.id;
  }, { message: 'tickets back under the queue\'s policy' });
});

test('a new holiday in the queue\'s calendar moves an open ticket\'s due time', async () => {
  const calendar = expectStatus(await server.api('POST', '/support/calendars', {
    body: { name: 'Every day', time_zone: 'UTC', week: allWeek },
  }), 201);
  const policy = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: { name: 'Business hours', targets: firstResponse(600, 'business') },
  }), 201);
  const queue = expectStatus(await server.api('POST', '/queues', {
    body: { name: 'Holiday desk', calendar_id: calendar.id, sla_policy_id: policy.id, default_priority: 'normal' },
  }), 201);
  const ticket = await open((await customer('hal@example.com')).id, { queue_id: queue.id });
  const before = Date.parse(ticket.sla.first_response.due_at);
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  expectStatus(await server.api('PATCH', `/support/calendars/${calendar.id}`, {
    body: { holidays: [{ date: day(0) }, { date: day(1) }] },
  }), 200);
  const moved = await waitFor(async () => {
    const now = expectStatus(await server.api('GET', `/tickets/${ticket.id}`), 200);
    return Date.parse(now.sla.first_response.due_at) > before && now;
  }, { message: 'the due time after the holiday' });
  assert.ok(moved.sla.first_response.due_at >= `${day(2)}T00:00`, moved.sla.first_response.due_at);
});

test('POST /tickets with a Message-ID already received is a field-named 409 and writes nothing', async () => {
  const cleo = await customer('cleo@example.com');
  const body = { message: { body_text: 'x', message_id: '<once@mail.example>' } };
  const first = await open(cleo.id, body);
  const listed = () => server.api('GET', `/tickets?q=Help`);
  const count = expectStatus(await listed(), 200).data.length;
  const again = await server.api('POST', '/tickets', {
    body: { subject: 'Help', customer_id: cleo.id, ...body },
  });
  const problem = expectProblem(again, 409, { field: 'message.message_id' });
  assert.doesNotMatch(JSON.stringify(problem), /SQLITE|UNIQUE|constraint/i);
  assert.equal(expectStatus(await listed(), 200).data.length, count);
  assert.equal(expectStatus(await server.api('GET', `/tickets/${first.id}`), 200).id, first.id);
});

test('after the passes end the server is idle: the sweep does not re-enqueue itself', async () => {
  // Another settings change, with tickets to go over.
  const calendars = expectStatus(await server.api('GET', '/support/calendars'), 200).data;
  expectStatus(await server.api('PATCH', `/support/calendars/${calendars[0].id}`, { body: { holidays: [] } }), 200);
  await sleep(1500);
  const start = cpuSeconds(server.proc.pid);
  await sleep(5_000);
  const used = cpuSeconds(server.proc.pid) - start;
  assert.ok(used < 0.15, `an idle server used ${used.toFixed(2)} s of CPU in 5 s`);
});
