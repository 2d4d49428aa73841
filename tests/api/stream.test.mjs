// The live event stream, GET /api/v1/stream (docs/design/stream.md): a WebSocket that pushes the
// outbox's events to signed-in staff, each filtered by the caller's record access and redacted by
// its field rules, with catch-up from a seq on reconnect. Driven with node's own WebSocket client
// (undici) against the real binary.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, makeDataDir, removeDir, startServer, createToken, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase';
let dir;
let server;
const tokens = {};
const userIds = {};

before(async () => {
  dir = makeDataDir();
  // A short recheck, so that a revoked token's open stream closes within the test.
  fs.writeFileSync(path.join(dir, 'rapport.toml'), 'stream_recheck_seconds = 1\n');
  for (const [name, role] of [['ada', 'admin'], ['sal', 'sales'], ['vic', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], `${PASSWORD}\n`);
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'setup') });
  for (const user of expectStatus(await server.api('GET', '/users'), 200).data) {
    userIds[user.email.split('@')[0]] = user.id;
  }
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const wsUrl = (query = '') => `${server.baseUrl.replace('http:', 'ws:')}/api/v1/stream${query}`;

/** Opens a stream; resolves once open. `frames` collects every parsed frame. */
function open({ token, headers = {}, query = '' } = {}) {
  const ws = new WebSocket(wsUrl(query), { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const client = { ws, frames: [], closed: null };
  ws.onmessage = (message) => client.frames.push(JSON.parse(message.data));
  ws.onclose = (event) => { client.closed = { code: event.code, reason: event.reason }; };
  client.opened = new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('the WebSocket did not open'));
  });
  client.events = () => client.frames.filter((f) => f.type === 'event').map((f) => f.event);
  client.waitFor = (predicate, message) => waitFor(() => client.frames.find(predicate), { message });
  return client;
}

async function openReady(options) {
  const client = open(options);
  await client.opened;
  await client.waitFor((f) => f.type === 'ready', 'no ready frame');
  return client;
}

/** An upgrade request by hand, to read the HTTP answer of a refused handshake. */
function rawUpgrade(headers, query = '') {
  return new Promise((resolve, reject) => {
    const url = new URL(wsUrl(query));
    const req = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: {
      connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    req.on('upgrade', (res, socket) => { socket.destroy(); resolve({ status: res.statusCode }); });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body || 'null') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a new customer reaches an open stream, with its seq, after a ready frame', async () => {
  const client = await openReady({ token: tokens.ada });
  const ready = client.frames[0];
  assert.equal(ready.type, 'ready');
  assert.ok(Number.isInteger(ready.seq));
  const created = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Live', last_name: 'One' } }), 201);
  const frame = await client.waitFor((f) => f.type === 'event' && f.event.aggregate_id === created.id, 'no event');
  assert.equal(frame.event.type, 'customer.created');
  assert.ok(frame.event.seq > ready.seq);
  assert.equal(frame.event.payload.customer.first_name, 'Live');
  assert.match(frame.event.actor, /^token:/);
  client.ws.send(JSON.stringify({ type: 'ping' }));
  await client.waitFor((f) => f.type === 'pong', 'no pong');
  client.ws.send('not json');
  await client.waitFor((f) => f.type === 'error', 'no error frame for a bad message');
  client.ws.close();
});

test('each caller sees only the records it may read, without its hidden fields', async () => {
  const sales = await openReady({ token: tokens.sal });
  const viewer = await openReady({ token: tokens.vic });
  const theirs = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Not', last_name: 'Yours', owner_id: userIds.ada } }), 201);
  const mine = expectStatus(await server.api('POST', '/customers', { body: {
    first_name: 'Sally', last_name: 'Sold', owner_id: userIds.sal, birthday: '1980-02-03' } }), 201);
  // Changes only a field the viewer may not see: that update must not reach the viewer at all.
  expectStatus(await server.api('PATCH', `/customers/${mine.id}`, { body: { birthday: '1980-02-04' } }), 200);
  expectStatus(await server.api('PATCH', `/customers/${mine.id}`, { body: { tags: ['warm'] } }), 200);
  await sales.waitFor((f) => f.type === 'event' && f.event.type === 'customer.updated' && f.event.payload.changed?.includes('tags'), 'sales saw no update');
  await viewer.waitFor((f) => f.type === 'event' && f.event.type === 'customer.updated' && f.event.payload.changed?.includes('tags'), 'viewer saw no update');

  assert.ok(!sales.events().some((e) => e.aggregate_id === theirs.id), 'sales saw a customer of someone else');
  assert.ok(sales.events().some((e) => e.aggregate_id === mine.id && e.type === 'customer.created'));
  assert.ok(viewer.events().some((e) => e.aggregate_id === theirs.id), 'the viewer reads every customer');
  const viewed = viewer.events().filter((e) => e.aggregate_id === mine.id);
  assert.deepEqual(viewed.map((e) => e.type), ['customer.created', 'customer.updated']);
  assert.ok(!JSON.stringify(viewed).includes('1980-02'), `the viewer saw the birthday: ${JSON.stringify(viewed)}`);
  assert.ok(JSON.stringify(sales.events()).includes('1980-02-03'), 'sales may see the birthday');
  sales.ws.close();
  viewer.ws.close();
});

test('ticket events follow the customer: sales sees its own customers\' tickets, never a note\'s text', async () => {
  const sales = await openReady({ token: tokens.sal });
  for (const [email, owner] of [['mine@cust.example', userIds.sal], ['other@cust.example', userIds.ada]]) {
    expectStatus(await server.api('POST', '/customers', { body: { first_name: 'T', emails: [{ address: email }], owner_id: owner } }), 201);
  }
  const open = async (email) => expectStatus(await server.api('POST', '/tickets', { body: {
    subject: `Help ${email}`, channel: 'email', requester: { email }, message: { body_text: 'Please help' } } }), 201);
  const other = await open('other@cust.example');
  const mine = await open('mine@cust.example');
  const note = await server.api('POST', `/tickets/${mine.id}/messages`, {
    body: { kind: 'note', body_text: 'SECRET-NOTE-TEXT' } });
  expectStatus(note, 201);
  await sales.waitFor((f) => f.type === 'event' && f.event.type === 'ticket.noted', 'sales saw no note event');
  const types = sales.events().filter((e) => e.aggregate_type === 'ticket').map((e) => [e.aggregate_id, e.type]);
  assert.deepEqual(types, [[mine.id, 'ticket.opened'], [mine.id, 'ticket.noted']]);
  assert.ok(!types.some(([id]) => id === other.id));
  assert.ok(!JSON.stringify(sales.frames).includes('SECRET-NOTE-TEXT'));
  sales.ws.close();
});

test('presence on a ticket reaches the others on it who may read it, and clears when a socket closes', async () => {
  for (const [email, owner] of [['seen@cust.example', userIds.sal], ['hidden@cust.example', userIds.ada]]) {
    expectStatus(await server.api('POST', '/customers', { body: { first_name: 'P', emails: [{ address: email }], owner_id: owner } }), 201);
  }
  const openTicket = async (email) => expectStatus(await server.api('POST', '/tickets', { body: {
    subject: `Presence ${email}`, requester: { email }, message: { body_text: 'Hello' } } }), 201);
  const seen = await openTicket('seen@cust.example');
  const hidden = await openTicket('hidden@cust.example');
  const ada = await openReady({ token: tokens.ada });
  const sal = await openReady({ token: tokens.sal });
  const presence = (client) => client.frames.filter((f) => f.type === 'presence');
  const say = (client, ticket, state) => client.ws.send(JSON.stringify({ type: 'presence', ticket, state }));

  say(ada, seen.id, 'viewing');
  say(ada, hidden.id, 'viewing');
  say(sal, seen.id, 'viewing');
  // The newcomer learns who is there; the one there learns of the newcomer.
  const there = await sal.waitFor((f) => f.type === 'presence' && f.user_id === userIds.ada, 'sal did not hear of ada');
  assert.deepEqual(there, { type: 'presence', ticket: seen.id, user_id: userIds.ada, state: 'viewing', expires_in: 60 });
  await ada.waitFor((f) => f.type === 'presence' && f.user_id === userIds.sal, 'ada did not hear of sal');
  say(sal, seen.id, 'typing');
  await ada.waitFor((f) => f.type === 'presence' && f.state === 'typing', 'ada did not hear sal typing');
  // Sales may not read the other customer's ticket: refused, and nobody there hears of it.
  say(sal, hidden.id, 'viewing');
  const refused = await sal.waitFor((f) => f.type === 'error' && f.detail.includes(hidden.id), 'no refusal');
  assert.match(refused.detail, /no ticket/);
  assert.ok(!presence(sal).some((f) => f.ticket === hidden.id), 'sal heard of a ticket it may not read');
  sal.ws.send(JSON.stringify({ type: 'presence', ticket: seen.id, state: 'dancing' }));
  await sal.waitFor((f) => f.type === 'error' && f.detail.includes('state'), 'a bad state was not refused');
  // Closing the socket leaves the ticket: the others are told.
  sal.ws.close();
  await ada.waitFor((f) => f.type === 'presence' && f.user_id === userIds.sal && f.state === 'left', 'no left frame');
  assert.ok(!presence(ada).some((f) => f.user_id === userIds.ada), 'ada heard her own presence');
  ada.ws.close();
});

test('a client that reconnects with after=<seq> gets what it missed, in order, then ready', async () => {
  const first = await openReady({ token: tokens.ada });
  const seen = first.frames[0].seq;
  first.ws.close();
  // A second client stays connected: once it has B live, the stream has read past both, so the
  // reconnect below catches them up before `ready` (without it, a loaded machine could connect
  // before the stream read them, and they would come live after `ready` instead).
  const watcher = await openReady({ token: tokens.ada });
  const missed = [];
  for (const name of ['Missed A', 'Missed B']) {
    missed.push(expectStatus(await server.api('POST', '/customers', { body: { first_name: name } }), 201).id);
  }
  await watcher.waitFor((f) => f.type === 'event' && f.event.aggregate_id === missed[1], 'the watcher never saw B');
  watcher.ws.close();
  const again = await openReady({ token: tokens.ada, query: `?after=${seen}` });
  // The catch-up ends at the head the stream has read; an event committed just before the
  // connection but not yet read by it comes right after `ready`, live (docs/design/stream.md §
  // Catch-up). Either way: every missed event once, in seq order, nothing before them.
  await again.waitFor((f) => f.type === 'event' && f.event.aggregate_id === missed[1], 'B never came');
  const events = again.frames.filter((f) => f.type === 'event');
  assert.deepEqual(events.map((f) => f.event.aggregate_id), missed);
  assert.ok(events[0].event.seq < events[1].event.seq);
  assert.ok(again.frames.findIndex((f) => f.type === 'ready') >= 1, 'the first missed event came after ready');
  again.ws.close();

  // Too much missed: told to reload (a reset frame) rather than fed without bound.
  for (const size of [600, 401]) {
    const records = Array.from({ length: size }, (_, i) => ({ first_name: `Bulk ${size}-${i}` }));
    expectStatus(await server.api('POST', '/customers/batch', { body: { records } }), 200);
  }
  const late = open({ token: tokens.ada, query: `?after=${seen}` });
  await late.opened;
  const reset = await late.waitFor((f) => f.type === 'reset', 'no reset frame');
  assert.ok(reset.seq >= seen + 1003);
  assert.equal(late.events().length, 0);
  late.ws.close();
});

test('refusals are problems before the upgrade: no credentials, a foreign origin, a bad after', async () => {
  assert.equal((await rawUpgrade({})).status, 401);
  const login = await server.api('POST', '/auth/login', { token: null, body: { email: 'ada@staff.example', password: PASSWORD } });
  expectStatus(login, 200);
  const cookie = [login.headers['set-cookie']].flat()[0].split(';')[0];
  const host = new URL(server.baseUrl).host;
  const foreign = await rawUpgrade({ cookie, origin: 'http://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal((await rawUpgrade({ cookie })).status, 403, 'a cookie without Origin is refused too');
  assert.equal((await rawUpgrade({ cookie, origin: `http://${host}` })).status, 101);
  const bad = await rawUpgrade({ authorization: `Bearer ${tokens.ada}` }, '?after=-3');
  assert.equal(bad.status, 422);
  assert.equal(bad.body.errors[0].field, 'after');
  // A plain GET (no upgrade) is a 400 problem naming what is missing.
  expectProblem(await server.api('GET', '/stream'), 400);
});

test('an oversized client message closes the stream; a revoked token closes it too', async () => {
  const big = await openReady({ token: tokens.ada });
  big.ws.send('x'.repeat(5000));
  await waitFor(() => big.closed, { message: 'an oversized message did not close the stream' });
  assert.equal(big.closed.code, 1009);

  const minted = expectStatus(await server.api('POST', '/tokens', { body: { name: 'short-lived' } }), 201);
  const doomed = await openReady({ token: minted.token });
  expectStatus(await server.api('DELETE', `/tokens/${minted.id}`), 204);
  await waitFor(() => doomed.closed, { timeoutMs: 10_000, message: 'a revoked token kept its stream' });
  assert.equal(doomed.closed.code, 1008);
});

test('stopping the server closes open streams with going-away', async () => {
  const own = makeDataDir();
  const token = createToken(own, 'stop');
  const other = await startServer({ dataDir: own, token });
  const ws = new WebSocket(`${other.baseUrl.replace('http:', 'ws:')}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
  let closed = null;
  ws.onclose = (event) => { closed = event.code; };
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  await other.stopClean();
  await waitFor(() => closed !== null, { message: 'the stream was not closed' });
  assert.equal(closed, 1001);
  removeDir(own);
});
