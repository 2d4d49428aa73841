// HTTPS: `rapport serve --tls-cert --tls-key` serves TLS with HSTS, and session cookies get the
// Secure flag. The certificate is a throw-away self-signed one made with openssl for 127.0.0.1.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { rapportBin, makeDataDir, removeDir, createToken, freePort } from './lib/server.mjs';

let dir;
let proc;
let port;
let cert;
let token;
let stderr = '';

function request(method, p, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port, path: p, method, ca: cert, timeout: 10_000,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (res) => {
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

before(async () => {
  dir = makeDataDir();
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  cert = fs.readFileSync(path.join(dir, 'cert.pem'));
  const user = spawnSync(rapportBin(), ['user', 'add', '--data-dir', dir, '--email', 'tls@example.com',
    '--name', 'Tls', '--role', 'viewer', '--password-stdin'], { encoding: 'utf8', input: 'secure channel only\n' });
  assert.equal(user.status, 0, user.stderr);
  token = createToken(dir, 'tls');
  port = await freePort();
  proc = spawn(rapportBin(), ['serve', '--data-dir', dir, '--listen', `127.0.0.1:${port}`,
    '--tls-cert', path.join(dir, 'cert.pem'), '--tls-key', path.join(dir, 'key.pem')]);
  proc.stderr.on('data', (chunk) => { stderr += chunk; });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await request('GET', '/readyz')).status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`TLS server did not become ready:\n${stderr}`);
});

after(async () => {
  if (proc && proc.exitCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 0, `server exit ${code}\n${stderr}`);
  }
  removeDir(dir);
});

test('serves HTTPS with HSTS, and the API works over it', async () => {
  const health = await request('GET', '/healthz');
  assert.equal(health.status, 200);
  assert.match(health.headers['strict-transport-security'], /max-age=\d+/);
  const list = await request('GET', '/api/v1/customers?limit=1', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(list.status, 200, list.text);
});

test('session cookies are Secure over TLS', async () => {
  const res = await request('POST', '/api/v1/auth/login', { body: { email: 'tls@example.com', password: 'secure channel only' } });
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers['set-cookie'][0], /; Secure/);
});

test('plain HTTP on the TLS port gets no answer, and a bad key file stops start-up', async () => {
  const plain = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 'refused');
  assert.equal(plain, 'refused');
  const scratch = makeDataDir();
  const bad = spawnSync(rapportBin(), ['serve', '--data-dir', scratch, '--listen', '127.0.0.1:0',
    '--tls-cert', path.join(dir, 'cert.pem'), '--tls-key', path.join(dir, 'cert.pem')], { encoding: 'utf8', timeout: 20_000 });
  removeDir(scratch);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /tls-key|private key|cannot load/i);
});
