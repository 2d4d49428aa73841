// The public surfaces over HTTP (DESIGN §6): the rating link a solved ticket mails its requester
// (signed token, once per ticket, expiring) and the support request form (honeypot, size limits,
// per-address and per-email rate limits, the confirmation mail). Real SMTP (aiosmtpd) catches the
// mail; tokens are also made by hand from the data directory's key, to test expiry and forgery.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

let dir;
let server;
let smtp;

before(async () => {
  dir = makeDataDir();
  smtp = await startSmtpServer();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    'public_url = "https://desk.example"', '[mail.smtp]', 'host = "127.0.0.1"', `port = ${smtp.port}`,
    'security = "none"', 'from_domain = "shop.example"', '',
  ].join('\n'));
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

/** A token as src/identity/public_token.hpp makes it, from the server's own key. */
function sign(purpose, id, expires) {
  const key = fs.readFileSync(path.join(dir, 'public_token.key'));
  const mac = crypto.createHmac('sha256', key).update(`${purpose}\0${id}\0${expires}`).digest().subarray(0, 16);
  return `${id}.${expires}.${mac.toString('base64url')}`;
}

const publicCall = (method, p, { body, form } = {}) => fetch(server.baseUrl + p, {
  method,
  headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : body ? { 'content-type': 'application/json' } : {},
  body: form ? new URLSearchParams(form).toString() : body ? JSON.stringify(body) : undefined,
});
async function answer(res) {
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { /* html */ }
  return { status: res.status, headers: Object.fromEntries(res.headers), text, body: json };
}

function bodyText(raw) {
  // quoted-printable soft breaks and =XX escapes undone: enough to find a URL in the text part
  return raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

test('a solved ticket mails a signed rating link that records one rating', async () => {
  const ticket = expectStatus(await server.api('POST', '/tickets', { body: {
    subject: 'Broken <zip>', channel: 'email', requester: { email: 'ada@example.com' },
    message: { body_text: 'The zip broke.' } } }), 201);
  expectStatus(await server.api('PATCH', `/tickets/${ticket.id}`, { body: { status: 'solved' } }), 200);
  const mails = await smtp.waitForMessages(1);
  const rating = mails.find((m) => m.raw.includes('How did we do?'));
  assert.ok(rating, 'no rating request arrived');
  const link = bodyText(rating.raw).match(/https:\/\/desk\.example(\/public\/ratings\/[A-Za-z0-9_.-]+)\?score=good/);
  assert.ok(link, 'no rating link in the mail');
  const pagePath = link[1];

  const page = await answer(await publicCall('GET', `${pagePath}?score=good`));
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.headers['content-security-policy'], /default-src 'none'/);
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.ok(page.text.includes('Broken &lt;zip&gt;'), 'the subject was not rendered as text');
  assert.match(page.text, /<input type="radio" name="score" id="score-good" value="good" required checked>/);
  assert.match(page.text, /<meta name="viewport"/);

  const tooLong = await answer(await publicCall('POST', pagePath, { body: { score: 'bad', comment: 'x'.repeat(2001) } }));
  assert.equal(tooLong.status, 422);
  assert.equal(tooLong.body.errors[0].field, 'comment');

  const sent = await answer(await publicCall('POST', pagePath, { form: { score: 'good', comment: 'Quick & kind <3' } }));
  assert.equal(sent.status, 200);
  assert.match(sent.text, /Thank you/);
  const replay = await answer(await publicCall('POST', pagePath, { body: { score: 'bad' } }));
  assert.equal(replay.status, 409);
  assert.match(replay.body.detail ?? replay.body.title, /already been rated/);
  const again = await answer(await publicCall('GET', pagePath));
  assert.match(again.text, /We have your answer: good/);
  // Staff see the answer on the ticket itself; lists do not carry it.
  const onTicket = expectStatus(await server.api('GET', `/tickets/${ticket.id}`), 200).rating;
  assert.deepEqual({ ...onTicket, rated_at: typeof onTicket.rated_at }, { score: 'good', comment: 'Quick & kind <3', rated_at: 'string' });
  const listed = expectStatus(await server.api('GET', '/tickets?limit=10'), 200).data;
  assert.ok(listed.every((t) => !('rating' in t)));

  const found = expectStatus(await server.api('POST', '/customers/search', { body: { filter: { field: 'last_rating', op: 'eq', value: 'good' } } }), 200);
  assert.deepEqual(found.data.map((c) => c.id), [ticket.customer_id]);
  const timeline = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}/timeline?limit=50`), 200).data;
  assert.ok(timeline.some((e) => e.kind === 'ticket_rated'));
  const events = expectStatus(await server.api('GET', '/events?after=0&limit=1000'), 200).data;
  const rated = events.filter((e) => e.type === 'ticket.rated');
  assert.equal(rated.length, 1);
  assert.ok(!JSON.stringify(rated).includes('kind <3'), 'the comment reached the outbox');
});

test('forged, altered, other-purpose and expired rating tokens are refused and change nothing', async () => {
  const ticket = expectStatus(await server.api('POST', '/tickets', { body: {
    subject: 'Late', channel: 'email', requester: { email: 'bob@example.com' }, message: { body_text: 'Late.' } } }), 201);
  const now = Math.floor(Date.now() / 1000);
  const good = sign('rating', ticket.id, now + 600);
  for (const bad of [`${ticket.id}.${now + 600}.AAAAAAAAAAAAAAAAAAAAAA`, sign('survey', ticket.id, now + 600),
    good.replace(`.${now + 600}.`, `.${now + 6000}.`), 'nonsense']) {
    const res = await answer(await publicCall('POST', `/public/ratings/${bad}`, { body: { score: 'bad' } }));
    assert.equal(res.status, 404, bad);
    const page = await answer(await publicCall('GET', `/public/ratings/${bad}`));
    assert.equal(page.status, 404);
    assert.match(page.text, /This link is not valid/);
  }
  const expired = sign('rating', ticket.id, now - 1);
  const res = await answer(await publicCall('POST', `/public/ratings/${expired}`, { body: { score: 'bad' } }));
  assert.equal(res.status, 403);
  assert.match(res.body.detail ?? res.body.title, /expired/);
  // The genuine token still works: nothing was recorded by the refused ones.
  expectStatus(await publicCall('POST', `/public/ratings/${good}`, { body: { score: 'bad' } }).then(answer), 201);
});

test('the support form: page, bad input named, honeypot, a ticket and its confirmation', async () => {
  const page = await answer(await publicCall('GET', '/public/support'));
  assert.equal(page.status, 200);
  assert.match(page.text, /<label for="email">/);
  assert.match(page.text, /name="website"/);
  const count = async () => expectStatus(await server.api('POST', '/tickets/search', { body: { filter: { field: 'channel', op: 'eq', value: 'web_form' } } }), 200).data.length;
  const before = await count();
  const ok = { name: 'Cleo', email: 'cleo@example.com', subject: 'Where is my order?', message: 'Order 7, please.' };
  const trap = await answer(await publicCall('POST', '/public/support/requests', { body: { ...ok, website: 'http://spam.example' } }));
  assert.equal(trap.status, 202);
  assert.deepEqual(trap.body, { status: 'received' });
  for (const [field, value] of [['subject', 'x'.repeat(201)], ['message', 'x'.repeat(10001)], ['email', 'not-an-address'], ['queue_id', 'que_missing']]) {
    const res = await answer(await publicCall('POST', '/public/support/requests', { body: { ...ok, [field]: value } }));
    assert.equal(res.status, 422, field);
    assert.equal(res.body.errors[0].field, field);
  }
  assert.equal(await count(), before, 'bad input or the honeypot created a ticket');
  const sent = await answer(await publicCall('POST', '/public/support/requests', { form: ok }));
  assert.equal(sent.status, 202);
  assert.match(sent.text, /We have your request/);
  assert.equal(await count(), before + 1);
  const confirmation = await waitFor(() => smtp.messages().find((m) => m.rcptTos.includes('cleo@example.com')));
  assert.match(confirmation.raw, /Subject: \[#\d+\] Where is my order\?/);
  assert.match(confirmation.raw, /Auto-Submitted: auto-replied/);
});

test('a flood from one address and from one mailbox stops with 429 and creates nothing more', async () => {
  // A server of its own: the form's per-address bucket is full again.
  await server.stopClean({ keepDataDir: true });
  server = await startServer({ dataDir: dir, token: server.token });
  const count = async () => expectStatus(await server.api('POST', '/tickets/search', { body: { filter: { field: 'channel', op: 'eq', value: 'web_form' } } }), 200).data.length;
  const before = await count();
  const send = (email) => publicCall('POST', '/public/support/requests', { body: { email, subject: 'Hi', message: 'Hello' } }).then(answer);
  for (let i = 0; i < 3; i++) assert.equal((await send('dan@example.com')).status, 202);
  const sameMailbox = await send('DAN@example.com');
  assert.equal(sameMailbox.status, 429);
  assert.ok(Number(sameMailbox.headers['retry-after']) > 0);
  for (let i = 0; i < 6; i++) assert.equal((await send(`flood${i}@example.com`)).status, 202);
  for (let i = 0; i < 5; i++) assert.equal((await send(`more${i}@example.com`)).status, 429);
  assert.equal(await count(), before + 9);
});
