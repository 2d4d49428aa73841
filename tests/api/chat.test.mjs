// Live chat (docs/design/chat.md): the widget's WebSocket GET /widget/ws and the agent API
// /api/v1/chats, against the real binary with node's WebSocket client (and a raw socket where
// the client API cannot misbehave enough: invalid UTF-8).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { cliOk, makeDataDir, removeDir, startServer, createToken, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const ORIGIN = 'https://shop.example';
const PASSWORD = 'a long enough passphrase';
let dir;
let server;
let adminToken;
let viewerToken;
let settings;

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada',
    '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  adminToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  // The CLI cannot open the data dir while the server holds it: every user is made first.
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'vic@staff.example', '--name', 'Vic',
    '--role', 'viewer', '--password-stdin'], `${PASSWORD}\n`);
  viewerToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'vic', '--user', 'vic@staff.example']);
  server = await startServer({ dataDir: dir, token: adminToken });
  settings = expectStatus(await server.api('PATCH', '/chat/settings', { body: { allowed_origins: [ORIGIN] } }), 200);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const wsUrl = () => `${server.baseUrl.replace('http:', 'ws:')}/widget/ws`;

/** A visitor connection: `frames` collects every parsed frame. */
function visitor({ origin = ORIGIN } = {}) {
  const ws = new WebSocket(wsUrl(), { headers: { origin } });
  const client = { ws, frames: [], closed: null };
  ws.onmessage = (message) => client.frames.push(JSON.parse(message.data));
  client.closedPromise = new Promise((resolve) => {
    ws.onclose = (event) => { client.closed = { code: event.code, reason: event.reason }; resolve(client.closed); };
  });
  client.opened = new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('the WebSocket did not open'));
  });
  client.send = (frame) => ws.send(JSON.stringify(frame));
  client.waitFor = (predicate, message) => waitFor(() => client.frames.find(predicate), { message });
  client.messages = () => client.frames.filter((f) => f.type === 'message').map((f) => f.message);
  return client;
}

async function hello(frame = {}) {
  const client = visitor();
  await client.opened;
  client.send({ type: 'hello', ...frame });
  client.welcome = await client.waitFor((f) => f.type === 'welcome', 'no welcome frame');
  return client;
}

/** Sends a message; resolves with its ack, or with the first error frame that follows it. */
async function say(client, clientId, text) {
  const from = client.frames.length;
  client.send({ type: 'message', client_id: clientId, text });
  return waitFor(() => client.frames.slice(from).find((f) => (f.type === 'ack' && f.client_id === clientId) || f.type === 'error'),
    { message: `no ack for ${clientId}` });
}

/** An upgrade request by hand, to read the HTTP answer of a refused handshake. */
function rawUpgrade(headers, { upgrade = true } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(wsUrl());
    const base = upgrade ? { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } : {};
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, headers: { ...base, ...headers } });
    req.on('upgrade', (res, socket) => { resolve({ status: res.statusCode, socket }); });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body || 'null') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One masked client frame (RFC 6455 §5.2) with the given opcode and payload bytes. */
function clientFrame(opcode, payload) {
  const mask = crypto.randomBytes(4);
  const header = payload.length < 126 ? Buffer.from([0x80 | opcode, 0x80 | payload.length])
    : Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  return Buffer.concat([header, mask, masked]);
}

/** The close code of the first close frame the server sends on a raw socket. */
function closeCode(socket) {
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      for (let at = 0; at + 2 <= data.length;) {
        const opcode = data[at] & 0x0f;
        const length = data[at + 1] & 0x7f;
        if (length >= 126) return;  // the server's frames here are small
        if (opcode === 0x8 && at + 2 + length <= data.length) return resolve(data.readUInt16BE(at + 2));
        at += 2 + length;
      }
    });
    socket.on('close', () => resolve(null));
  });
}

async function waitingChat(id) {
  return waitFor(async () => {
    const list = expectStatus(await server.api('GET', '/chats?view=waiting'), 200);
    return list.data.find((c) => c.id === id);
  }, { message: `chat ${id} not waiting` });
}

test('a foreign or missing Origin, or a request that is no upgrade, is refused before any upgrade', async () => {
  const foreign = await rawUpgrade({ origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.body.status, 403);
  assert.equal((await rawUpgrade({})).status, 403);
  const plain = await rawUpgrade({ origin: ORIGIN }, { upgrade: false });
  assert.equal(plain.status, 400);
  // The settings are for administrators; a bad origin is a 422 naming the field.
  expectProblem(await server.api('PATCH', '/chat/settings', { body: { allowed_origins: ['https://shop.example/path/'] } }),
    422, { field: 'allowed_origins' });
  expectProblem(await server.api('PATCH', '/chat/settings', { body: { allowed_origins: 'x' } }), 422, { field: 'allowed_origins' });
  const kept = expectStatus(await server.api('GET', '/chat/settings'), 200);
  assert.deepEqual(kept.allowed_origins, [ORIGIN]);
});

test('visitor and agent talk both ways; a script tag stays text; catch-up after a reconnect', async () => {
  const v = await hello({ page_url: 'https://shop.example/cart' });
  assert.match(v.welcome.visitor_token, /^vis_[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+$/);
  assert.equal(v.welcome.conversation, null);
  const script = 'Hello <script>alert(1)</script> & "you"';
  const ack = await say(v, 'm1', script);
  assert.equal(ack.type, 'ack');
  assert.equal(ack.seq, 1);
  const id = ack.conversation_id;
  const waiting = await waitingChat(id);
  assert.equal(waiting.state, 'waiting');
  assert.equal(waiting.page_url, 'https://shop.example/cart');
  assert.equal(waiting.origin, ORIGIN);

  const accepted = expectStatus(await server.api('POST', `/chats/${id}/accept`), 200);
  assert.equal(accepted.state, 'active');
  await v.waitFor((f) => f.type === 'agent_joined', 'the visitor was not told an agent joined');
  const reply = expectStatus(await server.api('POST', `/chats/${id}/messages`, { body: { text: 'Hi! <b>How</b> can I help?' } }), 201);
  assert.equal(reply.message.seq, 2);
  const seen = await v.waitFor((f) => f.type === 'message' && f.message.seq === 2, 'the reply did not reach the visitor');
  assert.equal(seen.message.author_kind, 'agent');
  assert.equal(seen.message.author_name, 'Ada');
  assert.equal(seen.message.text, 'Hi! <b>How</b> can I help?');
  assert.equal(seen.message.author_id, undefined, 'the visitor never sees staff ids');
  expectStatus(await server.api('POST', `/chats/${id}/typing`), 204);
  await v.waitFor((f) => f.type === 'typing', 'no typing notice');

  // The agent reads the visitor's text exactly as typed, as JSON text (never rendered here).
  const full = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  assert.deepEqual(full.messages.map((m) => [m.seq, m.author_kind, m.text]),
    [[1, 'visitor', script], [2, 'agent', 'Hi! <b>How</b> can I help?']]);

  // Reconnect: only what came after the last seen seq.
  v.ws.close();
  await v.closedPromise;
  expectStatus(await server.api('POST', `/chats/${id}/messages`, { body: { text: 'Are you there?' } }), 201);
  expectStatus(await server.api('POST', `/chats/${id}/messages`, { body: { text: 'I am here.', client_id: 'a-1' } }), 201);
  // The agent's resend with the same client id stores nothing new.
  const again = expectStatus(await server.api('POST', `/chats/${id}/messages`, { body: { text: 'I am here.', client_id: 'a-1' } }), 201);
  assert.equal(again.message.seq, 4);
  const back = await hello({ visitor_token: v.welcome.visitor_token, after_seq: 2 });
  assert.equal(back.welcome.conversation.id, id);
  await back.waitFor((f) => f.type === 'message' && f.message.seq === 4, 'no catch-up');
  assert.deepEqual(back.messages().map((m) => m.seq), [3, 4]);
  // The visitor's resend of an acknowledged message (lost ack) is the same message.
  const resent = await say(back, 'm1', script);
  assert.equal(resent.seq, 1);
  back.send({ type: 'read', seq: 4 });
  back.send({ type: 'end' });
  await back.waitFor((f) => f.type === 'state' && f.conversation.state === 'ended', 'not ended');
  back.send({ type: 'rate', rating: 'good', comment: 'quick <i>help</i>' });
  await back.waitFor((f) => f.type === 'rated', 'not rated');
  const ended = expectStatus(await server.api('GET', `/chats/${id}`), 200).conversation;
  assert.equal(ended.rating, 'good');
  assert.equal(ended.rating_comment, 'quick <i>help</i>');
  assert.equal(ended.visitor_read_seq, 4);
  back.ws.close();
});

test("someone else's conversation id or a forged visitor token opens nothing", async () => {
  const owner = await hello();
  const ack = await say(owner, 'x1', 'private words');
  const prober = await hello({ conversation_id: ack.conversation_id });
  assert.equal(prober.welcome.conversation, null);
  const error = await prober.waitFor((f) => f.type === 'error', 'no error frame');
  assert.equal(error.code, 'not_found');
  assert.equal(prober.messages().length, 0);
  const token = owner.welcome.visitor_token;
  const [id, expiry] = token.split('.');
  const forged = await hello({ visitor_token: `${id}.${expiry}.AAAAAAAAAAAAAAAAAAAAAA` });
  assert.notEqual(forged.welcome.visitor_token, token);
  assert.equal(forged.welcome.conversation, null);
  assert.equal((await forged.waitFor((f) => f.type === 'error', 'no error')).code, 'visitor_token');
  assert.equal(forged.messages().length, 0);
  for (const c of [owner, prober, forged]) c.ws.close();
});

test('identity verification: a forged hash is refused, a genuine one joins the customer', async () => {
  const customer = expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'Ann', last_name: 'Lee', emails: [{ address: 'ann@example.com' }] } }), 201);
  const secret = settings.identity_secret;
  assert.match(secret, /^[0-9a-f]{64}$/);
  const hash = crypto.createHmac('sha256', secret).update(customer.id).digest('hex');

  const forged = await hello({ identity: { customer_id: customer.id, hash: hash.replace(/^./, hash[0] === 'a' ? 'b' : 'a') } });
  assert.equal(forged.welcome.identified, false);
  assert.equal((await forged.waitFor((f) => f.type === 'error', 'no error')).code, 'identity');
  // An anonymous visitor typing the customer's email is only a claim.
  forged.send({ type: 'prechat', name: 'Ann', email: 'ann@example.com' });
  await forged.waitFor((f) => f.type === 'prechat_saved', 'prechat not saved');
  const ack = await say(forged, 'f1', 'I am Ann, show me my orders');
  const claimed = expectStatus(await server.api('GET', `/chats/${ack.conversation_id}`), 200).conversation;
  assert.equal(claimed.customer_id, null);
  assert.equal(claimed.claimed_email, 'ann@example.com');

  // A JWT signed with another secret, and one with alg none, are refused too.
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = b64({ sub: customer.id, exp: Math.floor(Date.now() / 1000) + 300 });
  const wrongSig = crypto.createHmac('sha256', 'not the secret').update(`${b64({ alg: 'HS256' })}.${claims}`).digest('base64url');
  const wrong = await hello({ identity: { jwt: `${b64({ alg: 'HS256' })}.${claims}.${wrongSig}` } });
  assert.equal(wrong.welcome.identified, false);
  const none = await hello({ identity: { jwt: `${b64({ alg: 'none' })}.${claims}.` } });
  assert.equal(none.welcome.identified, false);

  const genuineJwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${claims}`;
  const jwt = `${genuineJwt}.${crypto.createHmac('sha256', secret).update(genuineJwt).digest('base64url')}`;
  const real = await hello({ identity: { jwt } });
  assert.equal(real.welcome.identified, true);
  const realAck = await say(real, 'r1', 'Where is my order?');
  const joined = expectStatus(await server.api('GET', `/chats/${realAck.conversation_id}`), 200).conversation;
  assert.equal(joined.customer_id, customer.id);
  const byHash = await hello({ identity: { customer_id: customer.id, hash } });
  assert.equal(byHash.welcome.identified, true);

  // Ended, the chat is on the customer's timeline (channel chat) with its transcript.
  expectStatus(await server.api('POST', `/chats/${realAck.conversation_id}/end`), 200);
  const timeline = expectStatus(await server.api('GET', `/customers/${customer.id}/timeline`), 200);
  const entry = timeline.data.find((i) => i.channel === 'chat');
  assert.ok(entry, 'no chat entry on the timeline');
  assert.match(entry.body, /Visitor: Where is my order\?/);
  for (const c of [forged, wrong, none, real, byHash]) c.ws.close();
});

test('oversized, binary and invalid UTF-8 frames close the socket; nothing is stored', async () => {
  const big = await hello();
  big.send({ type: 'message', client_id: 'big', text: 'x'.repeat(20_000) });
  assert.equal((await big.closedPromise).code, 1009);

  const binary = await hello();
  binary.ws.send(new Uint8Array([1, 2, 3]));
  assert.equal((await binary.closedPromise).code, 1003);

  const raw = await rawUpgrade({ origin: ORIGIN });
  assert.equal(raw.status, 101);
  const code = closeCode(raw.socket);
  raw.socket.write(clientFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
  assert.equal(await code, 1007);
  raw.socket.destroy();

  // A message over 4,000 characters but under the frame limit is an error frame, not stored.
  const long = await hello();
  const refused = await say(long, 'long', 'y'.repeat(4001));
  assert.equal(refused.type, 'error');
  assert.equal(refused.field, 'text');
  assert.equal(long.frames.some((f) => f.type === 'ack'), false);
  long.ws.close();
});

test('a flood from one visitor is cut off at the per-minute limit', async () => {
  const v = await hello();
  const first = await say(v, 'f0', 'first');
  for (let i = 1; i < 80; i++) v.send({ type: 'message', client_id: `f${i}`, text: `flood ${i}` });
  assert.equal((await v.closedPromise).code, 1008);
  const stored = expectStatus(await server.api('GET', `/chats/${first.conversation_id}?limit=500`), 200);
  assert.ok(stored.messages.length <= 60, `${stored.messages.length} messages stored`);
});

test('access: a viewer without the tickets edit level reads but cannot accept or reply', async () => {
  const vic = viewerToken;
  const v = await hello();
  const ack = await say(v, 'a1', 'hello');
  expectStatus(await server.api('GET', `/chats/${ack.conversation_id}`, { token: vic }), 200);
  expectProblem(await server.api('POST', `/chats/${ack.conversation_id}/accept`, { token: vic }), 403);
  expectProblem(await server.api('POST', `/chats/${ack.conversation_id}/messages`, { token: vic, body: { text: 'x' } }), 403);
  expectProblem(await server.api('GET', '/chat/settings', { token: vic }), 403);
  expectProblem(await server.api('GET', '/chats?view=nonsense'), 422, { field: 'view' });
  expectProblem(await server.api('POST', `/chats/${ack.conversation_id}/messages`, { body: { text: '' } }), 422, { field: 'text' });
  expectProblem(await server.api('GET', '/chats/cht_nothing'), 404);
  v.ws.close();
});

test('a visitor that never reads is contained: others are served at once, the API stays quick', async () => {
  // A raw socket that says hello, writes once, then never reads again.
  const raw = await rawUpgrade({ origin: ORIGIN });
  assert.equal(raw.status, 101);
  raw.socket.write(clientFrame(0x1, Buffer.from(JSON.stringify({ type: 'hello', page_url: 'https://shop.example/slow' }))));
  raw.socket.write(clientFrame(0x1, Buffer.from(JSON.stringify({ type: 'message', client_id: 's1', text: 'slow' }))));
  raw.socket.pause();
  const slowId = await waitFor(async () => {
    const list = expectStatus(await server.api('GET', '/chats?view=waiting'), 200);
    return list.data.find((c) => c.page_url === 'https://shop.example/slow')?.id;
  }, { message: 'the slow visitor\'s chat did not start' });
  const big = 'z'.repeat(4000);
  for (let i = 0; i < 300; i++) {
    expectStatus(await server.api('POST', `/chats/${slowId}/messages`, { body: { text: big } }), 201);
  }
  // Meanwhile another visitor's exchange is as quick as ever.
  const other = await hello();
  const ack = await say(other, 'o1', 'still there?');
  const started = Date.now();
  expectStatus(await server.api('POST', `/chats/${ack.conversation_id}/messages`, { body: { text: 'yes' } }), 201);
  await other.waitFor((f) => f.type === 'message' && f.message.text === 'yes', 'the other visitor was starved');
  assert.ok(Date.now() - started < 5000, `the other visitor waited ${Date.now() - started} ms`);
  other.ws.close();
  raw.socket.destroy();
});

test('an acknowledged message survives kill -9 and the visitor resumes', async () => {
  const v = await hello();
  const ack = await say(v, 'k1', 'this must not be lost');
  assert.equal(ack.type, 'ack');
  await server.kill9();
  server = await startServer({ dataDir: dir, token: adminToken });
  const stored = expectStatus(await server.api('GET', `/chats/${ack.conversation_id}`), 200);
  assert.deepEqual(stored.messages.map((m) => m.text), ['this must not be lost']);
  const back = await hello({ visitor_token: v.welcome.visitor_token, after_seq: 0 });
  assert.equal(back.welcome.conversation.id, ack.conversation_id);
  await back.waitFor((f) => f.type === 'message' && f.message.seq === 1, 'no catch-up after the restart');
  back.ws.close();
});
