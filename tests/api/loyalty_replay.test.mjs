// The replay of past orders as an API job (docs/design/loyalty.md § Replay): 202 with a job,
// progress as orders done of the total and a percent, loyalty programmes edit to start it, fields
// named on bad input, one running replay per programme; killed with kill -9 mid-replay it resumes
// after a restart at its last committed page and finishes with exact totals; the CLI's replay
// afterwards changes nothing (an order never earns twice).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, pool, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let token;
let server;
const tokens = {};
const customers = [];
const ORDERS = 300;
let expected = 0;  // points: 1 per 1.00 of every order, less the refunded one

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['vic', 'viewer'], ['mia', 'marketing']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  token = createToken(dir, 'admin');
  server = await startServer({ dataDir: dir, token });
  for (const first_name of ['Ana', 'Ben', 'Cleo']) {
    customers.push(expectStatus(await server.api('POST', '/customers', { body: { first_name } }), 201));
  }
  // The history, mostly before the programme existed: live earning had nothing to earn in.
  const placed = await pool(Array.from({ length: ORDERS }, (_, i) => i), 16, async (i) => {
    const total = (i % 40) + 1;
    const res = await server.api('POST', `/customers/${customers[i % 3].id}/orders`, {
      body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Tea', quantity: 1, unit_price: `${total}.00` }] },
    });
    expectStatus(res, 201);
    expected += total;
    return { id: res.body.id, total };
  });
  // One order refunded in full earns nothing.
  expectStatus(await server.api('POST', `/orders/${placed[7].id}/refunds`, { body: { amount: `${placed[7].total}.00` } }), 201);
  expected -= placed[7].total;
  expectStatus(await server.api('PUT', '/loyalty/programmes/past', {
    body: { name: 'Past', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } } },
  }), 201);
});
after(async () => {
  if (server) await server.stop();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const replays = '/loyalty/programmes/past/replays';

async function points() {
  let sum = 0;
  for (const c of customers) {
    const res = await server.api('GET', `/customers/${c.id}/loyalty?programme=past`);
    if (res.status === 404) continue;
    sum += expectStatus(res, 200).balance.available;
  }
  return sum;
}

test('a replay needs loyalty programmes edit and names bad fields', async () => {
  expectProblem(await as('vic', 'POST', replays, { body: {} }), 403);
  expectProblem(await server.api('POST', replays, { body: { batch_size: 0 } }), 422, { field: 'batch_size' });
  expectProblem(await server.api('POST', replays, { body: { since: 'last spring' } }), 422, { field: 'since' });
  expectProblem(await server.api('POST', replays, { body: { rush: true } }), 422, { field: 'rush' });
  expectProblem(await server.api('POST', '/loyalty/programmes/nope/replays', { body: {} }), 404);
  // The viewer reads the (still empty) list; nothing was started by the refusals. (Live earning
  // may still be meeting the last orders' events now that the programme exists: an order earns
  // once whichever comes first, so the totals below hold either way.)
  assert.deepEqual(expectStatus(await as('vic', 'GET', replays), 200).data, []);
});

test('killed with kill -9 mid-replay, it resumes after a restart and finishes with exact totals', async () => {
  // One order per page, so the kill lands among the pages.
  const started = expectStatus(await as('mia', 'POST', replays, { body: { batch_size: 1 } }), 202);
  assert.equal(started.status, 'running');
  assert.equal(started.total, ORDERS);
  const path = `${replays}/${started.id}`;
  expectProblem(await server.api('POST', replays, { body: {} }), 409);
  const seen = await waitFor(async () => {
    const r = expectStatus(await server.api('GET', path), 200);
    return r.done >= 3 ? r : null;
  }, { intervalMs: 10, message: 'the replay never moved' });
  const exit = await server.kill9();
  assert.equal(exit.signal, 'SIGKILL');
  assert.equal(seen.status, 'running', `the replay finished before the kill: ${JSON.stringify(seen)}`);
  assert.ok(seen.progress >= 1 && seen.progress < 100, JSON.stringify(seen));

  server = await startServer({ dataDir: dir, token });
  const resumed = expectStatus(await server.api('GET', path), 200);
  assert.ok(resumed.done >= seen.done, `committed pages were lost: ${resumed.done} < ${seen.done}`);
  const done = await waitFor(async () => {
    const r = expectStatus(await server.api('GET', path), 200);
    return r.status === 'done' ? r : null;
  }, { timeoutMs: 60_000, message: 'the replay did not finish after the restart' });
  assert.equal(done.done, ORDERS);
  assert.equal(done.progress, 100);
  assert.ok(done.finished_at);
  assert.equal(await points(), expected);
  const listed = expectStatus(await server.api('GET', replays), 200).data;
  assert.deepEqual(listed.map((r) => r.id), [started.id]);
  const audit = expectStatus(await server.api('GET', '/audit?object_type=loyalty_replay'), 200).data;
  assert.equal(audit.length, 1, JSON.stringify(audit));
});

test('the CLI replay and a second job afterwards award nothing again', async () => {
  await server.stop({ keepDataDir: true });
  const cli = runCli(['loyalty', 'replay', 'past', '--data-dir', dir]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, new RegExp(`replayed ${ORDERS} orders .* ${expected} points issued`));
  server = await startServer({ dataDir: dir, token });
  const again = expectStatus(await server.api('POST', replays, { body: { since: '2000-01-01' } }), 202);
  await waitFor(async () => (await server.api('GET', `${replays}/${again.id}`)).body.status === 'done',
    { timeoutMs: 30_000, message: 'the second replay did not finish' });
  assert.equal(await points(), expected);
});
