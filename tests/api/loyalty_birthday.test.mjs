// Birthday bonuses over HTTP (docs/design/loyalty.md § Birthday bonus): a customer whose birthday
// is today gets the programme's birthday points from their scheduled job, once; moving the
// birthday away and back within the year pays nothing more; a birthday another day is scheduled
// for that day and pays nothing now.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus } from './lib/expect.mjs';

let dir;
let server;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  expectStatus(await server.api('PUT', '/loyalty/programmes/club', {
    body: { name: 'Club', currency: 'EUR', earn: { birthday: 40 } },
  }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const today = new Date().toISOString().slice(5, 10);  // MM-DD, UTC like the job
const member = async (customer) => expectStatus(await server.api('GET', `/customers/${customer.id}/loyalty?programme=club`), 200);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('a birthday today pays once, however often it moves', async () => {
  if (today === '02-29') return;  // celebrated on the 28th in other years: not today's case
  const ida = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ida', birthday: `1990-${today}` } }), 201);
  const paid = await waitFor(async () => {
    const m = await member(ida);
    return m.balance.available === 40 ? m : null;
  }, { message: 'birthday points' });
  assert.ok(paid.history.data.some((h) => /^bonus:birthday \d{4}$/.test(h.cause)), JSON.stringify(paid.history));
  // Away and back: the job is due today again and finds this year paid.
  const other = today === '01-01' ? '1990-01-02' : '1990-01-01';
  const moved = expectStatus(await server.api('PATCH', `/customers/${ida.id}`, { body: { birthday: other } }), 200);
  expectStatus(await server.api('PATCH', `/customers/${ida.id}`, { body: { birthday: `1990-${today}` }, headers: { 'If-Match': `"v${moved.version}"` } }), 200);
  await sleep(1500);
  assert.equal((await member(ida)).balance.available, 40);
  assert.equal((await member(ida)).history.data.length, 1);
});

test('a birthday another day pays nothing today', async () => {
  const other = today === '06-15' ? '1980-06-16' : '1980-06-15';
  const bo = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Bo', birthday: other } }), 201);
  await sleep(1000);
  assert.equal((await member(bo)).balance.available, 0);
});
