// End-to-end: the whole mail chain of the service desk, with a real dovecot (IMAP) and aiosmtpd
// (SMTP) beside the real server and Debian's Chromium (issue 13, "Real components in tests"). A
// customer's mail delivered to the IMAP mailbox becomes a ticket on that customer in the
// mailbox's queue; an agent opens it from the inbox and replies in the browser; the reply reaches
// SMTP from the queue's address, threaded under the customer's mail, as text and HTML; the
// customer's answer, delivered back to IMAP, lands on the same ticket and shows live; the agent
// solves the ticket, the rating mail's signed link records one rating (shown live on the ticket
// page) and refuses a second.
// Screens are checked with axe and photographed into e2e/artifacts/mail-chain-*.png.
// Steps run in order and share state: each test is one step of the chain.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from '../../tests/api/lib/server.mjs';
import { startImapServer, startSmtpServer } from '../../tests/api/lib/mail_servers.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
const QUEUE_ADDRESS = 'help@desk.test';
const CUSTOMER = 'grace@example.com';
const PUBLIC_URL = 'https://desk.example';
const MAIL_WAIT_MS = 20_000;  // IMAP polls every second (IDLE sooner); the outbox sends at once
const STEP = { timeout: 90_000 };  // a hung step fails alone, with the servers' output

let dir;
let server;
let imap;
let smtp;
let browser;
let page;
const csp = [];
const refused = [];  // the app's API calls answered 4xx/5xx once the agent is signed in
const chain = {};  // what the steps learn and hand on: customer, queue, ticket, reply, rating

before(async () => {
  dir = makeDataDir('rapport-e2e-mail-');
  [imap, smtp] = await Promise.all([startImapServer('help', 'secret'), startSmtpServer()]);
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    `public_url = "${PUBLIC_URL}"`,
    '[[mail.imap]]', 'name = "help"', 'host = "127.0.0.1"', `port = ${imap.port}`, 'tls = false',
    'user = "help"', 'password = "secret"', `address = "${QUEUE_ADDRESS}"`, 'queue = "Help"',
    'poll_seconds = 1', 'idle = true',
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${smtp.port}`, 'security = "none"', 'from_domain = "desk.test"',
    '[mail.outbox]', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sue@staff.example', '--name', 'Sue Support', '--role', 'support',
    '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  await imap?.stop();
  await smtp?.stop();
  removeDir(dir);
});

async function api(method, p, body) {
  const res = await server.api(method, p, { body });
  assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${res.text}`);
  return res.body;
}

const ticketsOf = async (customerId) => (await api('GET', `/customers/${customerId}/tickets?limit=50`)).data;
const messagesOf = async (ticketId) => (await api('GET', `/tickets/${ticketId}/messages`)).data;
const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `mail-chain-${name}.png`), fullPage: true });

/** A plain mail as a customer's mail program writes it. */
const plainMail = (headers, body) =>
  [...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body, '']
    .join('\r\n');

// ---------------------------------------------------------------------------------------------
// Reading what the SMTP sink received: enough RFC 5322/2045 for the assertions, no library.

/** Splits raw bytes into unfolded headers (lower-case names, first occurrence) and the body. */
function parseEntity(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(split).replace(/^\r?\n\r?\n/, '') };
}

/** The parts of a multipart entity, each parsed. */
function partsOf(entity) {
  const boundary = /boundary="?([^";]+)"?/i.exec(entity.headers['content-type'] ?? '')?.[1];
  assert.ok(boundary, `not multipart: ${entity.headers['content-type']}`);
  const chunks = entity.body.split(`--${boundary}`);
  return chunks.slice(1, -1).map((chunk) => parseEntity(chunk.replace(/^\r?\n/, '')));
}

/** A leaf part's text, its transfer encoding undone (UTF-8). */
function decoded(part) {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const bytes = encoding === 'quoted-printable'
    ? part.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    : part.body;
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The text/plain and text/html parts under a message's multipart/alternative. */
function alternatives(raw) {
  const message = parseEntity(raw);
  assert.equal(message.headers['mime-version'], '1.0');
  let entity = message;
  while (!/^multipart\/alternative/i.test(entity.headers['content-type'] ?? '')) {
    assert.match(entity.headers['content-type'] ?? '', /^multipart\//i, 'no multipart/alternative in the mail');
    entity = partsOf(entity)[0];
  }
  const parts = partsOf(entity);
  const text = parts.find((p) => /^text\/plain/i.test(p.headers['content-type']));
  const html = parts.find((p) => /^text\/html/i.test(p.headers['content-type']));
  assert.ok(text && html, `alternatives: ${parts.map((p) => p.headers['content-type']).join(', ')}`);
  return { headers: message.headers, text: decoded(text), html: decoded(html) };
}

const waitForMail = (predicate, what) => waitFor(() => smtp.messages().find((m) => predicate(m.raw)),
  { timeoutMs: MAIL_WAIT_MS, intervalMs: 50, message: `${what} never reached the SMTP server` });

// ---------------------------------------------------------------------------------------------

test('1. a mail to the IMAP mailbox becomes a ticket on the customer, in the mailbox\'s queue', STEP, async () => {
  chain.queue = await api('POST', '/queues', { name: 'Help', email: QUEUE_ADDRESS });
  chain.customer = await api('POST', '/customers', { first_name: 'Grace', last_name: 'Hopper', emails: [{ address: CUSTOMER }] });
  chain.customerMessageId = '<order-w77.1@mail.example.com>';
  imap.deliver(plainMail([`From: Grace Hopper <${CUSTOMER}>`, `To: Help desk <${QUEUE_ADDRESS}>`,
    'Subject: My parcel never arrived', `Message-ID: ${chain.customerMessageId}`, 'Date: Sun, 6 Dec 2026 09:00:00 +0000'],
  'Hello, order W-77 has not arrived. Can you help?'));
  const [ticket] = await waitFor(async () => { const t = await ticketsOf(chain.customer.id); return t.length ? t : null; },
    { timeoutMs: MAIL_WAIT_MS, message: 'the mail never became a ticket' });
  chain.ticket = ticket;
  assert.equal(ticket.customer_id, chain.customer.id, 'the ticket is on the existing customer');
  assert.equal(ticket.queue_id, chain.queue.id);
  assert.equal(ticket.channel, 'email');
  assert.equal(ticket.subject, 'My parcel never arrived');
  assert.equal(ticket.requester, CUSTOMER);
  const [first] = await messagesOf(ticket.id);
  assert.equal(first.author_type, 'customer');
  assert.equal(`<${first.message_id}>`, chain.customerMessageId);
  assert.match(first.body_text, /order W-77 has not arrived/);
  assert.equal((await api('GET', `/customers?limit=50`)).data.length, 1, 'no second customer was made');
});

test('2. an agent opens the ticket from the inbox and replies in the browser', STEP, async () => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  page = await context.newPage();
  page.on('console', (message) => { if (/Content Security Policy|Refused to/i.test(message.text())) csp.push(message.text()); });
  let signedIn = false;
  page.on('response', (res) => {
    if (signedIn && res.url().includes('/api/') && res.status() >= 400) refused.push(`${res.request().method()} ${res.url()} ${res.status()}`);
  });
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill('sue@staff.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor(); // the app opens on Home
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  signedIn = true;

  await page.getByRole('link', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support' }).waitFor();
  await page.getByRole('button', { name: /^Unassigned/ }).click();
  const row = page.getByRole('row').filter({ hasText: 'My parcel never arrived' });
  await row.getByText(CUSTOMER).waitFor();
  await row.getByRole('link', { name: /My parcel never arrived/ }).click();
  await page.getByRole('heading', { name: `#${chain.ticket.number} My parcel never arrived` }).waitFor();
  await page.locator('.message-customer').filter({ hasText: 'order W-77 has not arrived' }).waitFor();
  await page.locator('.customer-panel').getByRole('link', { name: 'Grace Hopper' }).waitFor();

  chain.replyText = 'Sorry about that, Grace. The courier has your parcel; it arrives on Tuesday.';
  await page.getByLabel('Reply', { exact: true }).fill(chain.replyText);
  await page.getByRole('button', { name: 'Send reply' }).click();
  const reply = page.locator('.message-staff').filter({ hasText: 'arrives on Tuesday' });
  await reply.waitFor();
  // The delivery state follows the outbox live: queued first, sent once SMTP took it.
  await reply.locator('.delivery-sent').waitFor({ timeout: MAIL_WAIT_MS });
  await shot('replied');
});

test('3. the reply reaches SMTP from the queue, threaded under the customer\'s mail, as text and HTML', STEP, async () => {
  const mail = await waitForMail((raw) => raw.includes('My parcel never arrived'), 'the reply');
  assert.deepEqual(mail.rcptTos, [CUSTOMER]);
  const { headers, text, html } = alternatives(mail.raw);
  assert.match(headers.from, new RegExp(`<${QUEUE_ADDRESS}>|^${QUEUE_ADDRESS}$`));
  assert.match(headers.to, new RegExp(CUSTOMER));
  assert.equal(headers.subject, `Re: [#${chain.ticket.number}] My parcel never arrived`);
  assert.equal(headers['in-reply-to'], chain.customerMessageId);
  assert.ok(headers.references.split(/\s+/).includes(chain.customerMessageId), headers.references);
  assert.match(headers['message-id'], /^<[^@\s>]+@desk\.test>$/);
  assert.match(text, /The courier has your parcel; it arrives on Tuesday\./);
  assert.match(html, /The courier has your parcel; it arrives on Tuesday\./);
  assert.match(html, /<(p|div|body)\b/i, 'the HTML part is HTML');
  chain.replyMessageId = headers['message-id'];
  const sent = (await messagesOf(chain.ticket.id)).find((m) => m.body_text === chain.replyText);
  assert.equal(sent.delivery, 'sent');
  assert.equal(`<${sent.message_id}>`, chain.replyMessageId);
});

test('4. the customer\'s answer lands on the same ticket and shows live in the agent\'s browser', STEP, async () => {
  imap.deliver(plainMail([`From: Grace Hopper <${CUSTOMER}>`, `To: ${QUEUE_ADDRESS}`,
    `Subject: Re: [#${chain.ticket.number}] My parcel never arrived`, 'Message-ID: <order-w77.2@mail.example.com>',
    `In-Reply-To: ${chain.replyMessageId}`, `References: ${chain.customerMessageId} ${chain.replyMessageId}`],
  'Thank you! Tuesday is fine, I will be at home.\r\n\r\n> Sorry about that, Grace.'));
  const messages = await waitFor(async () => { const m = await messagesOf(chain.ticket.id); return m.length === 3 ? m : null; },
    { timeoutMs: MAIL_WAIT_MS, message: 'the answer never reached the ticket' });
  assert.equal(messages[2].author_type, 'customer');
  assert.match(messages[2].body_text, /Tuesday is fine/);
  assert.deepEqual((await ticketsOf(chain.customer.id)).map((t) => t.id), [chain.ticket.id], 'no new ticket');
  // Live: the page was not reloaded since the reply; the answer arrives over the push channel.
  const answer = page.locator('.message-customer').filter({ hasText: 'Tuesday is fine' });
  await answer.waitFor();
  await answer.locator('.badge-new').waitFor();
  await shot('answer');
});

test('5. solved in the browser, the rating mail\'s signed link records one rating', STEP, async () => {
  await page.getByRole('region', { name: 'Properties' }).getByLabel('Status').selectOption('solved');
  await page.locator('.page-header .status-solved').waitFor();
  assert.equal((await api('GET', `/tickets/${chain.ticket.id}`)).status, 'solved');

  const mail = await waitForMail((raw) => raw.includes('How did we do?'), 'the rating request');
  assert.deepEqual(mail.rcptTos, [CUSTOMER]);
  const { headers, text } = alternatives(mail.raw);
  assert.match(headers.from, new RegExp(QUEUE_ADDRESS));
  const link = text.match(new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}(/public/ratings/[A-Za-z0-9_.-]+)\\?score=good`));
  assert.ok(link, `no rating link in the mail:\n${text}`);
  const ratingPath = link[1];

  // As the customer: the page from the mail's link, then its form (the page has no JavaScript).
  const customer = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US' });
  customer.setDefaultTimeout(15_000);
  const ratingPage = await customer.newPage();
  await ratingPage.goto(`${ratingPath}?score=good`);
  await ratingPage.getByText('My parcel never arrived').waitFor();
  assert.equal(await ratingPage.getByLabel('Good, I am satisfied').isChecked(), true);
  await checkAccessibility(ratingPage, 'rating page');
  await ratingPage.screenshot({ path: path.join(ARTIFACTS, 'mail-chain-rating-page.png'), fullPage: true });
  await ratingPage.getByLabel('Anything to add? (optional)').fill('Quick and kind.');
  await ratingPage.getByRole('button', { name: 'Send' }).click();
  await ratingPage.getByText(/Thank you/).waitFor();
  // The agent's page shows the rating live (the ticket.rated event reloads the ticket).
  await page.locator('.ticket-rating').filter({ hasText: 'The customer rated this ticket good: “Quick and kind.”' }).waitFor();
  // ... and so does the customer panel beside it: the rating is the newest entry of the timeline.
  await page.locator('.customer-panel .panel-timeline').getByText(/Ticket rated/).first().waitFor();
  await ratingPage.screenshot({ path: path.join(ARTIFACTS, 'mail-chain-rated.png'), fullPage: true });
  await customer.close();

  const replay = await fetch(server.baseUrl + ratingPath, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ score: 'bad' }),
  });
  assert.equal(replay.status, 409, 'a replayed link must be refused');
  assert.match((await replay.json()).detail, /already been rated/);

  const { rating } = await api('GET', `/tickets/${chain.ticket.id}`);
  assert.equal(rating.score, 'good');
  assert.equal(rating.comment, 'Quick and kind.');
  const timeline = (await api('GET', `/customers/${chain.customer.id}/timeline?limit=50`)).data;
  const rated = timeline.filter((e) => e.kind === 'ticket_rated');
  assert.equal(rated.length, 1);
  const found = await api('POST', '/customers/search', { filter: { field: 'last_rating', op: 'eq', value: 'good' } });
  assert.deepEqual(found.data.map((c) => c.id), [chain.customer.id]);
  chain.rated = true;
});

test('6. the ticket page shows the whole chain and passes axe; no CSP violation, no refused API call', STEP, async () => {
  assert.ok(chain.rated, 'the earlier steps did not complete');
  await page.reload();
  await page.getByRole('heading', { name: `#${chain.ticket.number} My parcel never arrived` }).waitFor();
  const conversation = page.getByRole('list', { name: 'Conversation' });
  await conversation.getByText('order W-77 has not arrived').waitFor();
  await conversation.getByText('arrives on Tuesday').waitFor();
  await conversation.getByText('Tuesday is fine').waitFor();
  await page.locator('.ticket-rating').getByText('good', { exact: true }).waitFor();
  await page.locator('.customer-panel .panel-timeline').getByText(/Ticket rated/).first().waitFor();
  await checkAccessibility(page, 'ticket page after the chain');
  await shot('ticket');
  assert.deepEqual(csp, []);
  assert.deepEqual(refused, [], 'the app made requests the server refused');
  await page.context().close();
});
