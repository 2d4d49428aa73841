// Mail in (docs/design/mail_in.md) against a real dovecot: a mail delivered to the IMAP mailbox
// becomes a ticket on the right customer in the mailbox's queue, a reply with In-Reply-To lands
// on the same ticket, a restart reads nothing again; `rapport mail receive` on stdin; and ticket
// attachments over HTTP (limit, download headers, who may read them).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliOk, createToken, makeDataDir, rapportBin, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startImapServer } from './lib/mail_servers.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
let imap;
let adminToken;
const tokens = {};

const LIMIT = 100_000;  // attachment_max_bytes for this suite

function writeConfig() {
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    `attachment_max_bytes = ${LIMIT}`,
    '[[mail.imap]]', 'name = "support"', 'host = "127.0.0.1"', `port = ${imap.port}`, 'tls = false',
    'user = "support"', 'password = "secret"', 'address = "support@desk.test"', 'poll_seconds = 1',
    'idle = true', '',
  ].join('\n'));
}

before(async () => {
  dir = makeDataDir();
  imap = await startImapServer('support', 'secret');
  for (const [name, role] of [['sue', 'support'], ['vic', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  tokens.customersOnly = cliOk(['token', 'create', '--data-dir', dir, '--name', 'only-customers', '--user',
    'sue@staff.example', '--scope', 'customers:read']);
  adminToken = createToken(dir, 'admin');
  writeConfig();
  server = await startServer({ dataDir: dir, token: adminToken });
});
after(async () => {
  if (server) await server.stopClean();
  if (imap) await imap.stop();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const mail = (headers, body = 'Hello') =>
  [...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
const ticketsOf = async (subject) =>
  expectStatus(await server.api('GET', `/tickets?q=${encodeURIComponent(subject)}`), 200).data;

let queue;
let first;

test('a mail delivered to the IMAP mailbox becomes a ticket on its sender, in the mailbox queue', async () => {
  queue = expectStatus(await server.api('POST', '/queues', { body: { name: 'Support', email: 'support@desk.test' } }), 201);
  imap.deliver(mail(['From: Ada Lovelace <ada@example.com>', 'To: support@desk.test', 'Subject: Broken zipper',
    'Message-ID: <zip-1@example.com>'], 'The zipper broke on day one.'));
  const [ticket] = await waitFor(async () => { const t = await ticketsOf('zipper'); return t.length ? t : null; },
    { timeoutMs: 15_000, message: 'the mail never became a ticket' });
  first = ticket;
  assert.equal(ticket.channel, 'email');
  assert.equal(ticket.queue_id, queue.id);
  assert.equal(ticket.requester, 'ada@example.com');
  const customer = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}`), 200);
  assert.equal(customer.first_name, 'Ada');
  assert.equal(customer.emails[0].address, 'ada@example.com');
  const messages = expectStatus(await server.api('GET', `/tickets/${ticket.id}/messages`), 200).data;
  assert.equal(messages[0].body_text, 'The zipper broke on day one.');
  assert.equal(messages[0].author_type, 'customer');
});

test('a reply with In-Reply-To lands on the same ticket; an auto-reply opens nothing', async () => {
  imap.deliver(mail(['From: Ada Lovelace <ada@example.com>', 'To: support@desk.test', 'Subject: Re: something',
    'Message-ID: <zip-2@example.com>', 'In-Reply-To: <zip-1@example.com>'], 'Any news?'));
  imap.deliver(mail(['From: robot@example.com', 'To: support@desk.test', 'Subject: Out of office zipper',
    'Auto-Submitted: auto-replied', 'Message-ID: <ooo@example.com>']));
  await waitFor(async () => (await server.api('GET', `/tickets/${first.id}/messages`)).body.data.length === 2,
    { timeoutMs: 15_000, message: 'the reply did not thread' });
  await waitFor(() => server.logs().includes('automatic message from mailbox support dropped'),
    { timeoutMs: 15_000 });
  assert.equal((await ticketsOf('zipper')).length, 1);
  assert.ok(!server.logs().includes('ada@example.com'), 'no address in the log');
});

test('after a restart nothing is read again, and new mail still arrives', async () => {
  await server.stopClean({ keepDataDir: true });
  server = await startServer({ dataDir: dir, token: adminToken });
  imap.deliver(mail(['From: grace@example.com', 'To: support@desk.test', 'Subject: Second zipper',
    'Message-ID: <grace-1@example.com>']));
  await waitFor(async () => (await ticketsOf('Second')).length === 1, { timeoutMs: 15_000 });
  assert.equal((await server.api('GET', `/tickets/${first.id}/messages`)).body.data.length, 2);
  assert.ok(!server.logs().includes('duplicate'), `a message was read again:\n${server.logs()}`);
  assert.equal((await ticketsOf('zipper')).length, 2);
});

test('attachments: upload, name in a reply, download as a file only, limits and access', async () => {
  const up = (who, body, name, ticket = first.id) => server.api('POST', `/tickets/${ticket}/attachments?name=${encodeURIComponent(name)}`,
    { body, headers: { 'content-type': 'application/octet-stream' }, token: who ? tokens[who] : undefined });
  const html = expectStatus(await up('sue', '<html><script>alert(1)</script></html>', '../../x.html'), 201);
  assert.match(html.id, /^tat_/);
  assert.equal(html.name, 'x.html');
  assert.equal(html.type, 'text/html');
  const reply = expectStatus(await as('sue', 'POST', `/tickets/${first.id}/messages`,
    { body: { kind: 'note', body_text: 'See the file', attachment_ids: [html.id] } }), 201);
  assert.equal(reply.message.attachments[0].id, html.id);
  expectProblem(await as('sue', 'POST', `/tickets/${first.id}/messages`,
    { body: { kind: 'note', body_text: 'Again', attachment_ids: [html.id] } }), 422, { field: 'attachment_ids[0]' });
  const listed = expectStatus(await server.api('GET', `/tickets/${first.id}/messages`), 200).data;
  assert.equal(listed.at(-1).attachments[0].name, 'x.html');

  const download = await as('vic', 'GET', `/attachments/${html.id}`);
  expectStatus(download, 200);
  assert.equal(download.headers['content-type'], 'application/octet-stream');  // never as HTML
  assert.equal(download.headers['x-content-type-options'], 'nosniff');
  assert.match(download.headers['content-disposition'], /^attachment; filename="x.html"; filename\*=UTF-8''x.html$/);
  assert.match(download.headers['content-security-policy'], /sandbox/);
  assert.equal(download.text, '<html><script>alert(1)</script></html>');

  expectProblem(await server.api('GET', `/attachments/${html.id}`, { token: tokens.customersOnly }), 404);
  expectProblem(await up('vic', 'x', 'a.txt'), 403);
  expectProblem(await up('sue', Buffer.alloc(LIMIT + 1, 1), 'big.bin'), 413);
  expectProblem(await up('sue', '', 'empty.txt'), 422, { field: 'body' });
  expectProblem(await server.api('GET', '/attachments/tat_missing'), 404);
});

test('a mail attachment over the limit is dropped with a note; the mail is kept', async () => {
  const big = Buffer.alloc(LIMIT + 10, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
  imap.deliver(['From: ada@example.com', 'To: support@desk.test', 'Subject: Photos zipper',
    'Message-ID: <photos@example.com>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '',
    '--b', 'Content-Type: text/plain', '', 'Pictures attached', '--b', 'Content-Type: image/jpeg',
    'Content-Disposition: attachment; filename="photo.jpg"', 'Content-Transfer-Encoding: base64', '', big,
    '--b--', ''].join('\r\n'));
  const [ticket] = await waitFor(async () => { const t = await ticketsOf('Photos'); return t.length ? t : null; },
    { timeoutMs: 15_000 });
  const messages = expectStatus(await server.api('GET', `/tickets/${ticket.id}/messages`), 200).data;
  assert.equal(messages[0].attachments[0].dropped, 'too_large');
  assert.equal(messages[0].attachments[0].name, 'photo.jpg');
  assert.equal(messages[1].kind, 'note');
  assert.match(messages[1].body_text, /photo\.jpg/);
  expectProblem(await server.api('GET', `/attachments/${messages[0].attachments[0].id}`), 404);
});

test('rapport mail receive: one message from stdin, a line and an exit code for the MTA', () => {
  const cliDir = makeDataDir();
  try {
    const receive = (input) => spawnSync(rapportBin(), ['mail', 'receive', '--data-dir', cliDir],
      { input, encoding: 'utf8', timeout: 30_000 });
    const raw = mail(['From: Bob <bob@example.com>', 'To: help@desk.test', 'Subject: Piped',
      'Message-ID: <pipe-1@example.com>']);
    const opened = receive(raw);
    assert.equal(opened.status, 0, opened.stderr);
    assert.match(opened.stdout, /^opened #1001 tkt_\w+\n$/);
    const again = receive(raw);
    assert.equal(again.status, 0);
    assert.equal(again.stdout, 'duplicate\n');
    const reply = receive(mail(['From: bob@example.com', 'Subject: Re: [#1001] Piped', 'Message-ID: <pipe-2@example.com>']));
    assert.match(reply.stdout, /^threaded #1001 /);
    const bounce = receive(mail(['From: MAILER-DAEMON@mx.example', 'Subject: failure', 'Message-ID: <b@mx>']));
    assert.equal(bounce.status, 0);
    assert.equal(bounce.stdout, 'automatic: bounce\n');
    const garbage = receive('\u0001\u0002 not a mail at all');
    assert.equal(garbage.status, 65);
    assert.match(garbage.stdout, /^rejected/);
    // The data directory is held by a running server: try again later (EX_TEMPFAIL).
    const busy = spawnSync(rapportBin(), ['mail', 'receive', '--data-dir', dir], { input: raw, encoding: 'utf8' });
    assert.equal(busy.status, 75);
    const unknown = spawnSync(rapportBin(), ['mail', 'receive', '--data-dir', dir, '--mailbox', 'nope'], { input: raw, encoding: 'utf8' });
    assert.equal(unknown.status, 78);
  } finally {
    removeDir(cliDir);
  }
});

test('an angry mail is read as negative on the timeline: one bad experience, however often it is delivered', async () => {
  const raw = mail(['From: Kit <kit@example.com>', 'To: support@desk.test', 'Subject: Broken kettle',
    'Message-ID: <kettle-1@example.com>'],
  'The kettle arrived broken and your courier was rude. This is unacceptable, I am furious!');
  imap.deliver(raw);
  const [ticket] = await waitFor(async () => { const t = await ticketsOf('kettle'); return t.length ? t : null; },
    { timeoutMs: 15_000, message: 'the mail never became a ticket' });
  // The same mail again (a client's resend, a second copy in the mailbox): a duplicate, nothing new.
  imap.deliver(raw);
  await waitFor(() => server.logs().includes('mail: duplicate message from mailbox support dropped'),
    { timeoutMs: 15_000, message: 'the second copy was not dropped' });
  const timeline = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}/timeline?kind=ticket_opened`), 200);
  assert.equal(timeline.data.length, 1);
  assert.equal(timeline.data[0].direction, 'inbound');
  assert.equal(timeline.data[0].sentiment, 'negative');
  const health = await waitFor(async () => {
    const h = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}/health`), 200);
    return h.bad_experiences.length > 0 ? h : null;
  }, { timeoutMs: 15_000, message: 'no bad experience for the angry mail' });
  assert.deepEqual(health.bad_experiences.map((e) => e.cause), ['negative_contact']);
  assert.match(health.bad_experiences[0].summary, /^a negative email contact on /);

  // A calm reply from the same customer threads on the ticket and adds no bad experience.
  imap.deliver(mail(['From: kit@example.com', 'To: support@desk.test', 'Subject: Re: Broken kettle',
    'Message-ID: <kettle-2@example.com>', 'In-Reply-To: <kettle-1@example.com>'], 'Any news about the replacement?'));
  await waitFor(async () => (await server.api('GET', `/tickets/${ticket.id}/messages`)).body.data.length === 2,
    { timeoutMs: 15_000, message: 'the reply did not thread' });
  const replies = await waitFor(async () => {
    const t = expectStatus(await server.api('GET', `/customers/${ticket.customer_id}/timeline?kind=ticket_replied`), 200);
    return t.data.length ? t.data : null;
  }, { timeoutMs: 15_000 });
  assert.equal(replies[0].sentiment, 'unknown');
  assert.equal(expectStatus(await server.api('GET', `/customers/${ticket.customer_id}/health`), 200).bad_experiences.length, 1);
});
