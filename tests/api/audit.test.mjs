// The audit trail over HTTP: every write path leaves an entry with who, how, and each changed
// field's old and new value; a customer's history reads back in order.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, makeDataDir, removeDir, runCli } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });
const api = (...a) => server.api(...a);

test('create, change and delete of a customer read back as its history', async () => {
  const created = await api('POST', '/customers', {
    body: { first_name: 'Hedy', last_name: 'Lamarr', tags: ['inventor'] },
    headers: { 'X-Request-Id': 'audit-create-1' },
  });
  const c = expectStatus(created, 201);
  expectStatus(await api('PATCH', `/customers/${c.id}`, { body: { last_name: 'Markey', tags: ['inventor', 'actor'] } }), 200);
  expectStatus(await api('PATCH', `/customers/${c.id}`, { body: { last_name: 'Markey' } }), 200);  // no change
  expectStatus(await api('DELETE', `/customers/${c.id}`), 204);

  const history = expectStatus(await api('GET', `/customers/${c.id}/history`), 200).data;
  assert.deepEqual(history.map((h) => h.action), ['delete', 'update', 'create']);
  const [deleted, updated, createdEntry] = history;
  assert.equal(createdEntry.request_id, 'audit-create-1');
  assert.equal(createdEntry.via, 'api');
  assert.match(createdEntry.actor, /^token:tok_/);
  assert.deepEqual(
    updated.changes.sort((a, b) => a.field.localeCompare(b.field)),
    [
      { field: 'display_name', old: 'Hedy Lamarr', new: 'Hedy Markey' },
      { field: 'last_name', old: 'Lamarr', new: 'Markey' },
      { field: 'tags', old: ['inventor'], new: ['inventor', 'actor'] },
    ],
  );
  assert.ok(deleted.changes.some((ch) => ch.field === 'first_name' && ch.old === 'Hedy' && ch.new === null));
  // The history outlives the record; an id that never existed has none.
  expectProblem(await api('GET', '/customers/cus_never/history'), 404);
});

test('the trail filters by object, id, actor and time, and pages newest first', async () => {
  const company = expectStatus(await api('POST', '/companies', { body: { name: 'Audit Works' } }), 201);
  expectStatus(await api('PATCH', `/companies/${company.id}`, { body: { industry: 'Tools' } }), 200);
  const byId = expectStatus(await api('GET', `/audit?object=company&id=${company.id}`), 200).data;
  assert.deepEqual(byId.map((e) => e.action), ['update', 'create']);
  assert.deepEqual(byId[0].changes, [{ field: 'industry', old: null, new: 'Tools' }]);
  const none = expectStatus(await api('GET', '/audit?actor=token:nobody'), 200).data;
  assert.equal(none.length, 0);
  const future = expectStatus(await api('GET', '/audit?since=2999-01-01T00:00:00Z'), 200).data;
  assert.equal(future.length, 0);
  expectProblem(await api('GET', '/audit?since=last-week'), 422, { field: 'since' });
  const first = expectStatus(await api('GET', '/audit?limit=1'), 200);
  assert.equal(first.data.length, 1);
  const second = expectStatus(await api('GET', `/audit?limit=1&cursor=${first.next_cursor}`), 200);
  assert.ok(second.data[0].seq < first.data[0].seq);
});

test('interactions, custom fields and CLI writes are audited too', async () => {
  const c = expectStatus(await api('POST', '/customers', { body: { first_name: 'Ida' } }), 201);
  const logged = expectStatus(await api('POST', `/customers/${c.id}/interactions`, {
    body: { channel: 'phone', direction: 'inbound', kind: 'call' },
  }), 201);
  const entries = expectStatus(await api('GET', `/audit?object=interaction&id=${logged.id}`), 200).data;
  assert.equal(entries.length, 1);
  assert.equal(entries[0].action, 'create');

  const dir = makeDataDir();
  try {
    const demo = runCli(['demo', '--data-dir', dir, '--customers', '3']);
    assert.equal(demo.status, 0, demo.stderr);
    const token = runCli(['token', 'create', '--data-dir', dir, '--name', 'audit']);
    assert.equal(token.status, 0, token.stderr);
    const offline = await startServer({ dataDir: dir });
    try {
      const trail = expectStatus(await offline.api('GET', '/audit?object=customer&limit=200'), 200).data;
      assert.equal(trail.length, 3);
      assert.ok(trail.every((e) => e.via === 'cli' && e.actor === 'cli:demo'));
      const tokens = expectStatus(await offline.api('GET', '/audit?object=api_token'), 200).data;
      assert.ok(tokens.length >= 2, 'both CLI tokens are in the trail');
      // Never the secret or its hash: only what `token list` shows.
      for (const entry of tokens) {
        assert.ok(entry.changes.every((ch) => !['secret', 'token_hash'].includes(ch.field)));
        assert.ok(!JSON.stringify(entry).includes(offline.token), 'the secret leaked into the trail');
      }
    } finally {
      await offline.stopClean();
    }
  } finally {
    removeDir(dir);
  }
});
