// Task reminders by e-mail over the real binary and aiosmtpd (docs/design/tasks.md § Reminders):
// a task that asks for it mails its assignee at the reminder time, once, through the outgoing
// mail queue; a task done before its reminder mails nobody.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliOk, freePort, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectStatus } from './lib/expect.mjs';

let dir;
let server;
let smtp;

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sam@staff.example', '--name', 'Sam',
    '--role', 'manager', '--password-stdin'], 'a long enough passphrase\n');
  const token = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sam', '--user', 'sam@staff.example']);
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${port}`, 'security = "none"', 'from_domain = "shop.example"',
    '[mail.outbox]', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  smtp = await startSmtpServer({ port });
  server = await startServer({ dataDir: dir, token });
});
after(async () => {
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

const soon = (ms) => new Date(Date.now() + ms).toISOString();

test('a reminder asked for by e-mail reaches the assignee once; a task done first mails nobody', async () => {
  const customer = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Ann' } }), 201);
  const task = expectStatus(await server.api('POST', '/tasks', { body: {
    title: 'Call Ann back', due_at: soon(3_600_000), remind_at: soon(1500), remind_by_email: true,
    notes: 'About the broken grinder', customer_id: customer.id } }), 201);
  assert.equal(task.remind_by_email, true);
  const done = expectStatus(await server.api('POST', '/tasks', { body: {
    title: 'Already handled', due_at: soon(3_600_000), remind_at: soon(1500), remind_by_email: true } }), 201);
  expectStatus(await server.api('PATCH', `/tasks/${done.id}`, { body: { status: 'done' },
    headers: { 'if-match': `"v${done.version}"` } }), 200);

  const [mail] = await smtp.waitForMessages(1);
  assert.deepEqual(mail.rcptTos, ['sam@staff.example']);
  assert.match(mail.raw, /^Subject: Reminder: Call Ann back/m);
  assert.match(mail.raw, /About the broken grinder/);
  assert.match(mail.raw, new RegExp(`/customers/${customer.id}`));
  await sleep(1500);
  assert.equal(smtp.messages().length, 1, 'the done task mailed, or the reminder went twice');
});
