// Loyalty imports over HTTP and the CLI (docs/design/loyalty.md § Import): opening balances from
// another tool land as available points on GET /customers/{id}/loyalty with every bad row named by
// row and column in the error report; imported voucher codes are redeemed on POST /orders like any
// other; revert takes back an unspent opening balance and an unused code.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createToken, makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
let ada;
let bob;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  ada = expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'Ada', emails: [{ address: 'ada@loyal.example' }] },
  }), 201);
  bob = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Bob', external_id: 'SMILE-7' } }), 201);
  expectStatus(await server.api('PUT', '/loyalty/programmes/beans', {
    body: { name: 'Beans Club', points_name: 'beans', currency: 'EUR', pending_days: 14, earn: { spend: { points: 1, per: '1.00' } } },
  }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const upload = (csv, object) =>
  server.api('POST', `/imports?object=${object}`, { body: csv, headers: { 'content-type': 'text/csv' } });

async function finished(id) {
  return waitFor(async () => {
    const job = expectStatus(await server.api('GET', `/imports/${id}`), 200);
    assert.ok(!['queued', 'running'].includes(job.status), `still ${job.status}`);
    return job;
  }, { timeoutMs: 60_000, intervalMs: 100 });
}

const balance = async (customer) =>
  expectStatus(await server.api('GET', `/customers/${customer.id}/loyalty?programme=beans`), 200).balance;

test('opening balances are available at once; bad rows are named and book nothing', async () => {
  const csv = 'customer,programme,points,expires_on,note\r\n' +
    'ada@loyal.example,beans,250,2099-12-31,from Smile\r\n' +
    'SMILE-7,,80,,\r\n' +
    'ada@loyal.example,beans,-10,,\r\n' +
    'ada@loyal.example,beans,12.5,,\r\n' +
    'ada@loyal.example,beans,0,,\r\n' +
    'nobody@loyal.example,beans,10,,\r\n' +
    'ada@loyal.example,teas,10,,\r\n';
  const job = await finished(expectStatus(await upload(csv, 'loyalty_balances'), 202).id);
  assert.equal(job.status, 'completed');
  assert.equal(job.created, 2);
  assert.equal(job.failed, 5);
  assert.deepEqual(await balance(ada), { available: 250, pending: 0, debt: 0 });
  assert.deepEqual(await balance(bob), { available: 80, pending: 0, debt: 0 });
  const history = expectStatus(await server.api('GET', `/customers/${ada.id}/loyalty?programme=beans`), 200).history.data;
  assert.equal(history.length, 1);
  assert.equal(history[0].cause, `import:${job.id}:1: from Smile`);
  assert.deepEqual(history[0].postings, { issued: -250, available: 250 });

  const report = (await server.api('GET', `/imports/${job.id}/errors`)).text.trim().split('\r\n');
  assert.equal(report[0], 'row,line,column,value,reason');
  const byRow = Object.fromEntries(report.slice(1).map((line) => {
    const [row, , column] = line.split(',');
    return [row, column];
  }));
  assert.deepEqual(byRow, { 3: 'points', 4: 'points', 5: 'points', 6: 'customer', 7: 'programme' });
  assert.match(report.find((l) => l.startsWith('3,')), /negative/);

  // Revert takes back the unspent entries: the balances are what they were.
  const reverted = expectStatus(await server.api('POST', `/imports/${job.id}/revert`, { body: {} }), 200);
  assert.equal(reverted.reverted.removed, 2);
  assert.deepEqual(await balance(ada), { available: 0, pending: 0, debt: 0 });
});

test('the CLI imports balances through the server; an update mode is refused', async () => {
  const file = path.join(dir, 'balances.csv');
  fs.writeFileSync(file, 'email,balance\nada@loyal.example,40\n');
  const r = runCli(['import', 'loyalty_balances', file, '--server', server.baseUrl, '--token', server.token]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /1 created/);
  assert.equal((await balance(ada)).available, 40);
  expectProblem(await server.api('POST', '/imports?object=loyalty_balances&mode=upsert', {
    body: 'customer,points\nada@loyal.example,1\n', headers: { 'content-type': 'text/csv' },
  }), 422, { field: 'mode' });
});

test('imported voucher codes are redeemed on an order, once for a customer code', async () => {
  const csv = 'code,type,amount,percent,currency,customer,max_uses\n' +
    'smile-five,amount_off,5.00,,EUR,,100\n' +
    'ADA-OWN-15,percent_off,,15,,ada@loyal.example,\n' +
    'SMILEFIVE,free_shipping,,,,,\n' +
    'BADVALUE,half_off,,,,,\n';
  const job = await finished(expectStatus(await upload(csv, 'loyalty_vouchers'), 202).id);
  assert.equal(job.created, 2);
  assert.equal(job.failed, 2);
  const order = (customer, codes) => server.api('POST', '/orders', {
    body: {
      customer_id: customer.id, currency: 'EUR', channel: 'web', voucher_codes: codes,
      lines: [{ description: 'Tea', quantity: 2, unit_price: '10.00' }],
    },
  });
  const shared = expectStatus(await order(bob, ['Smile Five']), 201);
  assert.equal(shared.discount, '5.00');
  expectProblem(await order(bob, ['ADAOWN15']), 422, { field: 'voucher_codes[0]' });
  const own = expectStatus(await order(ada, ['ada-own-15']), 201);
  assert.equal(own.discount, '3.00');
  expectProblem(await order(ada, ['ADAOWN15']), 422, { field: 'voucher_codes[0]' });
  const vouchers = expectStatus(await server.api('GET', `/customers/${ada.id}/loyalty/vouchers`), 200).data;
  assert.ok(vouchers.some((v) => v.code === 'ADAOWN15' && v.state === 'used_up'), JSON.stringify(vouchers));
  // Both codes were used on orders: revert keeps them.
  const reverted = expectStatus(await server.api('POST', `/imports/${job.id}/revert`, { body: {} }), 200);
  assert.equal(reverted.reverted.kept, 2);
});
