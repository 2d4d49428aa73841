// The live chat under load (issue 14, "Load and reliability"; docs/design/chat.md § Load): many
// widget sockets and signed-in agents against one real server on loopback. Shared by the bench
// (bench/chat_bench.mjs: 1,000 visitors, 50 agents, a minute, timings) and the bounded API test
// (tests/api/chat_load.test.mjs: correctness only).
//
// The set-up: every agent is a `support` user in a team of its own that works one queue, so the
// right agent for a visitor is known in advance (visitor i -> agent i % agents) and the stream's
// access filter decides, for every event and every agent, who sees it: an agent that sees a chat
// routed to someone else is a failure. Each visitor binds to one of many 127.0.0.x source
// addresses (at most 20 sockets per address, the widget's per-address bound, which stays on).
//
// The run, in phases: agents' streams open; visitors open and say hello (RSS before and after:
// memory per connection); idle (server CPU with every socket quiet); echo (each visitor pings at
// the chat's pace: ping -> pong is the bare WebSocket echo of the same server, same sockets);
// chat (each visitor sends a message every `interval` ms, randomised; its agent receives the
// `chat.message` event on the stream, fetches the new messages, accepts the chat the first time
// and replies); drain (every ack, every event, every reply arrives); then the stored transcripts
// are read back through the API and compared with what was sent.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRawWebSocket } from './raw_websocket.mjs';
import { cpuSeconds, pool, rng, waitFor, rapportBin } from './server.mjs';

export const ORIGIN = 'https://shop.load.example';
const PASSWORD = 'a long enough passphrase';
export const SOCKETS_PER_ADDRESS = 20;

/** The server's resident set in MB (VmRSS). */
export function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/**
 * Before the server starts (the CLI cannot open a data directory a server holds): `agents`
 * support users with a token each, an administrator token, and a rapport.toml without the
 * per-token request limit (50 agents replying to 1,000 visitors exceed any human's rate).
 */
export function prepareDataDir(dir, agents) {
  const cli = (args, input = '') => {
    const r = spawnSync(rapportBin(), args, { encoding: 'utf8', input, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`rapport ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim().split('\n').pop();
  };
  cli(['user', 'add', '--data-dir', dir, '--email', 'lead@load.example', '--name', 'Lead',
    '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  const adminToken = cli(['token', 'create', '--data-dir', dir, '--name', 'lead', '--user', 'lead@load.example']);
  const tokens = [];
  for (let a = 0; a < agents; a++) {
    const email = `agent${a}@load.example`;
    cli(['user', 'add', '--data-dir', dir, '--email', email, '--name', `Agent ${a}`, '--role', 'support',
      '--password-stdin'], `${PASSWORD}\n`);
    tokens.push(cli(['token', 'create', '--data-dir', dir, '--name', `agent${a}`, '--user', email]));
  }
  fs.writeFileSync(path.join(dir, 'rapport.toml'), 'rate_limit_per_minute = 1000000000\n');
  return { adminToken, agentTokens: tokens };
}

async function ok(server, method, p, body, token) {
  const res = await server.api(method, p, { body, token });
  if (res.status >= 300) throw new Error(`${method} ${p} -> ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}

/**
 * With the server running: a team and a queue per agent, the widget's origin allowed, and the
 * per-agent limit of active chats raised to what each agent will hold (the chat settings API).
 * Returns [{token, id, queueId}] in agent order.
 */
export async function setUpChat(server, { adminToken, agentTokens }, visitors) {
  const users = (await ok(server, 'GET', '/users?limit=500', undefined, adminToken)).data;
  const agents = [];
  for (let a = 0; a < agentTokens.length; a++) {
    const user = users.find((u) => u.email === `agent${a}@load.example`);
    const team = await ok(server, 'POST', '/teams', { name: `Load team ${a}` }, adminToken);
    await ok(server, 'PATCH', `/users/${user.id}`, { teams: [team.id] }, adminToken);
    const queue = await ok(server, 'POST', '/queues', { name: `Load queue ${a}`, team_id: team.id }, adminToken);
    agents.push({ token: agentTokens[a], id: user.id, queueId: queue.id });
  }
  const perAgent = Math.ceil(visitors / agentTokens.length);
  await ok(server, 'PATCH', '/chat/settings', { allowed_origins: [ORIGIN], max_concurrent: Math.min(50, perAgent) },
    adminToken);
  return agents;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarise(values) {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

/** Server CPU (percent of one core) and wall time over `ms` of waiting. */
async function cpuOver(pid, ms, during = async () => sleep(ms)) {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await during();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, cpuPercent: ((cpuSeconds(pid) - cpu0) / seconds) * 100 };
}

/**
 * Runs the load. `agents` from setUpChat; `server.proc.pid` is measured. Returns the report:
 * figures, and `failures` (strings; empty when everything was delivered, in order, once, stored).
 */
export async function runChatLoad(server, agents, {
  visitors = 1000, seconds = 60, interval = [2000, 6000], idleSeconds = 10, echoSeconds = 20,
  seed = 14, log = () => {},
} = {}) {
  const random = rng(seed);
  const pid = server.proc.pid;
  const wsBase = server.baseUrl.replace('http:', 'ws:');
  const failures = [];
  const fail = (text) => { if (failures.length < 50) failures.push(text); };
  const pause = () => interval[0] + random() * (interval[1] - interval[0]);
  const report = { visitors, agents: agents.length, seconds };

  // Agents' streams. Each event is handled in order per conversation (one promise chain each).
  const sentAt = new Map();        // `${conversation}:${seq}` -> send time of a visitor message
  const seenAt = new Map();        // the same key -> when its agent's stream delivered it
  const latencies = [];
  const ackLatencies = [];         // visitor send -> its ack (the message is committed)
  const settleLatency = (key) => {
    if (sentAt.has(key) && seenAt.has(key)) latencies.push(seenAt.get(key) - sentAt.get(key));
  };
  let httpRequests = 0;
  let pending = 0;  // events whose handling (fetch, accept, reply) has not finished
  const agentState = agents.map((agent, a) => ({ ...agent, index: a, chats: new Map(), replies: 0, stream: null }));
  const expectedAgent = (visitor) => visitor % agents.length;
  const api = async (agent, method, p, body) => {
    httpRequests++;
    const res = await server.api(method, p, { body, token: agent.token });
    if (res.status >= 300) throw new Error(`agent ${agent.index}: ${method} ${p} -> ${res.status} ${res.text.slice(0, 200)}`);
    return res.body;
  };
  const handleChat = async (agent, chat, event) => {
    const { seq, author_kind: author } = event.payload;
    if (author !== 'visitor') return;
    if (!chat.accepted) {
      await api(agent, 'POST', `/chats/${chat.id}/accept`);
      chat.accepted = true;
    }
    if (seq <= chat.fetched) return;  // an earlier fetch already read it
    const page = await api(agent, 'GET', `/chats/${chat.id}?after=${chat.fetched}&limit=500`);
    let newFromVisitor = 0;
    for (const message of page.messages) {
      if (message.seq !== chat.fetched + 1) fail(`agent ${agent.index}: chat ${chat.id} jumped from seq ${chat.fetched} to ${message.seq}`);
      chat.fetched = message.seq;
      if (message.author_kind === 'visitor') {
        newFromVisitor++;
        chat.visitorTexts.push(message.text);
      }
    }
    if (newFromVisitor === 0) return;
    // Whom the agent answers, as an agent knows it: the page the visitor is on.
    const visitor = Number(/\/visitor\/(\d+)$/.exec(page.conversation.page_url ?? '')?.[1]);
    if (expectedAgent(visitor) !== agent.index) fail(`agent ${agent.index}: holds visitor ${visitor}'s chat ${chat.id}`);
    if (page.conversation.assignee_id !== agent.id) fail(`agent ${agent.index}: chat ${chat.id} is assigned to ${page.conversation.assignee_id}`);
    await api(agent, 'POST', `/chats/${chat.id}/messages`,
      { text: `Agent ${agent.index} to visitor ${visitor}: noted (${chat.fetched}).`, client_id: `r-${chat.fetched}` });
    agent.replies++;
  };
  const onAgentFrame = (agent, text) => {
    const now = performance.now();
    const frame = JSON.parse(text);
    if (frame.type === 'ready') agent.ready = true;
    if (frame.type !== 'event' || !frame.event.type.startsWith('chat.')) return;
    const event = frame.event;
    const conversation = event.payload?.conversation?.id ?? event.aggregate_id;
    let chat = agent.chats.get(conversation);
    if (!chat) {
      chat = { id: conversation, accepted: false, fetched: 0, lastEventSeq: 0, visitorTexts: [], chain: Promise.resolve() };
      agent.chats.set(conversation, chat);
    }
    if (event.type !== 'chat.message') return;
    const seq = event.payload.seq;
    if (seq <= chat.lastEventSeq) fail(`agent ${agent.index}: chat ${conversation} event seq ${seq} after ${chat.lastEventSeq} (repeat or out of order)`);
    chat.lastEventSeq = Math.max(chat.lastEventSeq, seq);
    if (event.payload.author_kind === 'visitor') {
      const key = `${conversation}:${seq}`;
      seenAt.set(key, now);
      settleLatency(key);
      chat.visitorEvents = (chat.visitorEvents ?? 0) + 1;
    }
    pending++;
    chat.chain = chat.chain.then(() => handleChat(agent, chat, event)).catch((e) => fail(e.message))
      .finally(() => { pending--; });
  };
  await pool(agentState, 10, async (agent) => {
    agent.stream = await openRawWebSocket(`${wsBase}/api/v1/stream`, { headers: { authorization: `Bearer ${agent.token}` } });
    agent.stream.onmessage = (text) => onAgentFrame(agent, text);
    agent.stream.onclose = (code) => fail(`agent ${agent.index}: stream closed (${code})`);
  });
  await waitFor(() => agentState.every((a) => a.ready), { timeoutMs: 30_000, message: 'agents\' streams not ready' });
  await sleep(500);
  report.rssBefore = rssMb(pid);
  log(`${agents.length} agents' streams open; server RSS ${report.rssBefore.toFixed(1)} MB`);

  // Visitors: open with hello, bound to 127.0.0.2, .3, … (20 sockets each).
  const people = Array.from({ length: visitors }, (_, i) => ({
    index: i, ws: null, sent: [], acks: new Map(), replies: [], pings: [], echo: [], lastAck: 0, closed: null,
  }));
  const onVisitorFrame = (visitor, text) => {
    const now = performance.now();
    const frame = JSON.parse(text);
    if (frame.type === 'welcome') visitor.welcome = frame;
    else if (frame.type === 'pong') {
      const started = visitor.pings.shift();
      if (started !== undefined) visitor.echo.push(now - started);
    } else if (frame.type === 'ack') {
      const sent = visitor.sent.find((m) => m.clientId === frame.client_id);
      if (!sent) return fail(`visitor ${visitor.index}: ack for unknown ${frame.client_id}`);
      if (visitor.acks.has(frame.client_id)) return fail(`visitor ${visitor.index}: second ack for ${frame.client_id}`);
      if (frame.seq <= visitor.lastAck) fail(`visitor ${visitor.index}: ack seq ${frame.seq} after ${visitor.lastAck}`);
      visitor.lastAck = frame.seq;
      visitor.acks.set(frame.client_id, frame.seq);
      ackLatencies.push(now - sent.at);
      if (visitor.conversation && visitor.conversation !== frame.conversation_id) {
        fail(`visitor ${visitor.index}: a second conversation ${frame.conversation_id}`);
      }
      visitor.conversation = frame.conversation_id;
      const key = `${frame.conversation_id}:${frame.seq}`;
      sentAt.set(key, sent.at);
      settleLatency(key);
    } else if (frame.type === 'message' && frame.message.author_kind === 'agent') {
      visitor.replies.push(frame.message);
      if (!frame.message.text.includes(`to visitor ${visitor.index}:`)) {
        fail(`visitor ${visitor.index}: got a reply meant for someone else: ${frame.message.text}`);
      }
    } else if (frame.type === 'error') {
      fail(`visitor ${visitor.index}: error frame ${JSON.stringify(frame).slice(0, 200)}`);
    }
  };
  await pool(people, 50, async (visitor) => {
    const localAddress = `127.0.0.${2 + Math.floor(visitor.index / SOCKETS_PER_ADDRESS)}`;
    visitor.ws = await openRawWebSocket(`${wsBase}/widget/ws`, { headers: { origin: ORIGIN }, localAddress });
    visitor.ws.onmessage = (text) => onVisitorFrame(visitor, text);
    visitor.ws.onclose = (code) => { visitor.closed = code; fail(`visitor ${visitor.index}: socket closed (${code})`); };
    const agent = agents[expectedAgent(visitor.index)];
    visitor.ws.send(JSON.stringify({ type: 'hello', queue_id: agent.queueId,
      page_url: `https://shop.load.example/visitor/${visitor.index}` }));
  });
  await waitFor(() => people.every((v) => v.welcome), { timeoutMs: 60_000, message: 'not every visitor was welcomed' });
  await sleep(1000);
  report.rssConnected = rssMb(pid);
  report.memoryPerConnectionKb = ((report.rssConnected - report.rssBefore) * 1024) / visitors;
  log(`${visitors} visitors connected; server RSS ${report.rssConnected.toFixed(1)} MB ` +
    `(${report.memoryPerConnectionKb.toFixed(1)} KB per connection)`);

  // Idle: every socket open and quiet.
  report.idle = await cpuOver(pid, idleSeconds * 1000);
  log(`idle ${idleSeconds} s: server CPU ${report.idle.cpuPercent.toFixed(2)} % of a core`);

  // A phase in which every visitor does `act` at the chat's pace until `ms` have passed.
  const paced = async (ms, act) => {
    const end = performance.now() + ms;
    await Promise.all(people.map(async (visitor) => {
      await sleep(random() * interval[1]);  // spread the first sends over the longest pause
      while (performance.now() < end && !visitor.closed) {
        act(visitor);
        await sleep(pause());
      }
    }));
  };

  report.echoPhase = await cpuOver(pid, 0, () => paced(echoSeconds * 1000, (visitor) => {
    visitor.pings.push(performance.now());
    visitor.ws.send('{"type":"ping"}');
  }));
  await waitFor(() => people.every((v) => v.pings.length === 0 || v.closed), { timeoutMs: 30_000, message: 'pongs missing' });
  report.echo = summarise(people.flatMap((v) => v.echo));
  log(`echo ${echoSeconds} s: ${report.echo.count} pings, p50 ${report.echo.p50.toFixed(2)} ms, ` +
    `p99 ${report.echo.p99.toFixed(2)} ms; server CPU ${report.echoPhase.cpuPercent.toFixed(1)} %`);

  const clientCpu0 = process.cpuUsage();
  report.chatPhase = await cpuOver(pid, 0, () => paced(seconds * 1000, (visitor) => {
    const k = visitor.sent.length + 1;
    const message = { clientId: `v${visitor.index}-${k}`, text: `Visitor ${visitor.index} asks question ${k}.`, at: performance.now() };
    visitor.sent.push(message);
    visitor.ws.send(JSON.stringify({ type: 'message', client_id: message.clientId, text: message.text }));
  }));
  const sentTotal = people.reduce((n, v) => n + v.sent.length, 0);
  report.sent = sentTotal;
  report.messagesPerSecond = sentTotal / report.chatPhase.seconds;
  log(`chat ${seconds} s: ${sentTotal} visitor messages (${report.messagesPerSecond.toFixed(0)}/s); ` +
    `server CPU ${report.chatPhase.cpuPercent.toFixed(1)} %; draining`);

  // Drain: every message acknowledged, seen by its agent, fetched and answered.
  const drained = () => people.every((v) => v.closed || v.acks.size === v.sent.length) &&
    latencies.length === sentTotal && pending === 0 &&
    people.reduce((n, v) => n + v.replies.length, 0) === agentState.reduce((n, a) => n + a.replies, 0);
  try {
    await waitFor(drained, { timeoutMs: 60_000, intervalMs: 250 });
  } catch {
    fail('the run did not drain within 60 s (acks, events or replies missing)');
  }
  const clientCpu = process.cpuUsage(clientCpu0);
  report.clientCpuPercent = ((clientCpu.user + clientCpu.system) / 1e6 / report.chatPhase.seconds) * 100;
  report.rssAfter = rssMb(pid);
  report.httpRequests = httpRequests;
  report.latency = summarise(latencies);
  report.ack = summarise(ackLatencies);
  log(`delivery to the agent: ${report.latency.count} messages, p50 ${report.latency.p50.toFixed(2)} ms, ` +
    `p99 ${report.latency.p99.toFixed(2)} ms (the visitor's ack: p50 ${report.ack.p50.toFixed(2)} ms, ` +
    `p99 ${report.ack.p99.toFixed(2)} ms); ${httpRequests} agent requests; server RSS ${report.rssAfter.toFixed(1)} MB`);

  // Checks: each visitor's messages acked in order, on one conversation, routed to its agent
  // and to no one else, seen once each on that agent's stream, answered, and stored as sent.
  const admin = { token: server.token, index: 'lead' };
  let stored = 0;
  let storedReplies = 0;
  await pool(people, 8, async (visitor) => {
    if (visitor.sent.length === 0) return;
    if (visitor.acks.size !== visitor.sent.length) fail(`visitor ${visitor.index}: ${visitor.sent.length - visitor.acks.size} messages not acknowledged`);
    const owner = agentState[expectedAgent(visitor.index)];
    for (const agent of agentState) {
      if (agent !== owner && agent.chats.has(visitor.conversation)) fail(`agent ${agent.index} saw visitor ${visitor.index}'s chat (routed to agent ${owner.index})`);
    }
    const chat = owner.chats.get(visitor.conversation);
    if (!chat) return fail(`visitor ${visitor.index}: agent ${owner.index} never saw the chat`);
    if (chat.visitorEvents !== visitor.sent.length) fail(`visitor ${visitor.index}: ${visitor.sent.length} sent, agent ${owner.index} got ${chat.visitorEvents} events`);
    const texts = visitor.sent.map((m) => m.text);
    if (JSON.stringify(chat.visitorTexts) !== JSON.stringify(texts)) fail(`visitor ${visitor.index}: agent ${owner.index} fetched other texts than were sent`);
    let messages = [];
    for (let after = 0; ;) {
      const page = await api(admin, 'GET', `/chats/${visitor.conversation}?after=${after}&limit=500`);
      messages = messages.concat(page.messages);
      if (!page.next_after) break;
      after = page.next_after;
    }
    const fromVisitor = messages.filter((m) => m.author_kind === 'visitor');
    const fromAgent = messages.filter((m) => m.author_kind === 'agent');
    stored += fromVisitor.length;
    storedReplies += fromAgent.length;
    if (JSON.stringify(fromVisitor.map((m) => m.text)) !== JSON.stringify(texts)) {
      fail(`visitor ${visitor.index}: stored ${fromVisitor.length} messages, not the ${texts.length} sent in order`);
    }
    if (messages.some((m, i) => m.seq !== i + 1)) fail(`visitor ${visitor.index}: stored seqs are not 1..${messages.length}`);
    if (fromAgent.some((m) => m.author_id !== owner.id)) fail(`visitor ${visitor.index}: a reply stored from another agent`);
    if (fromAgent.length !== visitor.replies.length) fail(`visitor ${visitor.index}: ${fromAgent.length} replies stored, ${visitor.replies.length} received live`);
  });
  report.stored = stored;
  report.storedReplies = storedReplies;
  report.replies = agentState.reduce((n, a) => n + a.replies, 0);
  if (report.replies !== storedReplies) fail(`${report.replies} replies sent by agents, ${storedReplies} stored`);
  report.failures = failures;

  for (const agent of agentState) agent.stream.close();
  for (const visitor of people) { visitor.ws.onclose = null; visitor.ws.close(); }
  return report;
}
