// Staff accounts from the CLI: rapport user add|list|disable|reset-password, as an operator
// types them, and what the audit trail shows of them over HTTP.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rapportBin, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus } from './lib/expect.mjs';

const dir = makeDataDir();
after(() => removeDir(dir));

function rapport(args, input) {
  const r = spawnSync(rapportBin(), [...args, '--data-dir', dir], { encoding: 'utf8', input, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

test('add with a password from stdin, or a generated one printed once', async () => {
  const typed = rapport(['user', 'add', '--email', 'Ada@Example.com', '--name', 'Ada Lovelace', '--role', 'admin', '--password-stdin'],
    'analytical engine\n');
  assert.equal(typed.status, 0, typed.stderr);
  assert.equal(typed.stdout.trim(), '', 'a typed password is never echoed');
  const generated = rapport(['user', 'add', '--email', 'bo@example.com', '--name', 'Bo', '--role', 'sales', '--role', 'support']);
  assert.equal(generated.status, 0, generated.stderr);
  const lines = generated.stdout.trim().split('\n');
  assert.match(lines[lines.length - 1], /^[A-Za-z0-9]{20}$/);
});

test('weak passwords, unknown roles and taken emails are refused with the reason', async () => {
  const weak = rapport(['user', 'add', '--email', 'cy@example.com', '--name', 'Cy', '--role', 'viewer', '--password-stdin'], 'Password2024!\n');
  assert.equal(weak.status, 1);
  assert.match(weak.stderr, /common passwords/);
  const short = rapport(['user', 'add', '--email', 'cy@example.com', '--name', 'Cy', '--role', 'viewer', '--password-stdin'], 'tooshort\n');
  assert.match(short.stderr, /at least 12 characters/);
  const role = rapport(['user', 'add', '--email', 'cy@example.com', '--name', 'Cy', '--role', 'wizard']);
  assert.equal(role.status, 1);
  assert.match(role.stderr, /unknown role wizard/);
  const taken = rapport(['user', 'add', '--email', 'ADA@example.com', '--name', 'Other', '--role', 'viewer']);
  assert.equal(taken.status, 1);
  assert.match(taken.stderr, /already exists/);
});

test('tokens belong to a user: --user names the owner, without it the first admin', async () => {
  const owned = rapport(['token', 'create', '--name', 'bo-script', '--user', 'bo@example.com']);
  assert.equal(owned.status, 0, owned.stderr);
  boToken = owned.stdout.trim().split('\n').pop();
  const unknown = rapport(['token', 'create', '--name', 'x', '--user', 'nobody@example.com']);
  assert.equal(unknown.status, 1);
  const fresh = makeDataDir();
  try {
    const r = spawnSync(rapportBin(), ['token', 'create', '--data-dir', fresh, '--name', 'first'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Created administrator admin@rapport\.example/);
    const again = spawnSync(rapportBin(), ['token', 'create', '--data-dir', fresh, '--name', 'second'], { encoding: 'utf8' });
    assert.doesNotMatch(again.stderr, /Created administrator/, 'the existing admin is reused');
  } finally {
    removeDir(fresh);
  }
});

let boToken;

test('list, disable and reset-password; list works beside a running server, writes do not', async () => {
  const before = await startServer({ dataDir: dir });
  try {
    const me = expectStatus(await before.api('GET', '/auth/me', { token: boToken }), 200);
    assert.match(me.actor, /^token:tok_/);
  } finally {
    await before.stopClean();
  }
  const tokens = rapport(['token', 'list']);
  assert.match(tokens.stdout, /\d{4}-\d{2}-\d{2}T[0-9:.]+Z\s+active\s+bo-script/, 'last use is recorded');
  assert.equal(rapport(['user', 'disable', '--user', 'bo@example.com']).status, 0);
  const reset = rapport(['user', 'reset-password', '--user', 'ada@example.com', '--password-stdin'], 'a brand new passphrase\n');
  assert.equal(reset.status, 0, reset.stderr);

  const server = await startServer({ dataDir: dir });
  try {
    const list = rapport(['user', 'list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /active\s+admin\s+Ada@Example\.com/);
    assert.match(list.stdout, /disabled\s+sales,support\s+bo@example\.com/);
    assert.doesNotMatch(list.stdout, /argon2/);
    // A disabled owner's tokens stop working too.
    assert.equal((await server.api('GET', '/auth/me', { token: boToken })).status, 401);
    const refused = rapport(['user', 'add', '--email', 'dee@example.com', '--name', 'Dee', '--role', 'viewer']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /in use/);

    const trail = expectStatus(await server.api('GET', '/audit?object=user&limit=200'), 200).data;
    assert.deepEqual(trail.map((e) => e.action), ['update', 'update', 'create', 'create']);
    assert.ok(trail.every((e) => e.via === 'cli' && e.actor === 'cli:user'));
    const serialized = JSON.stringify(trail);
    assert.doesNotMatch(serialized, /argon2|analytical engine|brand new passphrase/);
  } finally {
    await server.stopClean();
  }
});
