// The chatbot in the chat (docs/design/chatbot.md § In the chat), against the real binary with
// the demo shop's data (`rapport demo`: help center, guided flows, bot_mode always): answers from
// the help center with a link and "Did that answer…?", buttons, hand-off with its reason, an
// agent stepping in, orders only for a verified customer, the offline ticket, and the bot's
// settings API.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { cliOk, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const ORIGIN = 'https://shop.example';
const PASSWORD = 'a long enough passphrase';
let dir;
let server;
let viewerToken;

before(async () => {
  dir = makeDataDir();
  cliOk(['demo', '--data-dir', dir, '--customers', '30', '--seed', '7']);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada',
    '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  const adminToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'vic@staff.example', '--name', 'Vic',
    '--role', 'viewer', '--password-stdin'], `${PASSWORD}\n`);
  viewerToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'vic', '--user', 'vic@staff.example']);
  server = await startServer({ dataDir: dir, token: adminToken });
  expectStatus(await server.api('PATCH', '/chat/settings', { body: { allowed_origins: [ORIGIN] } }), 200);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const setAvailable = async (available) =>
  expectStatus(await server.api('PUT', '/support/agents/me', { body: { available } }), 200);

/** A visitor: connects, says hello, collects frames. */
async function visitor(hello = {}) {
  const ws = new WebSocket(`${server.baseUrl.replace('http:', 'ws:')}/widget/ws`, { headers: { origin: ORIGIN } });
  const client = { ws, frames: [] };
  ws.onmessage = (message) => client.frames.push(JSON.parse(message.data));
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('no socket')); });
  client.send = (frame) => ws.send(JSON.stringify(frame));
  client.waitFor = (predicate, message) => waitFor(() => client.frames.find(predicate), { message });
  client.messages = () => client.frames.filter((f) => f.type === 'message').map((f) => f.message);
  client.send({ type: 'hello', ...hello });
  client.welcome = await client.waitFor((f) => f.type === 'welcome', 'no welcome');
  let n = 0;
  /** Says `text` (or presses a button), then waits for `count` bot/system messages after it. */
  client.say = async (text, { choice, count = 1 } = {}) => {
    const seen = client.messages().filter((m) => m.author_kind !== 'visitor').length;
    client.send({ type: 'message', client_id: `c${++n}`, text, choice });
    await client.waitFor((f) => f.type === 'ack' && f.client_id === `c${n}`, `no ack for ${text}`);
    if (count === 0) return [];
    await waitFor(() => client.messages().filter((m) => m.author_kind !== 'visitor').length >= seen + count,
      { message: `the bot did not answer "${text}"` });
    return client.messages().filter((m) => m.author_kind !== 'visitor').slice(seen);
  };
  return client;
}

test('the bot answers from the help center with a link, then asks whether that helped', async () => {
  const v = await visitor();
  assert.equal(v.welcome.bot, true, 'the demo chat starts with the bot');
  const [answer, ask] = await v.say('delivery time to germany?', { count: 2 });
  assert.equal(answer.author_kind, 'bot');
  assert.match(answer.link.url, /\/help\/articles\/shipping-times$/);
  assert.ok(answer.text.length > 20);
  assert.equal(ask.text, 'Did that answer your question?');
  assert.deepEqual(ask.buttons.map((b) => b.value), ['yes', 'no', 'human']);
  const [welcome] = await v.say('Yes', { choice: 'yes' });
  assert.match(welcome.text, /welcome/i);
  // The article link leads to the public page.
  const page = await fetch(new URL(new URL(answer.link.url).pathname, server.baseUrl));
  assert.equal(page.status, 200);
  v.ws.close();
});

test('asking for a person hands over with the reason; the agent sees the bot transcript', async () => {
  await setAvailable(true);
  const v = await visitor();
  await v.say('delivery time to germany?', { count: 2 });
  const [handoff] = await v.say('Talk to a person', { choice: 'human' });
  assert.match(handoff.text, /person/);
  await v.waitFor((f) => f.type === 'state' && f.conversation.state === 'waiting', 'not waiting for a person');
  const id = v.frames.find((f) => f.type === 'ack').conversation_id;
  const chat = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  assert.equal(chat.conversation.handoff_reason, 'asked');
  assert.ok(chat.messages.some((m) => m.author_kind === 'bot'));
  // After the hand-off the bot is quiet: the visitor's next words wait for the agent.
  await v.say('hello?', { count: 0 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  assert.equal(after.messages.at(-1).author_kind, 'visitor');
  expectStatus(await server.api('POST', `/chats/${id}/end`), 200);
  v.ws.close();
});

test('an agent stepping into a bot chat stops the bot, and the visitor is told', async () => {
  await setAvailable(true);
  const v = await visitor();
  await v.say('hi', { count: 1 });
  const id = v.frames.find((f) => f.type === 'ack').conversation_id;
  expectStatus(await server.api('POST', `/chats/${id}/accept`), 200);
  await v.waitFor((f) => f.type === 'message' && f.message.author_kind === 'system', 'the visitor was not told');
  assert.match(v.messages().find((m) => m.author_kind === 'system').text, /assistant has stopped/);
  await v.say('delivery time to germany?', { count: 0 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const chat = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  assert.equal(chat.messages.at(-1).author_kind, 'visitor', 'the bot never answers beside a person');
  expectStatus(await server.api('POST', `/chats/${id}/end`), 200);
  v.ws.close();
});

test('orders: a verified customer sees theirs; an anonymous visitor sees none', async () => {
  let customerId;
  let mine = [];
  for (const c of expectStatus(await server.api('GET', '/customers?limit=30'), 200).data) {
    mine = expectStatus(await server.api('GET', `/customers/${c.id}/orders?limit=50`), 200).data;
    customerId = c.id;
    if (mine.length > 0) break;
  }
  assert.ok(mine.length > 0, 'a demo customer has orders');
  const label = (o) => o.external_id ?? o.id;

  const anonymous = await visitor();
  const [refused] = await anonymous.say('where is my order?');
  assert.match(refused.text, /sign in/);
  for (const order of mine) assert.ok(!refused.text.includes(label(order)));
  anonymous.ws.close();

  const { identity_secret: secret } = expectStatus(await server.api('GET', '/chat/settings'), 200);
  const hash = crypto.createHmac('sha256', secret).update(customerId).digest('hex');
  const known = await visitor({ identity: { customer_id: customerId, hash } });
  assert.equal(known.welcome.identified, true);
  const [listed] = await known.say('Where is my order?', { choice: 'orders' });
  assert.match(listed.text, /Your latest orders/);
  assert.ok(listed.text.includes(label(mine[0])), listed.text);
  known.ws.close();
});

test('a guided flow is walked by its buttons', async () => {
  const v = await visitor();
  const [hello] = await v.say('hello');
  const values = hello.buttons.map((b) => b.value);
  assert.ok(values.includes('flow:returns') && values.includes('human'), values.join());
  const [start] = await v.say('Returns', { choice: 'flow:returns' });
  assert.match(start.text, /30 days/);
  const [recent] = await v.say('Yes', { choice: start.buttons[0].value });
  assert.match(recent.text, /original packaging/);
  v.ws.close();
});

test('nobody available: the hand-off asks for an email and the chat becomes a ticket', async () => {
  await setAvailable(false);
  const v = await visitor();
  const [offline] = await v.say('I want to talk to a human', {});
  assert.match(offline.text, /Leave your email/);
  await v.waitFor((f) => f.type === 'offline', 'no offline frame');
  v.send({ type: 'prechat', email: 'walk-in@example.com' });
  const created = await v.waitFor((f) => f.type === 'ticket_created', 'no ticket');
  assert.ok(created);
  const id = v.frames.find((f) => f.type === 'ack').conversation_id;
  const chat = expectStatus(await server.api('GET', `/chats/${id}`), 200);
  const ticket = expectStatus(await server.api('GET', `/tickets/${chat.conversation.ticket_id}/messages`), 200);
  assert.match(JSON.stringify(ticket), /talk to a human/);
  v.ws.close();
});

test('bot settings: administrators only, checked, errors name the field', async () => {
  const settings = expectStatus(await server.api('GET', '/chat/bot'), 200);
  assert.ok(settings.flows.some((f) => f.id === 'returns'));
  expectProblem(await server.api('GET', '/chat/bot', { token: viewerToken }), 403);
  const bad = await server.api('PUT', '/chat/bot', {
    body: { flows: [{ id: 'f', label: 'F', steps: [{ id: 'a', text: 't', buttons: [{ label: 'x', next: 'nowhere' }] }] }] },
  });
  expectProblem(bad, 422);
  assert.equal(bad.body.errors[0].field, 'flows[0].steps[0].buttons[0].next');
  const unchanged = expectStatus(await server.api('GET', '/chat/bot'), 200);
  assert.equal(unchanged.version, settings.version, 'a refused change changes nothing');
  const topics = expectStatus(await server.api('PUT', '/chat/bot', { body: { human_only_topics: ['shipping-times'] } }), 200);
  assert.deepEqual(topics.human_only_topics, ['shipping-times']);
  assert.equal(topics.flows.length, settings.flows.length, 'fields not sent are kept');
  expectProblem(await server.api('PATCH', '/chat/settings', { body: { bot_mode: 'sometimes' } }), 422);
  const v = await visitor();
  await setAvailable(true);
  const [handoff] = await v.say('delivery time to germany?');
  assert.match(handoff.text, /person/);
  v.ws.close();
  expectStatus(await server.api('PUT', '/chat/bot', { body: { human_only_topics: [] } }), 200);
});
