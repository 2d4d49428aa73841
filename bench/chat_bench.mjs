// chat_bench: the live chat at the load (issue 14, "Load and reliability") on loopback:
// 1,000 widget sockets and 50 signed-in agents on one server, each visitor sending a message every
// 2-6 s (randomised) for a minute; each agent receives its chats' `chat.message` events on the
// staff stream, fetches, accepts and replies. The run (tests/api/lib/chat_load.mjs) checks that
// every message reached the right agent once, in order, and is stored; this prints the delivery
// latency against the bare echo of the same server (the visitor socket's ping -> pong, same
// sockets, same pace, same run), server CPU, RSS and memory per connection, in the lines
// bench/compare.py reads. It stops by itself and touches only loopback (127.0.0.x).
//
// Usage: RAPPORT_BIN=build/rapport node bench/chat_bench.mjs
//   BENCH_CHAT_VISITORS (1000), BENCH_CHAT_AGENTS (50), BENCH_CHAT_SECONDS (60),
//   BENCH_CHAT_INTERVAL ("2000-6000" ms between one visitor's messages), BENCH_CHAT_IDLE_SECONDS
//   (10: the quiet phase), BENCH_CHAT_ECHO_SECONDS (20: the echo phase)

import { cpus } from 'node:os';
import { makeDataDir, startServer } from '../tests/api/lib/server.mjs';
import { prepareDataDir, runChatLoad, setUpChat, SOCKETS_PER_ADDRESS } from '../tests/api/lib/chat_load.mjs';

const visitors = Number(process.env.BENCH_CHAT_VISITORS ?? 1000);
const agentCount = Number(process.env.BENCH_CHAT_AGENTS ?? 50);
const seconds = Number(process.env.BENCH_CHAT_SECONDS ?? 60);
const interval = (process.env.BENCH_CHAT_INTERVAL ?? '2000-6000').split('-').map(Number);
const idleSeconds = Number(process.env.BENCH_CHAT_IDLE_SECONDS ?? 10);
const echoSeconds = Number(process.env.BENCH_CHAT_ECHO_SECONDS ?? 20);

const dir = makeDataDir('rapport-chat-bench-');
const setup = prepareDataDir(dir, agentCount);
const server = await startServer({ dataDir: dir, token: setup.adminToken });
let status = 0;
try {
  const agents = await setUpChat(server, setup, visitors);
  const addresses = Math.ceil(visitors / SOCKETS_PER_ADDRESS);
  console.log(`chat_bench: ${visitors} visitors from ${addresses} loopback addresses, ${agentCount} agents ` +
    `(a team and queue each), ${seconds} s, a message every ${interval[0] / 1000}-${interval[1] / 1000} s ` +
    `per visitor; the clients in one node process on the same ${cpus().length} cores`);
  const r = await runChatLoad(server, agents, {
    visitors, seconds, interval, idleSeconds, echoSeconds, log: (line) => console.log(`  ${line}`),
  });
  const invalid = r.failures.length ? '  (not a valid figure: the checks failed)' : '';
  console.log(`checks (each message acknowledged, seen once and in order by its own agent only, fetched, ` +
    `answered, stored as sent): ${r.sent} visitor messages sent, ${r.stored} stored; ${r.replies} ` +
    `replies sent, ${r.storedReplies} stored` +
    (r.failures.length ? ` — FAILED:\n    ${r.failures.join('\n    ')}` : ' — all passed'));
  console.log(`server CPU: ${r.idle.cpuPercent.toFixed(2)} % of a core idle with ${visitors} quiet sockets, ` +
    `${r.echoPhase.cpuPercent.toFixed(1)} % during the echo, ${r.chatPhase.cpuPercent.toFixed(1)} % during ` +
    `the chat (${r.messagesPerSecond.toFixed(0)} visitor messages/s, each fetched and answered: ` +
    `${((r.chatPhase.cpuPercent / 100) * 1000 / r.messagesPerSecond).toFixed(2)} ms of server CPU per message); ` +
    `the clients used ${r.clientCpuPercent.toFixed(0)} %`);
  console.log(`server RSS: ${r.rssBefore.toFixed(1)} MB before the visitors, ${r.rssConnected.toFixed(1)} MB ` +
    `with them connected, ${r.rssAfter.toFixed(1)} MB after the run`);
  // Latencies as speeds (1 / latency), so that higher is better as for every ratio here.
  const speed = (ms) => (1000 / ms).toFixed(1);
  console.log(`delivery (visitor send -> its agent's stream event) against the echo (ping -> pong), as ` +
    `1/latency: p50 ${r.latency.p50.toFixed(2)} ms vs ${r.echo.p50.toFixed(2)} ms, ` +
    `p99 ${r.latency.p99.toFixed(2)} ms vs ${r.echo.p99.toFixed(2)} ms`);
  console.log(`chat delivery p50  ${speed(r.latency.p50)} 1/s  baseline (ping->pong echo p50, same sockets)  ` +
    `${speed(r.echo.p50)} 1/s  ratio ${(r.echo.p50 / r.latency.p50).toFixed(3)}${invalid}`);
  console.log(`chat delivery p99  ${speed(r.latency.p99)} 1/s  baseline (ping->pong echo p99, same sockets)  ` +
    `${speed(r.echo.p99)} 1/s  ratio ${(r.echo.p99 / r.latency.p99).toFixed(3)}  p99 ${r.latency.p99.toFixed(2)}ms${invalid}`);
  console.log(`chat memory per visitor connection  ${r.memoryPerConnectionKb.toFixed(1)} KB  lower is better`);
  console.log(`chat server RSS after the run  ${r.rssAfter.toFixed(1)} MB  lower is better`);
  if (r.failures.length) status = 1;
} catch (error) {
  console.error(`chat_bench: ${error.stack ?? error}`);
  status = 1;
} finally {
  await server.stop();
}
process.exitCode = status;
