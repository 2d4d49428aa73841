// A loyalty tier's support priority in the desk (issue 16; docs/design/support.md § Customer
// priority): a Gold member's new ticket opens at the tier's `support_priority`, so its SLA target
// is the high one and the "breaching soon" view lists it before an older ticket of a customer
// without a tier. A priority the caller chose stands. Over HTTP at the real binary.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus } from './lib/expect.mjs';

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

const allWeek = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
  .map((day) => [day, [{ start: '00:00', end: '24:00' }]]));

test('a Gold member\'s new ticket opens at the tier\'s priority and is first to breach', async () => {
  expectStatus(await server.api('PUT', '/loyalty/programmes/club', {
    body: { name: 'Club', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } } },
  }), 201);
  expectStatus(await server.api('PUT', '/loyalty/programmes/club/tiers', {
    body: {
      basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 30,
      tiers: [{ name: 'Silver', threshold: 100 }, { name: 'Gold', threshold: 300, support_priority: 'high' }],
    },
  }), 200);
  const gold = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Goldie' } }), 201);
  const silver = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Silvia' } }), 201);
  const plain = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Plain' } }), 201);
  const buy = async (customer, price) => expectStatus(await server.api('POST', '/orders', {
    body: { customer_id: customer.id, currency: 'EUR', channel: 'web', lines: [{ description: 'Beans', quantity: 1, unit_price: price }] },
  }), 201);
  await buy(gold, '350.00');
  await buy(silver, '150.00');
  const tierOf = async (customer) => expectStatus(
    await server.api('GET', `/customers/${customer.id}/loyalty?programme=club`), 200).tier?.current?.name;
  await waitFor(async () => (await tierOf(gold)) === 'Gold' && (await tierOf(silver)) === 'Silver',
    { message: 'tiers reached' });

  // A queue whose policy answers high priority in 15 minutes, normal in 60.
  const calendar = expectStatus(await server.api('POST', '/support/calendars', {
    body: { name: 'Always', time_zone: 'UTC', week: allWeek },
  }), 201);
  const policy = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: {
      name: 'By priority', warning_minutes: 5,
      targets: { normal: { first_response: { minutes: 60 } }, high: { first_response: { minutes: 15 } } },
    },
  }), 201);
  const queue = expectStatus(await server.api('POST', '/queues', {
    body: { name: 'Front desk', calendar_id: calendar.id, sla_policy_id: policy.id },
  }), 201);
  const open = async (customer, extra = {}) => expectStatus(await server.api('POST', '/tickets', {
    body: { subject: `From ${customer.first_name}`, customer_id: customer.id, queue_id: queue.id, message: { body_text: 'Help' }, ...extra },
  }), 201);

  // The plain customer and the Silver member (no support_priority) write first.
  const first = await open(plain);
  const second = await open(silver);
  const third = await open(gold);
  assert.equal(first.priority, 'normal');
  assert.equal(second.priority, 'normal');
  assert.equal(third.priority, 'high');
  assert.ok(Date.parse(third.sla.first_response.due_at) < Date.parse(first.sla.first_response.due_at));
  const soon = expectStatus(await server.api('GET', `/tickets?sort=sla_due_at`), 200).data.map((t) => t.id);
  assert.deepEqual(soon.slice(0, 3), [third.id, first.id, second.id]);

  // What the caller chose stands, even for a Gold member.
  assert.equal((await open(gold, { priority: 'low' })).priority, 'low');
  // Read back: the stored ticket carries the raised priority.
  assert.equal(expectStatus(await server.api('GET', `/tickets/${third.id}`), 200).priority, 'high');
});
