// The mail servers the service-desk suites use (tests/api/lib/mail_servers.mjs) start, take
// mail and stop: SMTP with and without STARTTLS+AUTH, IMAP delivery and fetch, with curl.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { startImapServer, startSmtpServer } from './lib/mail_servers.mjs';

const message = 'From: ann@example.org\r\nSubject: hello\r\n\r\n.dot line\r\nBody\r\n';
const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

function curl(args, input) {
  const r = spawnSync('curl', ['-sS', '--max-time', '10', ...args], { input, encoding: 'latin1' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('SMTP: the exact bytes and the envelope arrive', async () => {
  const smtp = await startSmtpServer();
  servers.push(smtp);
  curl([`smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'a@example.com', '--mail-rcpt',
    'b@example.org', '-T', '-'], message);
  const [received] = await smtp.waitForMessages(1);
  assert.equal(received.raw, message);
  assert.equal(received.mailFrom, 'a@example.com');
  assert.deepEqual(received.rcptTos, ['b@example.org']);
});

test('SMTP: STARTTLS and AUTH when asked', async () => {
  const smtp = await startSmtpServer({ starttls: true, user: 'rapport', password: 'pw' });
  servers.push(smtp);
  curl([`smtp://127.0.0.1:${smtp.port}`, '--ssl-reqd', '--cacert', smtp.caFile, '--user',
    'rapport:pw', '--mail-from', 'a@example.com', '--mail-rcpt', 'b@example.org', '-T', '-'],
  message);
  assert.equal((await smtp.waitForMessages(1)).length, 1);
});

test('IMAP: a delivered message can be fetched by UID', async () => {
  const imap = await startImapServer('support', 'secret');
  servers.push(imap);
  imap.deliver(message);
  const fetched = curl(['--user', 'support:secret', `imap://127.0.0.1:${imap.port}/INBOX;UID=1`]);
  assert.equal(fetched, message);
});
