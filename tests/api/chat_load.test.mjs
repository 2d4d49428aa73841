// The live chat under a bounded load (docs/design/chat.md § Load): 100 widget sockets from five
// loopback addresses and 10 agents on the staff stream, for about ten seconds. Correctness only,
// never time: every visitor message is acknowledged once, reaches the agent its chat was routed
// to (and no other agent), in order and once, is fetched and answered, and the stored transcript
// is exactly what was sent, with every reply delivered live to its visitor. The full-size run
// with timings is `make bench` (bench/chat_bench.mjs, the same driver: tests/api/lib/chat_load.mjs).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { prepareDataDir, runChatLoad, setUpChat } from './lib/chat_load.mjs';

const VISITORS = 100;
const AGENTS = 10;
let dir;
let server;

after(async () => {
  if (server) await server.stopClean();
  if (dir) removeDir(dir);
});

test('100 visitors and 10 agents: every message delivered to its agent, in order, once, and stored', async () => {
  dir = makeDataDir();
  const setup = prepareDataDir(dir, AGENTS);
  server = await startServer({ dataDir: dir, token: setup.adminToken });
  const agents = await setUpChat(server, setup, VISITORS);
  const report = await runChatLoad(server, agents, {
    visitors: VISITORS, seconds: 10, interval: [1000, 3000], idleSeconds: 0, echoSeconds: 0, seed: 7,
  });
  assert.deepEqual(report.failures, []);
  // Each visitor's first message comes within its first pause, so everyone talked.
  assert.ok(report.sent >= VISITORS, `only ${report.sent} messages were sent`);
  assert.equal(report.stored, report.sent, 'every visitor message is stored');
  assert.equal(report.latency.count, report.sent, 'every visitor message reached its agent\'s stream');
  assert.ok(report.replies > 0);
  assert.equal(report.storedReplies, report.replies, 'every reply is stored');
});
