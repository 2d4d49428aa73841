// Live chat, the agent's side of it (docs/design/chat.md): the visitor's typing reaching the
// agents over the staff stream (ephemeral, bounded, only to who may read the conversation), chat
// ratings counted in the desk's satisfaction report beside ticket ratings, and files both ways
// (uploaded over HTTP, sent as messages naming them, fetched only by their conversation's
// visitor and readers). Against the real binary with node's WebSocket client and fetch.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus } from './lib/expect.mjs';

const ORIGIN = 'https://shop.example';
const PASSWORD = 'a long enough passphrase';
const LIMIT = 100_000;  // attachment_max_bytes for this suite
let dir;
let server;
let adminToken;
let salesToken;
let settings;

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada',
    '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  adminToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  // Sales reads every ticket place but only its own customers: an anonymous chat, not Ann's.
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sam@staff.example', '--name', 'Sam',
    '--role', 'sales', '--password-stdin'], `${PASSWORD}\n`);
  salesToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sam', '--user', 'sam@staff.example']);
  fs.writeFileSync(path.join(dir, 'rapport.toml'), `attachment_max_bytes = ${LIMIT}\n`);
  server = await startServer({ dataDir: dir, token: adminToken });
  // Ada accepts many chats here: the per-agent limit is no part of these tests.
  settings = expectStatus(await server.api('PATCH', '/chat/settings', { body: { allowed_origins: [ORIGIN], max_concurrent: 50 } }), 200);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const base = () => server.baseUrl.replace('http:', 'ws:');

/** A WebSocket collecting parsed frames. */
function socket(url, headers) {
  const ws = new WebSocket(url, { headers });
  const client = { ws, frames: [] };
  ws.onmessage = (message) => client.frames.push(JSON.parse(message.data));
  client.opened = new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`the WebSocket ${url} did not open`));
  });
  client.send = (frame) => ws.send(JSON.stringify(frame));
  client.waitFor = (predicate, message) => waitFor(() => client.frames.find(predicate), { message });
  return client;
}

async function staffStream(token) {
  const client = socket(`${base()}/api/v1/stream`, { authorization: `Bearer ${token}` });
  await client.opened;
  await client.waitFor((f) => f.type === 'ready', 'no ready frame');
  client.typing = (id) => client.frames.filter((f) => f.type === 'chat_typing' && f.chat === id);
  return client;
}

async function visitor(hello = {}) {
  const client = socket(`${base()}/widget/ws`, { origin: ORIGIN });
  await client.opened;
  client.send({ type: 'hello', ...hello });
  client.welcome = await client.waitFor((f) => f.type === 'welcome', 'no welcome frame');
  return client;
}

async function say(client, clientId, text) {
  const from = client.frames.length;
  client.send({ type: 'message', client_id: clientId, text });
  const answer = await waitFor(() => client.frames.slice(from).find((f) => (f.type === 'ack' && f.client_id === clientId) || f.type === 'error'),
    { message: `no ack for ${clientId}` });
  assert.equal(answer.type, 'ack', JSON.stringify(answer));
  return answer;
}

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function annAndHer(hash) {
  const customer = expectStatus(await server.api('POST', '/customers', {
    body: { first_name: 'Ann', last_name: 'Lee', emails: [{ address: `ann${hash}@example.com` }] } }), 201);
  const mac = crypto.createHmac('sha256', settings.identity_secret).update(customer.id).digest('hex');
  return { customer, identity: { customer_id: customer.id, hash: mac } };
}

test('the visitor typing reaches, live and unstored, only the agents who may read the chat, at most once per 2 s', async () => {
  const ada = await staffStream(adminToken);
  const sam = await staffStream(salesToken);
  // No conversation yet: typing goes nowhere.
  const early = await visitor();
  early.send({ type: 'typing' });

  const anon = await visitor();
  const { conversation_id: anonId } = await say(anon, 't1', 'Hello?');
  for (let i = 0; i < 5; i++) anon.send({ type: 'typing' });
  const notice = await ada.waitFor((f) => f.type === 'chat_typing' && f.chat === anonId, 'the agent was not told the visitor types');
  assert.deepEqual(notice, { type: 'chat_typing', chat: anonId, author_kind: 'visitor', expires_in: 5 });
  await sam.waitFor((f) => f.type === 'chat_typing' && f.chat === anonId, 'a reader of every queue was not told');
  await pause(700);
  assert.equal(ada.typing(anonId).length, 1, 'five typing frames within 2 s make one notice');
  assert.equal(sam.typing(anonId).length, 1);

  // Ann's conversation (a customer Sam may not read): Ada is told, Sam never.
  const { customer, identity } = await annAndHer('typing');
  expectStatus(await server.api('GET', `/customers/${customer.id}`, { token: salesToken }), 404);
  const ann = await visitor({ identity });
  assert.equal(ann.welcome.identified, true);
  const { conversation_id: annId } = await say(ann, 'a1', 'It is Ann');
  ann.send({ type: 'typing' });
  await ada.waitFor((f) => f.type === 'chat_typing' && f.chat === annId, 'the agent was not told Ann types');

  // After the interval the next typing is a new notice.
  await pause(2100);
  anon.send({ type: 'typing' });
  await waitFor(() => ada.typing(anonId).length === 2, { message: 'no second notice after 2 s' });
  await pause(500);
  assert.equal(sam.typing(annId).length, 0, 'a caller who may not read the chat heard of it');
  assert.equal(ada.frames.filter((f) => f.type === 'chat_typing').length, 3, 'the visitor without a conversation was announced');

  // Nothing was stored: no message, no event.
  const stored = expectStatus(await server.api('GET', `/chats/${anonId}`), 200);
  assert.equal(stored.conversation.last_seq, 1);
  assert.equal(ada.frames.some((f) => f.type === 'event' && /typing/.test(f.event.type)), false);
  for (const c of [ada, sam, early, anon, ann]) c.ws.close();
});

test('chat ratings count in the satisfaction report beside ticket ratings, per channel and in the caller\'s reach', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const report = async (query = '', token = adminToken) =>
    expectStatus(await server.api('GET', `/support/reports?from=${today}&to=${today}${query}`, { token }), 200).satisfaction;
  const channel = (satisfaction, name) => satisfaction.by_channel.find((c) => c.channel === name);
  const before = await report();
  assert.deepEqual(before.by_channel.map((c) => c.channel), ['ticket', 'chat']);

  // An anonymous chat: the agent accepts and ends it, the visitor rates it good with a comment.
  const queue = expectStatus(await server.api('POST', '/queues', { body: { name: 'Chat ratings' } }), 201);
  const anon = await visitor({ queue_id: queue.id });
  const { conversation_id: goodId } = await say(anon, 'r1', 'Can you help?');
  expectStatus(await server.api('POST', `/chats/${goodId}/accept`), 200);
  expectStatus(await server.api('POST', `/chats/${goodId}/end`), 200);
  anon.send({ type: 'rate', rating: 'good', comment: 'Quick <b>and</b> kind' });
  await anon.waitFor((f) => f.type === 'rated', 'not rated');
  // A second rating of the same chat is refused and counts nothing.
  anon.send({ type: 'rate', rating: 'bad' });
  const refused = await anon.waitFor((f) => f.type === 'error' && f.code === 'conflict', 'a second rating was not refused');
  assert.equal(refused.field, 'rating');

  // Ann (a customer Sam may not read) ends her chat herself and rates it bad.
  const { identity } = await annAndHer('rating');
  const ann = await visitor({ identity });
  const { conversation_id: badId } = await say(ann, 'b1', 'Still waiting for my parcel');
  ann.send({ type: 'end' });
  await ann.waitFor((f) => f.type === 'state' && f.conversation.state === 'ended', 'not ended');
  ann.send({ type: 'rate', rating: 'bad' });
  await ann.waitFor((f) => f.type === 'rated', 'not rated');
  const rated = expectStatus(await server.api('GET', `/chats/${badId}`), 200).conversation;
  assert.equal(rated.rating, 'bad');

  const after = await report();
  const chats = channel(after, 'chat');
  const chatsBefore = channel(before, 'chat');
  assert.equal(chats.ratings - chatsBefore.ratings, 2);
  assert.equal(chats.good - chatsBefore.good, 1);
  assert.equal(chats.bad - chatsBefore.bad, 1);
  assert.equal(chats.comments - chatsBefore.comments, 1);
  assert.equal(chats.requests - chatsBefore.requests, 2, 'each ended chat was asked for a rating');
  assert.deepEqual(channel(after, 'ticket'), channel(before, 'ticket'));
  // The totals are both channels together.
  assert.equal(after.ratings, chats.ratings + channel(after, 'ticket').ratings);
  assert.equal(after.good, chats.good + channel(after, 'ticket').good);
  assert.equal(after.score, after.good / after.ratings);

  // One queue: only the chat of that queue.
  const ofQueue = await report(`&queue_id=${queue.id}`);
  assert.deepEqual([channel(ofQueue, 'chat').ratings, channel(ofQueue, 'chat').good], [1, 1]);
  // Sam reads every ticket place but not Ann: her rating is not in his figures.
  const sams = channel(await report('', salesToken), 'chat');
  assert.equal(sams.ratings, chats.ratings - 1);
  assert.equal(sams.bad, chats.bad - 1);
  for (const c of [anon, ann]) c.ws.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** The widget's upload: a CORS simple request (text/plain, no custom header) from the site. */
function visitorUpload(token, bytes, { name = 'shot.png', origin = ORIGIN, length } = {}) {
  const query = new URLSearchParams({ name, ...(token === null ? {} : { visitor_token: token }) });
  const headers = { 'content-type': 'text/plain', ...(origin ? { origin } : {}) };
  if (length !== undefined) headers['content-length'] = String(length);
  return fetch(`${server.baseUrl}/widget/files?${query}`, { method: 'POST', headers, body: bytes });
}

function visitorDownload(token, id, { origin = ORIGIN } = {}) {
  const query = new URLSearchParams({ visitor_token: token });
  return fetch(`${server.baseUrl}/widget/files/${encodeURIComponent(id)}?${query}`, { headers: origin ? { origin } : {} });
}

test('files go both ways: uploaded over HTTP, sent on the socket, fetched only by their conversation', async () => {
  const v = await visitor();
  const token = v.welcome.visitor_token;
  // Before the chat starts there is nothing to upload to.
  assert.equal((await visitorUpload(token, PNG)).status, 404);
  const { conversation_id: id } = await say(v, 'f1', 'Here is the broken part');
  const uploadedAnswer = await visitorUpload(token, PNG, { name: '../../broken part.png' });
  assert.equal(uploadedAnswer.status, 201, await uploadedAnswer.clone().text());
  assert.equal(uploadedAnswer.headers.get('access-control-allow-origin'), ORIGIN);
  const uploaded = await uploadedAnswer.json();
  assert.deepEqual({ name: uploaded.name, type: uploaded.type, size: uploaded.size },
    { name: 'broken part.png', type: 'image/png', size: PNG.length });

  // The socket carries only the message naming it; the agent sees and downloads it.
  const from = v.frames.length;
  v.send({ type: 'message', client_id: 'f2', text: '', attachment_ids: [uploaded.id] });
  const ack = await waitFor(() => v.frames.slice(from).find((f) => f.type === 'ack' || f.type === 'error'), { message: 'no ack' });
  assert.equal(ack.type, 'ack', JSON.stringify(ack));
  const stored = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  const sent = stored.messages.find((m) => m.seq === ack.seq);
  assert.deepEqual(sent.attachment_ids, [uploaded.id]);
  assert.equal(sent.attachments[0].name, 'broken part.png');
  const agentCopy = await fetch(`${server.baseUrl}/api/v1/chat-files/${uploaded.id}`, { headers: { authorization: `Bearer ${adminToken}` } });
  assert.equal(agentCopy.status, 200);
  assert.match(agentCopy.headers.get('content-disposition'), /^attachment; filename="broken_part.png"/);
  assert.equal(agentCopy.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await agentCopy.arrayBuffer()), PNG);
  // Sent once: naming it again is refused.
  v.send({ type: 'message', client_id: 'f3', attachment_ids: [uploaded.id] });
  assert.equal((await v.waitFor((f) => f.type === 'error' && f.field === 'attachment_ids[0]', 'a second send was not refused')).code, 'invalid');

  // The agent attaches a PDF to a reply; the visitor gets it live and fetches it.
  const agentFile = await fetch(`${server.baseUrl}/api/v1/chats/${id}/files?name=invoice.pdf`, {
    method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/octet-stream' }, body: PDF });
  assert.equal(agentFile.status, 201);
  const pdf = await agentFile.json();
  assert.equal(pdf.type, 'application/pdf');
  const reply = expectStatus(await server.api('POST', `/chats/${id}/messages`, { body: { text: 'Your invoice', attachment_ids: [pdf.id] } }), 201);
  const seen = await v.waitFor((f) => f.type === 'message' && f.message.seq === reply.message.seq, 'the reply with a file did not arrive');
  assert.deepEqual(seen.message.attachments, [{ id: pdf.id, name: 'invoice.pdf', type: 'application/pdf', size: PDF.length }]);
  const visitorCopy = await visitorDownload(token, pdf.id);
  assert.equal(visitorCopy.status, 200);
  assert.equal(visitorCopy.headers.get('access-control-allow-origin'), ORIGIN);
  assert.deepEqual(Buffer.from(await visitorCopy.arrayBuffer()), PDF);
  assert.equal((await visitorDownload(token, uploaded.id)).status, 200, 'the visitor fetches their own upload');

  // Someone else's conversation, a forged token, a foreign or missing Origin: nothing.
  const other = await visitor();
  await say(other, 'o1', 'Another visitor');
  assert.equal((await visitorDownload(other.welcome.visitor_token, pdf.id)).status, 404);
  assert.equal((await visitorDownload(other.welcome.visitor_token, uploaded.id)).status, 404);
  const [vid, expiry] = token.split('.');
  const forged = `${vid}.${expiry}.AAAAAAAAAAAAAAAAAAAAAA`;
  assert.equal((await visitorDownload(forged, pdf.id)).status, 404);
  assert.equal((await visitorUpload(forged, PNG)).status, 404);
  assert.equal((await visitorDownload(token, pdf.id, { origin: 'https://evil.example' })).status, 403);
  assert.equal((await visitorDownload(token, pdf.id, { origin: null })).status, 403);
  assert.equal((await visitorUpload(token, PNG, { origin: 'https://evil.example' })).status, 403);
  // Another visitor's upload id is not theirs to send.
  const theirs = await (await visitorUpload(other.welcome.visitor_token, PNG)).json();
  const refusals = () => v.frames.filter((f) => f.type === 'error' && f.field === 'attachment_ids[0]').length;
  v.send({ type: 'message', client_id: 'f4', text: 'mine?', attachment_ids: [theirs.id] });
  await waitFor(() => refusals() === 2, { message: 'another visitor\'s upload was sent' });
  // The agent API: a file of a chat the caller may not read is 404 as well.
  assert.equal((await fetch(`${server.baseUrl}/api/v1/chat-files/caf_nothing`, { headers: { authorization: `Bearer ${adminToken}` } })).status, 404);
  const after = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  assert.equal(after.conversation.last_seq, reply.message.seq, 'a refused send stored nothing');
  for (const c of [v, other]) c.ws.close();
});

test('a visitor file too large or of a forbidden type is refused and nothing is stored', async () => {
  const v = await visitor();
  const token = v.welcome.visitor_token;
  const { conversation_id: id } = await say(v, 'b1', 'Files coming');
  // Over the limit: refused from the headers, before the body is read.
  const big = Buffer.alloc(LIMIT + 1, 0x61);
  const tooLarge = await visitorUpload(token, big, { name: 'big.txt' }).catch((e) => e);
  // Over the limit the server may answer 413 before the body ends, which fetch can report as a reset.
  assert.ok(tooLarge instanceof Error || tooLarge.status === 413, `got ${tooLarge.status}`);
  for (const [name, bytes] of [['page.html', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    ['setup.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])],
    ['bundle.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])]]) {
    const refused = await visitorUpload(token, bytes, { name });
    assert.equal(refused.status, 415, name);
    assert.equal(refused.headers.get('access-control-allow-origin'), ORIGIN, 'the widget may read why');
    assert.match((await refused.json()).detail, /cannot be sent in the chat/);
  }
  const empty = await visitorUpload(token, Buffer.alloc(0), { name: 'empty.txt' });
  assert.equal(empty.status, 422);
  // A made-up id in a message is refused too, and nothing of it all was stored.
  v.send({ type: 'message', client_id: 'b2', text: 'x', attachment_ids: ['caf_made_up'] });
  await v.waitFor((f) => f.type === 'error' && f.field === 'attachment_ids[0]', 'a made-up id was accepted');
  v.send({ type: 'message', client_id: 'b3', text: 'x', attachment_ids: [] });
  await v.waitFor((f) => f.type === 'error' && f.field === 'attachment_ids', 'an empty list was accepted');
  const stored = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  assert.equal(stored.conversation.last_seq, 1);
  // The agent's upload to a chat obeys the same limit, before the body.
  const agentBig = await fetch(`${server.baseUrl}/api/v1/chats/${id}/files?name=big.bin`, {
    method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/octet-stream' }, body: big }).catch((e) => e);
  assert.ok(agentBig instanceof Error || agentBig.status === 413);
  v.ws.close();
});

test('a waiting visitor is told an estimated wait once the queue has history', async () => {
  const queue = expectStatus(await server.api('POST', '/queues', { body: { name: 'Estimates' } }), 201);
  const first = await visitor({ queue_id: queue.id });
  const { conversation_id: firstId } = await say(first, 'e0', 'First of the day');
  const told = await first.waitFor((f) => f.type === 'waiting' || f.type === 'offline', 'no waiting frame');
  assert.equal(told.estimated_wait_seconds, null, 'no history, no estimate');
  // Three chats of the queue are accepted (each at once: the median wait is under a minute).
  const ids = [firstId];
  const others = [await visitor({ queue_id: queue.id }), await visitor({ queue_id: queue.id })];
  for (const [i, v] of others.entries()) ids.push((await say(v, `e${i + 1}`, 'Hello')).conversation_id);
  for (const id of ids) expectStatus(await server.api('POST', `/chats/${id}/accept`), 200);
  for (const v of [first, ...others]) v.ws.close();
  const next = await visitor({ queue_id: queue.id });
  await say(next, 'n1', 'Anyone?');
  const estimate = await next.waitFor((f) => (f.type === 'waiting' || f.type === 'offline') && f.estimated_wait_seconds !== null, 'no estimate');
  assert.equal(estimate.position, 1);
  assert.equal(estimate.estimated_wait_seconds, 60);
  next.ws.close();
});
