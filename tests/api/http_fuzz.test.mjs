// A bounded black-box fuzz of the HTTP request parser (Beast lives only in src/http/server.cpp):
// raw bytes over loopback, so every shape of a malformed or smuggled request can be sent. For
// each connection the responses are counted, which is how request smuggling shows itself: bytes
// that belonged to the first request's body must never come back as a second response.
//
// Item 16 of the hardening issue: `Transfer-Encoding: gzip` without chunked, folded header lines
// (obs-fold) and HTTP/1.1 requests without Host must be 400. Beyond those: the server never
// answers 500, never crashes (/healthz after every batch), and never writes a raw CR, LF or NUL
// from a request into its log.
//
//   RAPPORT_FUZZ_ITERATIONS  mutated requests (default 300)
//   RAPPORT_FUZZ_SECONDS     wall-clock cap for the mutated requests (default 10)
//   RAPPORT_FUZZ_SEED        base seed (default fixed; "random" prints the one it drew)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, rng } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });

const ITERATIONS = Number(process.env.RAPPORT_FUZZ_ITERATIONS || 300);
const SECONDS = Number(process.env.RAPPORT_FUZZ_SECONDS || 10);
const SEED = process.env.RAPPORT_FUZZ_SEED === 'random'
  ? Math.floor(Math.random() * 2 ** 31)
  : Number(process.env.RAPPORT_FUZZ_SEED || 20261205);
const MARK = 'FUZZINJ';   // text injected after encoded line breaks; it must never start a log line

/** `bytes` with control characters and non-ASCII visible, for failure messages. */
function escape(bytes) {
  return Buffer.from(bytes, 'latin1').toString('latin1')
    .replace(/[\x00-\x1f\x7f-\xff]/g, (c) => ({ '\r': '\\r', '\n': '\\n', '\t': '\\t' }[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
    .slice(0, 2000);
}

/**
 * Sends `bytes` on a fresh connection, half-closes it, and collects everything until the server
 * closes (or `timeoutMs`). Returns {responses: [{status, headers}], raw, timedOut}.
 */
function exchange(bytes, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    let timedOut = false;
    const sock = net.connect({ host: '127.0.0.1', port: server.port });
    const timer = setTimeout(() => { timedOut = true; sock.destroy(); }, timeoutMs);
    sock.on('connect', () => {
      sock.write(Buffer.from(bytes, 'latin1'), () => sock.end());
    });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => { /* a reset after the server answered: keep what it sent */ });
    sock.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      resolve({ responses: parseResponses(raw), raw: raw.toString('latin1'), timedOut });
    });
  });
}

/** Splits the bytes of a connection into responses by their framing. */
function parseResponses(raw) {
  const responses = [];
  let off = 0;
  while (off < raw.length) {
    const end = raw.indexOf('\r\n\r\n', off);
    if (end < 0) break;
    const lines = raw.subarray(off, end).toString('latin1').split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = {};
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    off = end + 4;
    if (headers['transfer-encoding']?.includes('chunked')) {
      for (;;) {
        const eol = raw.indexOf('\r\n', off);
        if (eol < 0) { off = raw.length; break; }
        const size = parseInt(raw.subarray(off, eol).toString('latin1'), 16);
        off = eol + 2 + size + 2;
        if (!size) break;
      }
    } else {
      off += Number(headers['content-length'] ?? 0);
    }
    responses.push({ status, headers, body: raw.subarray(end + 4, off).toString('utf8') });
  }
  return responses;
}

// Before the server starts (when tests are registered) only the case names are read.
const host = () => `Host: 127.0.0.1:${server?.port}\r\n`;
const auth = () => `Authorization: Bearer ${server?.token}\r\n`;
const search = '{"limit":1}';
// A complete second request, to be smuggled inside the first one's body.
const smuggled = () => `GET /api/v1/customers?smuggled=1 HTTP/1.1\r\n${host()}${auth()}\r\n`;

async function healthy(what) {
  const res = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) })
    .catch((e) => assert.fail(`${what}: /healthz did not answer: ${e.cause?.code ?? e.message}`));
  assert.equal(res.status, 200, `${what}: /healthz answered ${res.status}`);
  await res.arrayBuffer();
}

function describe(result) {
  return `${result.responses.length} response(s): ${result.responses.map((r) => r.status).join(', ')}` +
    `${result.timedOut ? ' (timed out)' : ''}\nreceived: ${escape(result.raw.slice(0, 600))}`;
}

// ---------------------------------------------------------------------------------------------
// Item 16: each of these is one malformed request; the answer is exactly one 400, and the
// bytes after its headers are never read as a request of their own.

const mustBe400 = () => [
  ['Transfer-Encoding: gzip without chunked',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Transfer-Encoding: gzip\r\n\r\n${smuggled()}`],
  ['Transfer-Encoding: chunked, gzip (chunked not last)',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Transfer-Encoding: chunked, gzip\r\n\r\n${smuggled()}`],
  ['Transfer-Encoding: identity',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Transfer-Encoding: identity\r\n\r\n${smuggled()}`],
  ['a folded header line (obs-fold, space)',
    `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}X-Folded: first\r\n  second\r\n\r\n`],
  ['a folded header line (obs-fold, tab)',
    `GET /api/v1/customers HTTP/1.1\r\n${host()}X-Folded: first\r\n\tsecond\r\n${auth()}\r\n`],
  ['a folded Content-Length',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Content-Length:\r\n ${search.length}\r\n\r\n${search}`],
  ['HTTP/1.1 without Host', `GET /api/v1/customers HTTP/1.1\r\n${auth()}\r\n`],
  ['HTTP/1.1 without Host, with a body',
    `POST /api/v1/customers/search HTTP/1.1\r\n${auth()}Content-Type: application/json\r\n` +
    `Content-Length: ${search.length}\r\n\r\n${search}`],
  ['two Host headers', `GET /api/v1/customers HTTP/1.1\r\n${host()}${host()}${auth()}\r\n`],
];

mustBe400().forEach(([what], i) => {
  test(`400: ${what}`, async () => {
    const bytes = mustBe400()[i][1];
    const result = await exchange(bytes);
    assert.ok(result.responses.length >= 1, `${what}: no response\n${describe(result)}`);
    assert.equal(result.responses[0].status, 400, `${what}\n${describe(result)}`);
    assert.equal(result.responses.length, 1, `${what}: the rest of the bytes were answered as a request\n${describe(result)}`);
    await healthy(what);
  });
});

// ---------------------------------------------------------------------------------------------
// Smuggling shapes where RFC 9112 allows either a 400 or a careful reading: never a 500, and
// never a response to the bytes hidden in the first request's body.

const smugglingShapes = () => [
  ['Content-Length and Transfer-Encoding: chunked (CL.TE)',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled()}`],
  ['Transfer-Encoding: chunked twice (two headers)',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n` +
    `${search.length.toString(16)}\r\n${search}\r\n0\r\n\r\n${smuggled()}`],
  ['Transfer-Encoding: chunked, chunked',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Transfer-Encoding: chunked, chunked\r\n\r\n${search.length.toString(16)}\r\n${search}\r\n0\r\n\r\n${smuggled()}`],
  ['two different Content-Lengths',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Content-Length: 0\r\nContent-Length: ${search.length + smuggled().length}\r\n\r\n${search}${smuggled()}`],
  ['Content-Length: 1, 2', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Length: 1, 2\r\n\r\nab`],
  ['Content-Length: -1', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Length: -1\r\n\r\n`],
  ['Content-Length: +11', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Length: +11\r\n\r\n${search}`],
  ['Content-Length with a space before the colon',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Length : ${search.length}\r\n\r\n${search}`],
  ['Transfer-Encoding with a space before the colon',
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n${smuggled()}`],
  ['Transfer-Encoding: xchunked', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n${smuggled()}`],
  ['an invalid chunk size (zz)', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding: chunked\r\n\r\nzz\r\n${search}\r\n0\r\n\r\n`],
  ['a negative chunk size', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding: chunked\r\n\r\n-1\r\n${search}\r\n0\r\n\r\n`],
  ['a chunk size past 64 bits', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding: chunked\r\n\r\n1ffffffffffffffff\r\n${search}\r\n0\r\n\r\n`],
  ['a chunk longer than its size', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding: chunked\r\n\r\n2\r\n${search}\r\n0\r\n\r\n${smuggled()}`],
  ['a chunk without its CRLF', `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Transfer-Encoding: chunked\r\n\r\n${search.length.toString(16)}\r\n${search}0\r\n\r\n`],
  ['bare LF line ends', `GET /api/v1/customers HTTP/1.1\n${host().trim()}\n${auth().trim()}\n\n`],
  ['a bare LF inside a header value', `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}X-A: one\ntwo: three\r\n\r\n`],
  ['a bare CR inside a header value', `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}X-A: one\rtwo\r\n\r\n`],
  ['a NUL in a header value', `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}X-A: a\x00b\r\n\r\n`],
  ['a NUL in the target', `GET /api/v1/customers\x00x HTTP/1.1\r\n${host()}${auth()}\r\n`],
  ['a space in the target', `GET /api/v1/customers x HTTP/1.1\r\n${host()}${auth()}\r\n`],
  ['HTTP/1.2', `GET /api/v1/customers HTTP/1.2\r\n${host()}${auth()}\r\n`],
  ['HTTP/2.0 text', `GET /api/v1/customers HTTP/2.0\r\n${host()}${auth()}\r\n`],
  ['an absolute-form target', `GET http://evil.example/api/v1/customers HTTP/1.1\r\n${host()}${auth()}\r\n`],
  ['a lower-case method', `get /api/v1/customers HTTP/1.1\r\n${host()}${auth()}\r\n`],
  ['an empty header name', `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}: x\r\n\r\n`],
  ['5000 headers', `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}${'X-A: b\r\n'.repeat(5000)}\r\n`],
  ['1000 small headers', `GET /api/v1/customers HTTP/1.1\r\n${host()}${auth()}${'X: 1\r\n'.repeat(1000)}\r\n`],
];

test('smuggling shapes: one answer per request, never a 500, never an answer to hidden bytes', async () => {
  const problems = [];
  for (const [what, bytes] of smugglingShapes()) {
    const result = await exchange(bytes);
    if (result.responses.some((r) => r.status >= 500)) problems.push(`${what}: a 5xx\n${describe(result)}`);
    if (result.timedOut) problems.push(`${what}: the connection was never closed\n${describe(result)}`);
    // Each shape is one request (however it is read); a second response answered hidden bytes.
    if (result.responses.length > 1) {
      problems.push(`${what}: bytes inside the first request were answered as a request\n${describe(result)}`);
    }
  }
  assert.deepEqual(problems, [], problems.join('\n\n'));
  await healthy('after the smuggling shapes');
});

test('pipelined requests are answered in order, one response each', async () => {
  const one = `GET /healthz HTTP/1.1\r\n${host()}\r\n`;
  const post = `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Content-Length: ${search.length}\r\n\r\n${search}`;
  const chunked = `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\n` +
    `Transfer-Encoding: chunked\r\n\r\n3\r\n${search.slice(0, 3)}\r\n${(search.length - 3).toString(16)}\r\n${search.slice(3)}\r\n0\r\n\r\n`;
  const result = await exchange(one + post + chunked + one);
  assert.deepEqual(result.responses.map((r) => r.status), [200, 200, 200, 200], describe(result));
});

test('encoded CR, LF and NUL in the path never reach the log raw', async () => {
  const logStart = server.logs().length;
  const paths = [
    `/api/v1/customers/a%0d%0a${MARK}%20forged%20200`,
    `/api/v1/customers/a%0a${MARK}`,
    `/api/v1/customers/a%0d${MARK}`,
    `/api/v1/customers/a%00${MARK}`,
    `/api/v1/nope%0d%0a${MARK}`,
    `/nope%0a${MARK}.js`,
    `/api/v1/customers/%E2%80%A8${MARK}`,  // U+2028, a line break to some log viewers
  ];
  for (const p of paths) {
    const result = await exchange(`GET ${p} HTTP/1.1\r\n${host()}${auth()}Connection: close\r\n\r\n`);
    assert.equal(result.responses.length, 1, `${p}\n${describe(result)}`);
    assert.ok(result.responses[0].status < 500, `${p}\n${describe(result)}`);
  }
  await healthy('after the encoded paths');
  checkLog(logStart);
});

// Every line the server wrote for a request starts with its timestamp; an injected line break
// would start a line with the marker, and no raw CR or NUL may appear at all.
function checkLog(from) {
  const log = server.logs().slice(from);
  assert.ok(!log.includes('\0'), 'a NUL reached the log');
  assert.ok(!log.includes('\r'), `a CR reached the log: ${escape(log.slice(Math.max(0, log.indexOf('\r') - 100), log.indexOf('\r') + 100))}`);
  for (const line of log.split('\n')) {
    if (line.includes(MARK)) {
      assert.match(line, /^\d{4}-\d{2}-\d{2}T/, `a line break from the request split a log line: ${escape(line)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations of valid requests: a bounded number, within a wall-clock budget.

const TOKENS = ['\r\n', '\n', '\r', '\0', ' ', '\t', ':', ',', '\r\n ', 'Transfer-Encoding: chunked\r\n',
  'Transfer-Encoding: gzip\r\n', 'Content-Length: 0\r\n', 'Content-Length: 99999999999999999999\r\n',
  'Host: other\r\n', 'HTTP/1.0', 'HTTP/1.1', '%0d%0a', '%00', '0\r\n\r\n', 'ffffffff\r\n', '\xff', '\u0100'];

function templates() {
  return [
    `GET /api/v1/customers?limit=2 HTTP/1.1\r\n${host()}${auth()}\r\n`,
    `GET /healthz HTTP/1.1\r\n${host()}\r\n`,
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\nContent-Length: ${search.length}\r\n\r\n${search}`,
    `POST /api/v1/customers/search HTTP/1.1\r\n${host()}${auth()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${search.length.toString(16)}\r\n${search}\r\n0\r\n\r\n`,
    `GET /api/v1/customers HTTP/1.0\r\n${auth()}\r\n`,
  ];
}

function mutate(r, text) {
  let out = text;
  for (let e = 0, n = 1 + r.int(4); e < n; e++) {
    const at = r.int(out.length + 1);
    switch (r.int(5)) {
      case 0: out = out.slice(0, at) + out.slice(at + 1 + r.int(6)); break;
      case 1: out = out.slice(0, at) + String.fromCharCode(r.int(256)) + out.slice(at); break;
      case 2: { const from = r.int(out.length); out = out.slice(0, at) + out.slice(from, from + 1 + r.int(40)) + out.slice(at); break; }
      default: out = out.slice(0, at) + r.pick(TOKENS) + out.slice(at);
    }
  }
  return out;
}

test('mutated requests: never a 500, never a hang, the server stays up', async () => {
  const logStart = server.logs().length;
  const deadline = Date.now() + SECONDS * 1000;
  const tpl = templates();
  let i = 0;
  for (; i < ITERATIONS && Date.now() < deadline; i++) {
    const seed = SEED + i;
    const r = rng(seed);
    // Up to three requests on one connection: mutations spill from one into the next.
    let bytes = '';
    for (let k = 0, n = 1 + r.int(3); k < n; k++) bytes += r.pick(tpl);
    bytes = mutate(r, bytes);
    const result = await exchange(bytes);
    const where = `reproduce with RAPPORT_FUZZ_SEED=${seed} RAPPORT_FUZZ_ITERATIONS=1\nsent: ${escape(bytes)}\n${describe(result)}`;
    for (const res of result.responses) assert.ok(res.status < 500, `a ${res.status}\n${where}`);
    assert.ok(!result.timedOut, `the connection was never closed\n${where}`);
    if (i % 50 === 49) await healthy(`after case ${seed}`);
  }
  process.stderr.write(`[fuzz] ${i} requests from seed ${SEED}\n`);
  await healthy('after the mutated requests');
  checkLog(logStart);
});
