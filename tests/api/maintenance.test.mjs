// The server's maintenance sweeps, with the schedule made short through rapport.toml: an
// Idempotency-Key is replayed while it is kept and is a new request once swept; an export's file
// is deleted after the retention period, its job says `expired` and downloading it is a 404;
// delivered events past the feed's window go, and the feed answers an older cursor with 422; a
// solved ticket closes by itself once it has been solved long enough.
// Settings out of range stop start-up (exit 2) naming the key.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;

before(async () => {
  dir = makeDataDir();
  // About 3.6 s of life for keys and files, swept every second.
  writeFileSync(join(dir, 'rapport.toml'),
    'idempotency_hours = 0.001\nexport_retention_hours = 0.001\nevent_retention_hours = 0.001\n' +
    'maintenance_interval_seconds = 1\nticket_auto_close_days = 0.00005\n');
  server = await startServer({ dataDir: dir });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

test('an idempotency key is replayed while kept, and is a new request once it expired', async () => {
  const send = (body) => server.api('POST', '/customers', { headers: { 'idempotency-key': 'k-1' }, body });
  const first = expectStatus(await send({ first_name: 'Ann' }), 201);
  const replay = await send({ first_name: 'Ann' });
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  assert.equal(replay.body.id, first.id);
  expectProblem(await send({ first_name: 'Bob' }), 422, { field: 'Idempotency-Key' });
  const fresh = await waitFor(async () => {
    const res = await send({ first_name: 'Bob' });
    return res.status === 201 && res;
  }, { timeoutMs: 15_000, intervalMs: 500, message: 'the key expires' });
  assert.notEqual(fresh.body.id, first.id);
  assert.equal(fresh.headers['idempotent-replayed'], undefined);
});

test('an export file is deleted after the retention period and its job shows it expired', async () => {
  const job = expectStatus(await server.api('POST', '/exports', { body: { object: 'customers', format: 'csv' } }), 202);
  await waitFor(async () => expectStatus(await server.api('GET', `/exports/${job.id}`), 200).status === 'completed',
    { message: 'the export completes' });
  const file = await server.api('GET', `/exports/${job.id}/file`);
  // It may already be gone on a slow machine; when it is still there, it is the export.
  if (file.status === 200) assert.match(file.text, /first_name/);
  const transfers = join(dir, 'transfers');
  const expired = await waitFor(async () => {
    const now = expectStatus(await server.api('GET', `/exports/${job.id}`), 200);
    return now.status === 'expired' && now;
  }, { timeoutMs: 15_000, intervalMs: 500, message: 'the export expires' });
  assert.match(expired.message, /retention/);
  assert.ok(!readdirSync(transfers).some((name) => name.startsWith(job.id)), 'the file is gone');
  const gone = expectProblem(await server.api('GET', `/exports/${job.id}/file`), 404);
  assert.match(gone.detail, /expired/);
});

test('delivered events past the window are pruned, and the feed refuses a cursor before them', async () => {
  expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Eve' } }), 201);
  const refused = await waitFor(async () => {
    const res = await server.api('GET', '/events?after=0');
    return res.status === 422 && res;
  }, { timeoutMs: 15_000, intervalMs: 500, message: 'the events are pruned' });
  const problem = expectProblem(refused, 422, { field: 'after' });
  const through = Number(problem.detail.match(/after=(\d+)/)[1]);
  assert.ok(through >= 1, problem.detail);
  // From the position it names, the feed goes on, with the next change in it.
  const next = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Fay' } }), 201);
  const page = expectStatus(await server.api('GET', `/events?after=${through}&limit=1000`), 200);
  assert.ok(page.data.some((e) => e.type === 'customer.created' && e.aggregate_id === next.id),
    JSON.stringify(page.data.map((e) => e.seq)));
});

test('a solved ticket closes by itself after ticket_auto_close_days; an open one stays', async () => {
  const open = async (subject) => expectStatus(await server.api('POST', '/tickets', { body: {
    subject, requester: { email: 'sol@example.com' }, message: { body_text: 'help' } } }), 201);
  const solved = await open('Solved one');
  const stays = await open('Still open');
  expectStatus(await server.api('POST', `/tickets/${solved.id}/messages`, { body: { body_text: 'Done', status: 'solved' } }), 201);
  expectStatus(await server.api('POST', `/tickets/${stays.id}/messages`, { body: { body_text: 'Looking' } }), 201);
  const closed = await waitFor(async () => {
    const ticket = expectStatus(await server.api('GET', `/tickets/${solved.id}`), 200);
    return ticket.status === 'closed' && ticket;
  }, { timeoutMs: 20_000, intervalMs: 500, message: 'the solved ticket closes' });
  assert.ok(closed.closed_at);
  assert.equal(expectStatus(await server.api('GET', `/tickets/${stays.id}`), 200).status, 'open');
});

test('maintenance settings out of range stop start-up naming the key', () => {
  const bad = makeDataDir();
  try {
    for (const line of ['idempotency_hours = 0', 'export_retention_hours = "a week"',
      'event_retention_hours = -1', 'maintenance_interval_seconds = 0', 'ticket_auto_close_days = -1']) {
      writeFileSync(join(bad, 'rapport.toml'), `${line}\n`);
      const r = runCli(['serve', '--data-dir', bad, '--listen', '127.0.0.1:0'], { timeoutMs: 20_000 });
      assert.equal(r.status, 2, `${line}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(line.split(' ')[0]));
    }
    assert.ok(existsSync(bad));
  } finally {
    removeDir(bad);
  }
});
