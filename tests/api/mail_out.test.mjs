// Outgoing mail over the real binary and a real SMTP server (aiosmtpd): an agent's reply arrives
// threaded and from the queue's address, a note never leaves, a relay that is down is retried
// until it is back (the message shows the states meanwhile), and a server killed after
// acknowledging a reply still sends it exactly once after the restart (docs/design/mail_out.md).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createToken, freePort, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectStatus } from './lib/expect.mjs';

let dir;
let token;
let smtpPort;

function writeConfig(port) {
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${port}`, 'security = "none"',
    'from_domain = "shop.example"', 'from = "help@shop.example"',
    '[mail.outbox]', 'max_attempts = 50', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
}

before(async () => {
  dir = makeDataDir();
  token = createToken(dir, 'admin');
  smtpPort = await freePort();
  writeConfig(smtpPort);
});
after(() => removeDir(dir));

/** One header's value from raw RFC 5322 bytes (unfolded). */
function header(raw, name) {
  const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'));
  return line?.slice(name.length + 1).trim();
}

let opened = 0;
const openTicket = (server, body = {}) => server.api('POST', '/tickets', { body: {
  subject: 'Broken zip', channel: 'email', requester: { email: 'ada@example.com', name: 'Ada' },
  message: { body_text: 'The zip broke.', message_id: opened++ === 0 ? 'first@mail.example' : `m${opened}@mail.example` },
  ...body,
} });
const messages = async (server, id) => expectStatus(await server.api('GET', `/tickets/${id}/messages`), 200).data;

test('a reply arrives threaded from the queue address with [#N]; a note never goes out', async () => {
  const smtp = await startSmtpServer({ port: smtpPort });
  const server = await startServer({ dataDir: dir, token });
  try {
    const queue = expectStatus(await server.api('POST', '/queues', { body: { name: 'Billing', email: 'billing@shop.example' } }), 201);
    const ticket = expectStatus(await openTicket(server, { queue_id: queue.id }), 201);
    expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, { body: { kind: 'note', body_text: 'VIP, be generous' } }), 201);
    const reply = expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, { body: { body_text: 'Hello Ada, a new zip is on its way.' } }), 201);
    assert.equal(reply.message.delivery, 'queued');
    const [mail] = await smtp.waitForMessages(1);
    assert.ok(mail, 'no mail arrived');
    assert.deepEqual(mail.rcptTos, ['ada@example.com']);
    assert.match(header(mail.raw, 'From'), /billing@shop\.example/);
    assert.match(header(mail.raw, 'To'), /ada@example\.com/);
    assert.equal(header(mail.raw, 'Subject'), `Re: [#${ticket.number}] Broken zip`);
    assert.equal(header(mail.raw, 'In-Reply-To'), '<first@mail.example>');
    assert.equal(header(mail.raw, 'References'), '<first@mail.example>');
    assert.ok(!mail.raw.includes('generous'), 'a note went out');
    const messageId = header(mail.raw, 'Message-ID');
    const sent = await waitFor(async () => {
      const m = (await messages(server, ticket.id)).find((x) => x.id === reply.message.id);
      return m.delivery === 'sent' && m;
    }, { message: 'the reply never showed as sent' });
    assert.equal(`<${sent.message_id}>`, messageId);
    await sleep(300);
    assert.equal(smtp.messages().length, 1, 'more than the reply went out');
    // A second reply threads under the first one.
    expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, { body: { body_text: 'Tracking: 123.' } }), 201);
    const [, second] = await smtp.waitForMessages(2);
    assert.equal(header(second.raw, 'In-Reply-To'), messageId);
    assert.equal(header(second.raw, 'References'), `<first@mail.example> ${messageId}`);
  } finally {
    await server.stopClean();
    await smtp.stop();
  }
});

test('a relay that is down is retried until it is back; the message shows each state', async () => {
  const server = await startServer({ dataDir: dir, token });
  let smtp;
  try {
    const ticket = expectStatus(await openTicket(server, { subject: 'Late parcel' }), 201);
    const reply = expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, { body: { body_text: 'Looking into it.' } }), 201);
    const waiting = await waitFor(async () => {
      const m = (await messages(server, ticket.id)).find((x) => x.id === reply.message.id);
      return m.delivery_error && m;
    }, { message: 'no failed attempt was recorded' });
    assert.equal(waiting.delivery, 'queued');
    assert.match(waiting.delivery_error, /^not delivered yet: /);
    smtp = await startSmtpServer({ port: smtpPort });
    const [mail] = await smtp.waitForMessages(1, 15_000);
    assert.ok(mail, 'the mail never arrived once the relay was back');
    assert.equal(header(mail.raw, 'Subject'), `Re: [#${ticket.number}] Late parcel`);
    await waitFor(async () => (await messages(server, ticket.id)).find((x) => x.id === reply.message.id).delivery === 'sent');
    const done = (await messages(server, ticket.id)).find((x) => x.id === reply.message.id);
    assert.equal(done.delivery_error, null);
  } finally {
    await server.stopClean();
    await smtp?.stop();
  }
});

test('killed after acknowledging a reply, the server sends it exactly once after the restart', async () => {
  let server = await startServer({ dataDir: dir, token });
  const ticket = expectStatus(await openTicket(server, { subject: 'Crash course' }), 201);
  const reply = expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, { body: { body_text: 'Sent before the crash.' } }), 201);
  await server.kill9();
  const smtp = await startSmtpServer({ port: smtpPort });
  server = await startServer({ dataDir: dir, token });
  try {
    const [mail] = await smtp.waitForMessages(1, 15_000);
    assert.ok(mail, 'the acknowledged reply was lost');
    assert.equal(header(mail.raw, 'Subject'), `Re: [#${ticket.number}] Crash course`);
    await waitFor(async () => (await messages(server, ticket.id)).find((x) => x.id === reply.message.id).delivery === 'sent');
    await sleep(1500);
    assert.equal(smtp.messages().filter((m) => m.raw.includes('Crash course')).length, 1);
  } finally {
    await server.stopClean();
    await smtp.stop();
  }
});
