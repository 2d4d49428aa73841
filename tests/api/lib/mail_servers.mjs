// Real mail servers for the API suites, the node twin of tests/testing/mail_servers.hpp (see
// docs/design/mail_transport.md): aiosmtpd through tests/testing/smtp_server.py, and dovecot
// with a throwaway configuration, each on 127.0.0.1 and a free port, killed when the test
// process exits. Only node built-ins, /usr/bin/python3, /usr/sbin/dovecot and curl are used.
//
//   const smtp = await startSmtpServer();          // smtp.port, await smtp.waitForMessages(1)
//   const imap = await startImapServer('support', 'secret');
//   imap.deliver('From: a@example.org\r\n...');    // IMAP APPEND into INBOX
//   await smtp.stop(); await imap.stop();

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './server.mjs';

const START_TIMEOUT_MS = 15_000;
const SMTP_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '../../testing/smtp_server.py');

const running = new Set();
process.on('exit', () => {
  for (const proc of running) { try { proc.kill('SIGKILL'); } catch { /* gone */ } }
});

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function launch(argv, logFile, port, what) {
  const log = fs.openSync(logFile, 'a');
  const proc = spawn(argv[0], argv.slice(1), { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(proc);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error(`${what} did not start on port ${port}:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await sleep(20);
  }
  return async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await Promise.race([exited, sleep(3000).then(() => proc.kill('SIGKILL'))]);
    }
    running.delete(proc);
  };
}

/**
 * aiosmtpd; options as SmtpTestServer::Options: {starttls, user, password}, and `port` to come back
 * on the port of a server stopped before (a relay that was down and is up again).
 */
export async function startSmtpServer({ starttls = false, user, password, port: fixedPort } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-smtp-'));
  const port = fixedPort ?? await freePort();
  const argv = ['/usr/bin/python3', SMTP_SCRIPT, '--port', String(port), '--dir', dir];
  let caFile;
  if (starttls) {
    caFile = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt',
      'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', caFile]);
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
    argv.push('--cert', caFile, '--key', key);
  }
  if (user) argv.push('--user', user, '--password', password);
  const stop = await launch(argv, path.join(dir, 'server.log'), port, 'aiosmtpd');
  const messages = () => fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => {
    const envelope = fs.readFileSync(path.join(dir, f.replace(/\.eml$/, '.env')), 'utf8');
    const lines = envelope.split('\n').filter(Boolean).map((l) => l.split(' '));
    return {
      raw: fs.readFileSync(path.join(dir, f), 'latin1'),  // bytes as received, one char a byte
      mailFrom: lines.find(([k]) => k === 'from')?.[1] ?? '',
      rcptTos: lines.filter(([k]) => k === 'to').map(([, v]) => v),
    };
  });
  return {
    port, caFile, messages,
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages().length < count && Date.now() < deadline) await sleep(20);
      return messages();
    },
    async stop() { await stop(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

/** dovecot with one user; as root the login and mail processes run as dovenull and dovecot. */
export async function startImapServer(user, password) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-imap-'));
  const port = await freePort();
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  const root = process.getuid() === 0;
  const self = os.userInfo().username;
  let uid = process.getuid(); let gid = process.getgid();
  if (root) {
    uid = Number(spawnSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).stdout.trim());
    gid = Number(spawnSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).stdout.trim());
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'mail'), 0o1777);
  }
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), [
    `base_dir = ${dir}/run`, `state_dir = ${dir}/state`, `log_path = ${dir}/dovecot.log`,
    'protocols = imap', 'listen = 127.0.0.1', 'ssl = no', 'disable_plaintext_auth = no',
    `default_internal_user = ${root ? 'dovecot' : self}`,
    `default_internal_group = ${root ? 'dovecot' : self}`,
    `default_login_user = ${root ? 'dovenull' : self}`, 'first_valid_uid = 0', 'first_valid_gid = 0',
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/passwd\n}`,
    `userdb {\n  driver = static\n  args = uid=${uid} gid=${gid} home=${dir}/mail/%u\n}`,
    `mail_location = maildir:${dir}/mail/%u`,
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n` +
      `    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}', 'service stats {\n  chroot =\n}', '',
  ].join('\n'));
  const stop = await launch(['/usr/sbin/dovecot', '-F', '-c', path.join(dir, 'dovecot.conf')],
    path.join(dir, 'dovecot.log'), port, 'dovecot');
  return {
    port, user, password, logFile: path.join(dir, 'dovecot.log'),
    /** Appends a raw message to `folder` (IMAP APPEND with curl), as a mail server delivers. */
    deliver(raw, folder = 'INBOX') {
      const file = path.join(dir, 'deliver.eml');  // APPEND needs the size up front: not stdin
      fs.writeFileSync(file, raw);
      const r = spawnSync('curl', ['-sS', '--max-time', '10', '--user', `${user}:${password}`,
        '-T', file, `imap://127.0.0.1:${port}/${encodeURIComponent(folder)}`]);
      if (r.status !== 0) throw new Error(`IMAP APPEND failed: ${r.stderr}`);
    },
    async stop() { await stop(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}
