// Authentication, HTTP protocol behaviour (unknown routes and methods, bad JSON, body and
// header limits), the OpenAPI document, and a bounded fuzz of malformed and wrong-typed bodies.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, pool, rng } from './lib/server.mjs';
import { expectStatus, expectProblem, listAll, fmt } from './lib/expect.mjs';

let server;
const api = (...a) => server.api(...a);

before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });

/**
 * A raw HTTP/1.1 exchange over a plain TCP socket, for what fetch cannot express (huge headers,
 * chunked uploads, answers sent before the upload is complete). Everything the server sends is
 * collected until it closes the connection, so an early 413 followed by a close is still seen
 * even though our upload fails with EPIPE/ECONNRESET. Rejects only when no response arrived.
 */
function rawRequest({ method = 'POST', path, headers = {}, body, chunked = false, chunkSize = 64 * 1024 }) {
  return new Promise((resolve, reject) => {
    const h = { host: `127.0.0.1:${server.port}`, authorization: `Bearer ${server.token}`, connection: 'close', ...headers };
    if (body) {
      h['content-type'] ??= 'application/json';
      if (chunked) h['transfer-encoding'] = 'chunked'; else h['content-length'] = String(body.length);
    }
    const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    const received = [];
    let socketError = null;
    let settled = false;
    const sock = net.connect({ host: '127.0.0.1', port: server.port });
    const timer = setTimeout(() => { socketError ??= new Error('raw request timed out after 30 s'); sock.destroy(); }, 30_000);
    sock.on('data', (c) => received.push(c));
    sock.on('error', (e) => { socketError ??= e; });
    sock.on('close', () => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      const raw = Buffer.concat(received);
      const split = raw.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(socketError ?? new Error(`connection closed without a response (${raw.length} bytes received)`));
        return;
      }
      const lines = raw.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const rh = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        rh[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      let payload = raw.subarray(split + 4);
      if (rh['transfer-encoding']?.includes('chunked')) {
        const parts = [];
        let off = 0;
        for (;;) {
          const eol = payload.indexOf('\r\n', off);
          if (eol < 0) break;
          const size = parseInt(payload.subarray(off, eol).toString('latin1'), 16);
          if (!size) break;
          parts.push(payload.subarray(eol + 2, eol + 2 + size));
          off = eol + 2 + size + 2;
        }
        payload = Buffer.concat(parts);
      } else if (rh['content-length'] !== undefined) {
        payload = payload.subarray(0, Number(rh['content-length']));
      }
      const text = payload.toString('utf8');
      let parsed = text;
      if ((rh['content-type'] ?? '').includes('json')) { try { parsed = JSON.parse(text); } catch { /* keep text */ } }
      resolve({ status, headers: rh, body: parsed, text, method, path });
    });
    sock.on('connect', () => upload().catch((e) => { socketError ??= e; }));
    const upload = async () => {
      const write = (buf) => new Promise((r) => {
        if (sock.destroyed || socketError) { r(false); return; }
        try {
          if (sock.write(buf, (e) => { if (e) socketError ??= e; })) r(true);
          else { sock.once('drain', () => r(true)); sock.once('close', () => r(false)); }
        } catch (e) {
          socketError ??= e;    // EPIPE/ECONNRESET: the server stopped reading, keep what it sent
          r(false);
        }
      });
      if (!(await write(head))) return;
      if (body) {
        for (let off = 0; off < body.length; off += chunkSize) {
          const piece = body.subarray(off, off + chunkSize);
          const ok = chunked
            ? await write(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]))
            : await write(piece);
          if (!ok || received.length > 0) return;   // the server already answered or went away
        }
        if (chunked) await write('0\r\n\r\n');
      }
    };
  });
}

async function customerCount() {
  return (await listAll(server, '/customers')).items.length;
}

// ---------------------------------------------------------------------------------------------

describe('health', () => {
  test('GET /healthz and /readyz need no token and answer JSON', async () => {
    for (const p of ['/healthz', '/readyz']) {
      const res = await api('GET', p, { token: null });
      expectStatus(res, 200, p);
      assert.ok((res.headers['content-type'] ?? '').includes('json'), `${p} content-type: ${fmt(res)}`);
      assert.equal(typeof res.body, 'object', fmt(res));
    }
  });
});

describe('authentication', () => {
  const protectedRoutes = [
    ['GET', '/customers'],
    ['GET', '/customers/anything'],
    ['POST', '/customers/search'],
    ['GET', '/companies'],
    ['GET', '/events?after=0'],
    ['GET', '/custom-fields?object_type=customer'],
  ];
  const badAuth = () => [
    ['no header', null, {}],
    ['wrong token', 'not-a-real-token', {}],
    ['token with a suffix', `${server.token}x`, {}],
    ['token cut short', server.token.slice(0, -1), {}],
    ['Basic scheme', undefined, { authorization: 'Basic dXNlcjpwYXNz' }],
    ['empty bearer', undefined, { authorization: 'Bearer ' }],
    ['junk after the token', undefined, { authorization: `Bearer ${server.token} junk` }],
    ['token without scheme', undefined, { authorization: server.token }],
  ];

  test('requests without a valid bearer token are 401 problems', async () => {
    for (const [method, p] of protectedRoutes) {
      for (const [what, token, headers] of badAuth()) {
        const res = await api(method, p, { token, headers, body: method === 'POST' ? {} : undefined });
        assert.equal(res.status, 401, `${what}: ${fmt(res)}`);
        expectProblem(res, 401);
      }
    }
  });

  test('an unauthenticated create stores nothing', async () => {
    const before = await customerCount();
    expectProblem(await api('POST', '/customers', { token: null, body: { first_name: 'Sneaky' } }), 401);
    expectProblem(await api('POST', '/customers', { token: 'wrong', body: { first_name: 'Sneaky' } }), 401);
    assert.equal(await customerCount(), before);
  });

  test('the valid token works', async () => {
    expectStatus(await api('GET', '/customers'), 200);
  });
});

describe('protocol', () => {
  test('unknown API routes are 404 problems (other paths belong to the web app)', async () => {
    for (const p of ['/api/v1/nope', '/api/v2/customers', '/api/v1/customers/x/y/z', '/api/v1/', '/nothing-here.js']) {
      expectProblem(await api('GET', p, { raw: true }), 404);
    }
    for (const m of ['POST', 'DELETE']) expectProblem(await api(m, '/nothing-here', { raw: true }), 404);
  });

  test('a wrong method is 405 or 404, as a problem', async () => {
    for (const [m, p] of [['PUT', '/customers'], ['DELETE', '/customers'], ['POST', '/customers/someid'],
      ['PUT', '/customers/someid'], ['GET', '/customers/search'], ['GET', '/customers/batch'], ['DELETE', '/events']]) {
      const res = await api(m, p, { body: m === 'GET' || m === 'DELETE' ? undefined : {} });
      assert.ok([404, 405].includes(res.status), `${m} ${p}: ${fmt(res)}`);
      expectProblem(res, res.status);
    }
  });

  test('unparsable JSON is 400', async () => {
    const before = await customerCount();
    for (const text of ['{not json', '{"first_name": "a",}', "{'first_name': 'a'}", '{"first_name": "a"', '',
      '{"first_name": NaN}', '{"first_name": "a"} trailing', '\u0000', '{"first_name": "\\x41"}', '{"a":1}{"b":2}']) {
      const res = await api('POST', '/customers', { body: text });
      expectProblem(res, 400);
    }
    assert.equal(await customerCount(), before);
  });

  test('JSON that is not an object is 400 or 422', async () => {
    for (const text of ['[]', '"first_name"', '42', 'null', 'true']) {
      const res = await api('POST', '/customers', { body: text });
      assert.ok([400, 422].includes(res.status), `${text}: ${fmt(res)}`);
      expectProblem(res, res.status);
    }
  });

  test('a body over 1 MiB is 413 (declared length), and the server keeps serving', async () => {
    const big = JSON.stringify({ first_name: 'Big', display_name: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(await api('POST', '/customers', { body: big }), 413);
    const justOver = JSON.stringify({ first_name: 'Big', display_name: 'x'.repeat(1024 * 1024) });
    expectProblem(await api('PATCH', '/customers/whoever', { body: justOver }), 413);
    expectStatus(await api('GET', '/healthz', { token: null }), 200);
  });

  test('a chunked body over 1 MiB is 413', async () => {
    const piece = new TextEncoder().encode('y'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream({
      start(c) { c.enqueue(new TextEncoder().encode('{"first_name": "Big", "display_name": "')); },
      pull(c) {
        if (sent >= 20) { c.enqueue(new TextEncoder().encode('"}')); c.close(); return; }
        sent++;
        c.enqueue(piece);
      },
    });
    let res;
    try {
      res = await fetch(server.url('/customers'), {
        method: 'POST', body: stream, duplex: 'half',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      assert.fail(`chunked upload got no response: ${e.cause?.code ?? e.message}`);
    }
    const text = await res.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: expectProblem reports it */ }
    const wrapped = { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, text, method: 'POST', path: '/customers (chunked)' };
    expectProblem(wrapped, 413);
    expectStatus(await api('GET', '/healthz', { token: null }), 200);
  });

  test('a body just under 1 MiB is not refused for its size', async () => {
    const body = Buffer.from(JSON.stringify({ first_name: 'Almost', display_name: 'z'.repeat(1024 * 1024 - 200) }));
    assert.ok(body.length < 1024 * 1024);
    const res = await rawRequest({ path: '/api/v1/customers', body });
    assert.ok(res.status !== 413 && res.status < 500, fmt(res));
  });

  test('huge headers are refused (4xx or a closed connection), not a crash', async (t) => {
    try {
      const res = await rawRequest({ method: 'GET', path: '/api/v1/customers', headers: { 'x-filler': 'f'.repeat(128 * 1024) } });
      assert.ok(res.status >= 400 && res.status < 500, fmt(res));
    } catch (e) {
      t.diagnostic(`server closed the connection without a response: ${e.code ?? e.message}`);
    }
    expectStatus(await api('GET', '/healthz', { token: null }), 200);
  });

  test('deeply nested JSON does not crash the server', async () => {
    for (const depth of [1000, 100_000]) {
      for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
        const text = `{"first_name": ${open.repeat(depth)}1${close.repeat(depth)}}`;
        const res = await api('POST', '/customers', { body: text });
        assert.ok([400, 413, 422].includes(res.status), `depth ${depth} ${open}: ${fmt(res)}`);
      }
    }
    expectStatus(await api('GET', '/healthz', { token: null }), 200);
  });

  test('full-text q with search-syntax characters is an ordinary query', async () => {
    const qs = ['"', '*', 'a AND', 'OR', 'NEAR(', '-', "'", '\\', 'a"b', '^x', 'col:val', '{}', '()', '🙂', 'ä ö ü',
      ' ', '%', '_', 'NOT NOT', '" OR 1=1 --', 'a'.repeat(200)];
    for (const q of qs) {
      const res = await api('GET', `/customers?q=${encodeURIComponent(q)}`);
      expectStatus(res, 200, `q=${JSON.stringify(q.slice(0, 40))}`);
    }
  });
});

describe('OpenAPI', () => {
  let doc;
  before(async () => {
    const res = await api('GET', '/api/v1/openapi.json');
    expectStatus(res, 200, 'openapi.json');
    doc = res.body;
  });

  test('is an OpenAPI 3.1 document', () => {
    assert.equal(typeof doc, 'object', 'openapi.json must be JSON');
    assert.equal(typeof doc.openapi, 'string');
    assert.ok(doc.openapi.startsWith('3.1'), `openapi: ${doc.openapi}`);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.paths, 'object');
  });

  test('every API route is documented with its methods', () => {
    const want = {
      '/api/v1/customers': ['get', 'post'],
      '/api/v1/customers/{id}': ['get', 'patch', 'delete'],
      '/api/v1/customers/{id}/consent': ['get'],
      '/api/v1/customers/{id}/interactions': ['post'],
      '/api/v1/customers/{id}/timeline': ['get'],
      '/api/v1/customers/{id}/overview': ['get'],
      '/api/v1/customers/search': ['post'],
      '/api/v1/customers/batch': ['post'],
      '/api/v1/custom-fields': ['get', 'post'],
      '/api/v1/companies': ['get', 'post'],
      '/api/v1/companies/{id}': ['get', 'patch', 'delete'],
      '/api/v1/events': ['get'],
    };
    const problems = [];
    for (const [p, methods] of Object.entries(want)) {
      if (!doc.paths[p]) { problems.push(`missing path ${p}`); continue; }
      for (const m of methods) {
        if (!doc.paths[p][m]) problems.push(`missing ${m.toUpperCase()} ${p}`);
        else if (!doc.paths[p][m].responses) problems.push(`${m.toUpperCase()} ${p} has no responses`);
      }
    }
    assert.deepEqual(problems, [], `documented paths: ${Object.keys(doc.paths).join(', ')}`);
  });

  test('health and the document itself are documented', () => {
    for (const p of ['/healthz', '/readyz', '/api/v1/openapi.json']) {
      assert.ok(doc.paths[p]?.get, `missing GET ${p}; documented: ${Object.keys(doc.paths).join(', ')}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('fuzz', () => {
  const SEED = Number(process.env.RAPPORT_FUZZ_SEED ?? 20251125);

  // Values of the wrong type (or an invalid value) for each writable customer field.
  const wrong = {
    first_name: [1, true, [], {}, ['a']],
    last_name: [2.5, false, {}, [null]],
    display_name: [[], {}, 0],
    birthday: [20200101, '2020-02-30', '2020/01/01', '', true, {}],
    language: [7, [], {}],
    time_zone: [1, {}, []],
    owner_id: [{}, [], true],
    company_id: [5, {}, [], 'no-such-company'],
    external_id: [{}, [], true],
    lifecycle_stage: ['xyz', 'LEADS', 1, [], {}],
    relationship_type: ['friends', 3, {}],
    preferred_channel: ['pigeon', 0, []],
    emails: ['x@y.z', 5, {}, [5], [null], [{ address: 5 }], [{ address: 'not-an-email' }], [{ address: 'a@b.c', primary: 'yes' }],
      [{ address: 'a@b.c', label: 3 }], [{ label: 'home' }], [{ address: 'a@b.c', extra: 1 }]],
    phones: ['+491512345678', 3, {}, [3], [{ number: [] }], [{ number: 'abc' }], [{ number: '0151 2345678' }], [{}], [{ number: '+49151', primary: 1 }]],
    addresses: ['street', 9, {}, [1], [{ line1: 5 }], [{ country: [] }], [{ city: 'x', planet: 'mars' }]],
    tags: ['vip', 1, {}, [1], [null], [{}], [[]]],
    consent: ['granted', [], 1, { email: 'granted' }, { email: { marketing: 'granted' } }, { email: { marketing: { status: 5 } } },
      { email: { marketing: { status: 'maybe' } } }, { fax: { marketing: { status: 'granted' } } }],
    custom_fields: ['x', [], 1, { no_such_key: 1 }],
    zz_unknown_field: [1, 'x', null, {}],
  };
  const fields = Object.keys(wrong);

  const validJson = JSON.stringify({ first_name: 'Fuzz', last_name: 'Base', emails: [{ address: 'fuzz-base@fuzz.test' }], tags: ['a'] });

  function malformed(r) {
    const kind = r.int(8);
    switch (kind) {
      case 0: return validJson.slice(0, 1 + r.int(validJson.length - 2));                          // truncated
      case 1: { const i = r.int(validJson.length); return validJson.slice(0, i) + r.pick([',', '}', ']', ':', '"', '\\', '\u0001']) + validJson.slice(i); }
      case 2: return validJson.replace(/"/g, "'");
      case 3: return validJson.replace('}', ',}');
      case 4: return `{"first_name": ${r.pick(['NaN', 'Infinity', '-Infinity', 'undefined', '0x10', '01', '.5', '1.', '+1', "'x'"])}}`;
      case 5: return Array.from({ length: 1 + r.int(200) }, () => String.fromCharCode(r.int(256))).join('');
      case 6: return `{"first_name": "${r.pick(['\\u12', '\\uZZZZ', '\\q', '\t', '\n'])}"}`;
      default: return `/* comment */ ${validJson}`;
    }
  }

  function wrongTyped(r, forPost) {
    const f = r.pick(fields);
    const v = r.pick(wrong[f]);
    if (!forPost) return { [f]: v };
    return { first_name: 'Fuzz', emails: [{ address: `fuzz-${r.int(1e9)}@fuzz.test` }], [f]: v };
  }

  test('300 malformed or wrong-typed bodies: never 5xx, never accepted, nothing changes', async (t) => {
    const defined = await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'fuzz_num', label: 'n', type: 'number' } });
    expectStatus(defined, 201);
    wrong.custom_fields.push({ fuzz_num: 'ten' }, { fuzz_num: [] }, { fuzz_num: {} });

    const target = await api('POST', '/customers', { body: { first_name: 'Target', last_name: 'Of Fuzz', emails: [{ address: 'target@fuzz.test' }] } });
    expectStatus(target, 201);
    const targetBefore = await api('GET', `/customers/${target.body.id}`);
    const countBefore = await customerCount();

    const r = rng(SEED);
    const cases = Array.from({ length: 300 }, (_, i) => {
      const forPost = r() < 0.5;
      const textual = r() < 0.4;
      let body;
      if (textual) {
        body = malformed(r);
        try { JSON.parse(body); body = body + '{'; } catch { /* good: it is malformed */ }
      } else {
        body = wrongTyped(r, forPost);
      }
      return { i, method: forPost ? 'POST' : 'PATCH', path: forPost ? '/customers' : `/customers/${target.body.id}`, body };
    });

    const failures = [];
    const statuses = {};
    await pool(cases, 8, async (c) => {
      let res;
      try {
        res = await api(c.method, c.path, { body: c.body });
      } catch (e) {
        failures.push(`#${c.i} ${c.method} ${JSON.stringify(c.body).slice(0, 200)}: request failed: ${e.cause?.code ?? e.message}`);
        return;
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const textual = typeof c.body === 'string';
      const okStatuses = textual ? [400] : [400, 404, 409, 422];
      if (!okStatuses.includes(res.status)) {
        failures.push(`#${c.i} ${c.method} ${JSON.stringify(c.body).slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`);
      } else if (!(res.headers['content-type'] ?? '').includes('application/problem+json')) {
        failures.push(`#${c.i} ${c.method} ${JSON.stringify(c.body).slice(0, 200)} -> ${res.status} without problem+json`);
      }
    });
    t.diagnostic(`seed ${SEED}, statuses ${JSON.stringify(statuses)}`);
    assert.deepEqual(failures.slice(0, 15), [], `seed ${SEED}: ${failures.length} of ${cases.length} fuzz cases misbehaved`);

    const targetAfter = await api('GET', `/customers/${target.body.id}`);
    expectStatus(targetAfter, 200);
    assert.deepEqual(targetAfter.body, targetBefore.body, 'the fuzzed customer is unchanged');
    assert.equal(await customerCount(), countBefore, 'no customer was created by the fuzz');
  });

  test('the server still answers and accepts valid writes after the fuzz', async () => {
    expectStatus(await api('GET', '/healthz', { token: null }), 200);
    expectStatus(await api('GET', '/readyz', { token: null }), 200);
    const res = await api('POST', '/customers', { body: { first_name: 'After', last_name: 'Fuzz' } });
    expectStatus(res, 201);
  });

  test('garbage query parameters never cause a 5xx', async () => {
    const r = rng(SEED + 1);
    const junk = ['', '-', '0', '-1', '1e9', 'null', '%00', '🙂', '[]', '{}', 'a'.repeat(3000), '../../etc/passwd', "'", '"', '\\'];
    const failures = [];
    for (let i = 0; i < 60; i++) {
      const param = r.pick(['limit', 'cursor', 'sort', 'q', 'after']);
      const p = r.pick(['/customers', '/companies', '/events', `/customers/x/timeline`]);
      const value = r.pick(junk);
      const res = await api('GET', `${p}?${param}=${encodeURIComponent(value)}`);
      if (res.status >= 500) failures.push(`GET ${p}?${param}=${value.slice(0, 40)} -> ${res.status} ${res.text.slice(0, 200)}`);
    }
    assert.deepEqual(failures, []);
  });
});

test('every response carries the protective headers, errors and public routes included', async () => {
  for (const [method, path, token] of [
    ['GET', '/healthz', null], ['GET', '/customers', undefined], ['GET', '/customers', null],
    ['GET', '/customers/cus_missing', undefined], ['POST', '/customers', undefined],
  ]) {
    const res = await api(method, path, { token, body: method === 'POST' ? {} : undefined });
    const what = `${method} ${path} -> ${res.status}`;
    assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
    assert.equal(res.headers['cache-control'], 'no-store', what);
    assert.equal(res.headers['referrer-policy'], 'no-referrer', what);
    assert.match(res.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, what);
    assert.match(res.headers['x-request-id'] ?? '', /^[A-Za-z0-9_-]{1,64}$/, what);
  }
});

test('each token is rate-limited on its own: 429 with Retry-After past the limit', async () => {
  const { makeDataDir, removeDir, createToken } = await import('./lib/server.mjs');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = makeDataDir();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), 'rate_limit_per_minute = 5\n');
  const busy = createToken(dir, 'busy');
  const quiet = createToken(dir, 'quiet');
  const limited = await startServer({ dataDir: dir, token: busy });
  try {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await limited.api('GET', '/customers?limit=1')).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    const refused = await limited.api('GET', '/customers?limit=1');
    expectProblem(refused, 429);
    assert.match(refused.headers['retry-after'], /^[1-9][0-9]*$/);
    expectStatus(await limited.api('GET', '/customers?limit=1', { token: quiet }), 200);
    expectStatus(await limited.api('GET', '/healthz', { token: null }), 200);
  } finally {
    await limited.stopClean();
    removeDir(dir);
  }
});
