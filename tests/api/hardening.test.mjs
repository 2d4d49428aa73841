// The server as an attacker and an operator see it: an idle server costs nothing, uploads are
// judged from their headers before a byte of the body is stored, parsing refuses the shapes that
// let two parsers disagree, logs cannot be forged, search is bounded, JSON bodies must be labelled
// as JSON, /metrics answers in the Prometheus format, and the data directory is owner-only.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, cliOk, cpuSeconds, createToken, makeDataDir, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem, fmt } from './lib/expect.mjs';

let server;
let viewerToken;
const api = (...a) => server.api(...a);

before(async () => {
  const dataDir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dataDir, '--email', 'vic@staff.example', '--name', 'vic',
    '--role', 'viewer', '--password-stdin'], 'a long enough passphrase for vic\n');
  viewerToken = cliOk(['token', 'create', '--data-dir', dataDir, '--name', 'vic', '--user', 'vic@staff.example']);
  server = await startServer({ dataDir, token: createToken(dataDir, 'admin') });
});
after(async () => { if (server) await server.stopClean(); });

/**
 * Sends raw bytes on a fresh connection and collects everything the server answers until it
 * closes (or `waitMs` passes). Returns {text, responses: number of status lines, closed}.
 */
function rawExchange(bytes, { waitMs = 5000, endAfterWrite = false } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    let closed = false;
    const sock = net.connect({ host: '127.0.0.1', port: server.port }, () => {
      sock.write(bytes);
      if (endAfterWrite) sock.end();
    });
    const finish = () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ text, responses: (text.match(/HTTP\/1\.1 \d{3} /g) ?? []).length, closed });
    };
    const timer = setTimeout(() => { sock.destroy(); finish(); }, waitMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {});
    sock.on('close', () => { closed = true; clearTimeout(timer); finish(); });
  });
}

const statusOf = (text) => Number(text.slice(9, 12));

describe('an idle server', () => {
  test('uses (almost) no CPU over 10 idle seconds', async () => {
    // Some writes first: each commit used to wake the event dispatcher, whose own commit woke it
    // again, forever.
    for (let i = 0; i < 5; i++) {
      expectStatus(await api('POST', '/customers', { body: { first_name: `Idle${i}` } }), 201);
    }
    await sleep(1500);  // let the dispatcher deliver those events
    const pid = server.proc.pid;
    const start = cpuSeconds(pid);
    await sleep(10_000);
    const used = cpuSeconds(pid) - start;
    assert.ok(used < 0.2, `an idle server used ${used.toFixed(2)} s of CPU in 10 s`);
  });
});

describe('uploads are judged from their headers', () => {
  const transfers = () => path.join(server.dataDir, 'transfers');
  const spooled = () => fs.existsSync(transfers())
    ? fs.readdirSync(transfers()).filter((f) => f.endsWith('.part') || f.endsWith('.upload')) : [];

  for (const [what, auth, query, status] of [
    ['without credentials', '', 'object=customers', 401],
    ['with a wrong token', 'Authorization: Bearer rpt_wrong\r\n', 'object=customers', 401],
    ['for an unknown object', null, 'object=spaceships', 422],
    ['by a role that may not import', 'viewer', 'object=customers', 403],
  ]) {
    test(`an upload ${what} is refused before its body is read`, async () => {
      const authLine = auth === 'viewer' ? `Authorization: Bearer ${viewerToken}\r\n`
        : auth ?? `Authorization: Bearer ${server.token}\r\n`;
      const declared = 200 * 1024 * 1024;
      const head = `POST /api/v1/imports?${query} HTTP/1.1\r\nHost: x\r\n${authLine}` +
        `Content-Type: text/csv\r\nContent-Length: ${declared}\r\n\r\n`;
      const started = Date.now();
      // Only the header and 1 MiB are sent: the answer must not wait for the other 199 MiB.
      const res = await rawExchange(Buffer.concat([Buffer.from(head), Buffer.alloc(1024 * 1024, 'a')]),
        { waitMs: 8000 });
      assert.equal(statusOf(res.text), status, res.text.slice(0, 300));
      assert.ok(res.closed, 'the connection is closed after the refusal');
      assert.ok(Date.now() - started < 7000, 'answered without waiting for the body');
      assert.deepEqual(spooled(), [], 'nothing of the refused body reached the transfers directory');
    });
  }

  test('an admitted upload still works, with Expect: 100-continue answered', async () => {
    const csv = 'first_name,email\nUp,up1@upload.example\n';
    const head = `POST /api/v1/imports?object=customers HTTP/1.1\r\nHost: x\r\n` +
      `Authorization: Bearer ${server.token}\r\nContent-Type: text/csv\r\n` +
      `Content-Length: ${csv.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`;
    const res = await new Promise((resolve) => {
      const chunks = [];
      let sentBody = false;
      const sock = net.connect({ host: '127.0.0.1', port: server.port }, () => sock.write(head));
      sock.on('data', (c) => {
        chunks.push(c);
        if (!sentBody && Buffer.concat(chunks).toString().startsWith('HTTP/1.1 100')) {
          sentBody = true;
          sock.write(csv);
        }
      });
      sock.on('close', () => resolve(Buffer.concat(chunks).toString()));
      setTimeout(() => sock.destroy(), 10_000);
    });
    assert.match(res, /^HTTP\/1\.1 100 Continue\r\n/);
    assert.match(res, /HTTP\/1\.1 202 /);
  });
});

describe('HTTP framing the server refuses (RFC 9112)', () => {
  const auth = () => `Authorization: Bearer ${server.token}\r\n`;
  test('Transfer-Encoding other than chunked is 400, and its body is not read as a request', async () => {
    const smuggled = 'GET /api/v1/customers HTTP/1.1\r\nHost: x\r\n\r\n';
    const res = await rawExchange(
      `POST /api/v1/customers HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\n` +
      `Transfer-Encoding: gzip\r\n\r\n${smuggled}`);
    assert.equal(statusOf(res.text), 400, res.text.slice(0, 300));
    assert.equal(res.responses, 1, 'one answer only: the body was not parsed as a second request');
  });
  test('chunked, chunked and gzip, chunked are refused too', async () => {
    for (const te of ['chunked, chunked', 'gzip, chunked', 'chunked\r\nTransfer-Encoding: chunked']) {
      const res = await rawExchange(`POST /api/v1/customers HTTP/1.1\r\nHost: x\r\n${auth()}` +
        `Transfer-Encoding: ${te}\r\n\r\n0\r\n\r\n`);
      assert.equal(statusOf(res.text), 400, `${te}: ${res.text.slice(0, 200)}`);
    }
  });
  test('folded header lines are 400', async () => {
    const res = await rawExchange(`GET /api/v1/customers HTTP/1.1\r\nHost: x\r\n${auth()}` +
      `X-Folded: first\r\n  second\r\n\r\n`);
    assert.equal(statusOf(res.text), 400, res.text.slice(0, 300));
    assert.match(res.text, /obs-fold/);
  });
  test('HTTP/1.1 without Host, or with two, is 400; HTTP/1.0 without Host is fine', async () => {
    let res = await rawExchange(`GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(res.text), 400, res.text.slice(0, 300));
    res = await rawExchange(`GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(res.text), 400, res.text.slice(0, 300));
    res = await rawExchange(`GET /healthz HTTP/1.0\r\n\r\n`);
    assert.equal(statusOf(res.text), 200, res.text.slice(0, 300));
  });
  test('bare LF line ends are 400, not a hang', async () => {
    const res = await rawExchange(`GET /healthz HTTP/1.1\nHost: x\n\n`, { waitMs: 5000 });
    assert.equal(statusOf(res.text), 400, res.text.slice(0, 300));
  });
  test('a well-formed pipelined pair still gets two answers', async () => {
    const one = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const res = await rawExchange(one + one.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    assert.equal(res.responses, 2, res.text);
  });
});

describe('logs', () => {
  test('percent-encoded CR, LF and NUL in a path never reach the log raw', async () => {
    const marker = `forged${Date.now()}`;
    await fetch(`${server.baseUrl}/api/v1/x%0d%0a2026-01-01T00:00:00.000Z%20info%20GET%20/${marker}%00end`);
    await fetch(`${server.baseUrl}/nope%0a${marker}-2`);
    await waitFor(() => server.logs().includes(`${marker}-2`), { message: 'request logged' });
    for (const line of server.logs().split('\n')) {
      if (!line.includes(marker)) continue;
      assert.ok(!line.includes('\r') && !line.includes('\0'), `raw control byte in: ${JSON.stringify(line)}`);
      assert.ok(/^\d{4}-\d{2}-\d{2}T/.test(line), `a request's text started a log line: ${JSON.stringify(line)}`);
    }
  });
});

describe('card numbers never reach the log', () => {
  test('in a path or an X-Request-Id header', async () => {
    const card = '4111111111111111';
    const res = await fetch(`${server.baseUrl}/api/v1/customers/${card}`, {
      headers: { authorization: `Bearer ${server.token}`, 'x-request-id': card },
    });
    assert.equal(res.status, 404);
    assert.notEqual(res.headers.get('x-request-id'), card, 'a card-like request id is replaced');
    await fetch(`${server.baseUrl}/api/v1/customers/4111-1111-1111-1111-end`);
    await waitFor(() => server.logs().includes('-end'), { message: 'request logged' });
    assert.ok(!server.logs().includes(card), 'the card number was logged');
    assert.ok(!server.logs().includes('4111-1111-1111-1111'), 'the card number was logged');
    assert.match(server.logs(), /\/api\/v1\/customers\/\[card\]/);
  });
});

describe('bounded search', () => {
  test('a q of a megabyte, or of too many words, is refused at once with the field named', async () => {
    const huge = 'a '.repeat(500_000);
    const started = Date.now();
    const res = await fetch(`${server.baseUrl}/api/v1/customers/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ q: huge.slice(0, 900_000) }),
    });
    const body = await res.json();
    assert.equal(res.status, 422, JSON.stringify(body).slice(0, 200));
    assert.equal(body.errors[0].field, 'q');
    assert.ok(Date.now() - started < 5000, 'refused quickly');
    expectProblem(await api('GET', `/customers?q=${encodeURIComponent('x'.repeat(201))}`), 422, { field: 'q' });
    expectProblem(await api('GET', `/customers?q=${encodeURIComponent('a b c d e f g h i j k l m')}`), 422, { field: 'q' });
    expectStatus(await api('GET', `/customers?q=${encodeURIComponent('a b c d e f g h i j k l')}`), 200);
    expectProblem(await api('GET', `/companies?q=${encodeURIComponent('y'.repeat(300))}`), 422, { field: 'q' });
    expectProblem(await api('GET', `/products?q=${encodeURIComponent('z'.repeat(300))}`), 422, { field: 'q' });
  });
  test('a filter value of a megabyte is refused, naming the condition', async () => {
    const res = await api('POST', '/customers/search', {
      body: { filter: { field: 'last_name', op: 'contains', value: 'q'.repeat(500_000) } },
    });
    expectProblem(res, 422, { field: 'filter.value' });
  });
});

describe('bodies must be labelled as JSON', () => {
  test('a JSON body with another Content-Type is 415 and changes nothing', async () => {
    const before = expectStatus(await api('GET', '/customers?q=Labelled'), 200).data.length;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/jsonish']) {
      const res = await api('POST', '/customers', { body: { first_name: 'Labelled' }, headers: { 'content-type': type } });
      expectProblem(res, 415);
      assert.match(res.body.detail, /application\/json/);
    }
    assert.equal(expectStatus(await api('GET', '/customers?q=Labelled'), 200).data.length, before);
    expectStatus(await api('POST', '/customers', { body: { first_name: 'Labelled' },
      headers: { 'content-type': 'application/json; charset=utf-8' } }), 201);
    expectStatus(await api('POST', '/customers', { body: { first_name: 'Labelled' },
      headers: { 'content-type': 'application/merge-patch+json' } }), 201);
  });
});

describe('/metrics', () => {
  test('Prometheus text with requests, latency, commits, outbox lag, jobs, connections, memory', async () => {
    expectStatus(await api('GET', '/customers?limit=1'), 200);
    expectStatus(await api('POST', '/customers', { body: { first_name: 'Metric' } }), 201);
    const res = await api('GET', '/metrics', { raw: true });
    expectStatus(res, 200);
    assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
    const text = res.text;
    for (const expected of [
      /^rapport_http_requests_total\{method="GET",route="\/api\/v1\/customers",code="2xx"\} [1-9]\d*$/m,
      /^rapport_http_request_duration_seconds_bucket\{method="POST",route="\/api\/v1\/customers",le="\+Inf"\} [1-9]\d*$/m,
      /^rapport_storage_commit_batch_size_count [1-9]\d*$/m,
      /^rapport_storage_commit_seconds_bucket\{le="0\.01"\} \d+$/m,
      /^rapport_outbox_lag_events\{subscriber="[a-z_.]+"\} \d+$/m,
      /^rapport_jobs_queued \d+$/m,
      /^rapport_http_open_connections [1-9]\d*$/m,
      /^process_resident_memory_bytes [1-9]\d*$/m,
    ]) {
      assert.match(text, expected);
    }
    assert.ok(!/\/api\/v1\/customers\/cus_/.test(text), 'route patterns, never concrete paths');
  });
  test('needs an administrator', async () => {
    expectProblem(await api('GET', '/metrics', { raw: true, token: null }), 401);
  });
});

describe('the data directory', () => {
  test('and the database files are owner-only', async () => {
    const mode = (p) => fs.statSync(p).mode & 0o777;
    assert.equal(mode(server.dataDir), 0o700, 'data directory');
    for (const f of ['rapport.db', 'rapport.db-wal', 'rapport.db-shm']) {
      const p = path.join(server.dataDir, f);
      if (fs.existsSync(p)) assert.equal(mode(p) & 0o077, 0, `${f} is ${mode(p).toString(8)}`);
    }
    assert.ok(fs.existsSync(path.join(server.dataDir, 'rapport.db-wal')), 'the WAL exists while serving');
  });
});
