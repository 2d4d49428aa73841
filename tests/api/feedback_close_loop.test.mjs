// Closing the loop tells the customer (docs/design/tasks.md § Closing the loop), over the real
// binary and a real SMTP server (aiosmtpd): a follow-up closed with notify_customer mails the
// outcome in the customer's language — transactional, so without marketing consent and even when
// the contact budget is spent — and puts it on the timeline; a close that cannot tell anyone is
// refused naming the field and changes nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createToken, freePort, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

let dir;
let server;
let smtp;

before(async () => {
  dir = makeDataDir();
  const token = createToken(dir, 'admin');
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${port}`, 'security = "none"',
    'from_domain = "shop.example"', 'from = "hello@shop.example"',
    '[mail.outbox]', 'max_attempts = 50', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  smtp = await startSmtpServer({ port });
  server = await startServer({ dataDir: dir, token });
});
after(async () => {
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

const mailsTo = (address) => smtp.messages().filter((m) => m.rcptTos.includes(address));
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
async function task(customerId) {
  return expectStatus(await server.api('POST', '/tasks', { body: { title: 'Call back about the parcel', due_at: inAnHour(),
    ...(customerId ? { customer_id: customerId } : {}) } }), 201);
}
const close = (t, body) => server.api('PATCH', `/tasks/${t.id}`, { body: { status: 'done', ...body }, headers: { 'if-match': `"v${t.version}"` } });

test('a close with notify_customer mails the outcome in their language and puts it on the timeline', async () => {
  const greta = expectStatus(await server.api('POST', '/customers', { body: {
    first_name: 'Greta', language: 'de', emails: [{ address: 'greta@cust.example' }] } }), 201);
  // The budget is spent (a survey was just mailed) and there is no marketing consent: a
  // transactional answer goes out all the same.
  const nps = expectStatus(await server.api('POST', '/surveys', { body: { name: 'NPS', kind: 'nps' } }), 201);
  expectStatus(await server.api('POST', `/surveys/${nps.id}/invitations`, { body: { customer_id: greta.id } }), 201);
  const followUp = await task(greta.id);
  const done = expectStatus(await close(followUp, { outcome: 'Angerufen, Versandkosten erstattet', notify_customer: true }), 200);
  assert.equal(done.status, 'done');
  const mail = await waitFor(() => mailsTo('greta@cust.example')[0], { message: 'the outcome was not mailed' });
  assert.match(mail.raw, /Hallo Greta,/);
  assert.match(mail.raw, /Angerufen, Versandkosten erstattet/);
  const timeline = expectStatus(await server.api('GET', `/customers/${greta.id}/timeline`), 200).data;
  const sent = timeline.find((e) => e.kind === 'task_outcome_sent');
  assert.ok(sent, 'the outcome sent is on the timeline');
  assert.equal(sent.direction, 'outbound');
  // Closed without the flag: nobody is told.
  const quiet = await task(greta.id);
  expectStatus(await close(quiet, { outcome: 'noted' }), 200);
  await new Promise((resolve) => setTimeout(resolve, 800));
  assert.equal(mailsTo('greta@cust.example').length, 1);
});

test('a close that cannot tell anyone is refused naming notify_customer, and nothing changes', async () => {
  const mailless = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Hugo' } }), 201);
  const theirs = await task(mailless.id);
  expectProblem(await close(theirs, { outcome: 'refunded', notify_customer: true }), 422, { field: 'notify_customer' });
  expectProblem(await close(theirs, { notify_customer: true }), 422, { field: 'notify_customer' });
  expectProblem(await close(await task(), { outcome: 'ok', notify_customer: true }), 422, { field: 'notify_customer' });
  expectProblem(await close(theirs, { outcome: 'ok', notify_customer: 'yes' }), 422, { field: 'notify_customer' });
  const still = expectStatus(await server.api('GET', `/tasks/${theirs.id}`), 200);
  assert.equal(still.status, 'open');
  assert.equal(still.version, theirs.version);
});
