// Revert goes through the owning areas: an import of customers, their interactions and their
// orders raises the customer overview's counts; reverting the orders and interactions takes
// every one of them back down, because each removed record is deleted by its area, which emits
// its event to the projections (docs/design/transfer.md).

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

async function imported(object, csv) {
  const accepted = expectStatus(await server.api('POST', `/imports?object=${object}`,
    { body: csv, headers: { 'content-type': 'text/csv' } }), 202);
  const job = await waitFor(async () => {
    const current = expectStatus(await server.api('GET', `/imports/${accepted.id}`), 200);
    assert.ok(!['queued', 'running'].includes(current.status), `still ${current.status}`);
    return current;
  }, { timeoutMs: 60_000, intervalMs: 100 });
  assert.equal(job.status, 'completed', job.message);
  const report = await server.api('GET', `/imports/${job.id}/errors`);
  assert.equal(job.failed, 0, report.text);
  return job;
}

// The overview's counts once the projections have caught up with `expected` entries.
async function overviewWith(id, expected) {
  return waitFor(async () => {
    const overview = expectStatus(await server.api('GET', `/customers/${id}/overview`), 200);
    assert.equal(overview.interaction_total, expected);
    return overview;
  }, { timeoutMs: 10_000, intervalMs: 100 });
}

test('reverting imported interactions and orders takes the overview counts back down', async () => {
  const people = await imported('customers', 'name,email\nOve Count,ove@revert.example\n');
  assert.equal(people.created, 1);
  const ove = expectStatus(await server.api('GET', '/customers?q=ove&limit=10'), 200).data[0];
  const empty = await overviewWith(ove.id, 0);
  assert.equal(empty.last_contact_at, null);

  const calls = await imported('interactions',
    'email,channel,direction,kind,subject,occurred_at\n' +
    'ove@revert.example,phone,inbound,call,First call,2026-11-02T10:00:00Z\n' +
    'ove@revert.example,email,outbound,email,Follow-up,2026-11-03T10:00:00Z\n');
  assert.equal(calls.created, 2);
  const afterCalls = await overviewWith(ove.id, 2);
  assert.equal(afterCalls.last_contact_at, '2026-11-03T10:00:00.000Z');

  const orders = await imported('orders',
    'order_id,email,date,currency,channel,description,quantity,unit_price\n' +
    'R-1,ove@revert.example,2026-11-04,EUR,web,Tea,2,4.50\n');
  assert.equal(orders.created, 1);
  // An order is on the timeline too.
  const withOrder = expectStatus(await server.api('GET', `/customers/${ove.id}/overview`), 200);
  assert.ok(withOrder.interaction_total >= 2);

  const revertedOrders = expectStatus(await server.api('POST', `/imports/${orders.id}/revert`, { body: {} }), 200);
  assert.deepEqual(revertedOrders.reverted, { removed: 1, kept: 0, missing: 0 });
  await overviewWith(ove.id, 2);
  const revertedCalls = expectStatus(await server.api('POST', `/imports/${calls.id}/revert`, { body: {} }), 200);
  assert.deepEqual(revertedCalls.reverted, { removed: 2, kept: 0, missing: 0 });
  const back = await overviewWith(ove.id, 0);
  assert.equal(back.last_contact_at, null);
});
