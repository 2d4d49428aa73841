// A bounded generative test of caller-sized input over the API (items 2 and 3 of the hardening
// issue): generated long and many-term full-text queries, large filter trees and odd sorts answer
// 200 or a 4xx problem naming the field, within a bounded time, never a 500; and a number custom
// field given a literal that overflows a double (1e400, -1e400, 1e309), over the API or in an
// import, is refused naming the field and never stored, so filters over it keep working.
//
//   RAPPORT_FUZZ_ITERATIONS  cases per generated test (default 40)
//   RAPPORT_FUZZ_SECONDS     wall-clock cap per generated test (default 5)
//   RAPPORT_FUZZ_SEED        base seed (default fixed; "random" prints the one it drew)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, rng, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem, fmt } from './lib/expect.mjs';

let server;
const api = (...a) => server.api(...a);

const ITERATIONS = Number(process.env.RAPPORT_FUZZ_ITERATIONS || 40);
const SECONDS = Number(process.env.RAPPORT_FUZZ_SECONDS || 5);
const SEED = process.env.RAPPORT_FUZZ_SEED === 'random'
  ? Math.floor(Math.random() * 2 ** 31)
  : Number(process.env.RAPPORT_FUZZ_SEED || 20261205);
// How long one answer may take, however large the request: generous for a sanitizer build on
// a busy two-core machine, and far below the 292 s a 1 MB `q` used to take.
const ANSWER_MS = 10_000;
const OVERFLOWING = ['1e400', '-1e400', '1e309', '-1e309', '1.8e308', '1E999'];

before(async () => {
  server = await startServer();
  expectStatus(await api('POST', '/custom-fields', {
    body: { object_type: 'customer', key: 'score', label: 'Score', type: 'number' },
  }), 201);
  for (let i = 0; i < 12; i++) {
    expectStatus(await api('POST', '/customers', {
      body: {
        first_name: `Fuzzy${i}`, last_name: ['Müller', 'Smith', 'Ōta'][i % 3], tags: ['vip', `t${i % 3}`],
        emails: [{ address: `fuzzy${i}@input.example` }], custom_fields: { score: i * 1.5 - 4 },
      },
    }), 201);
  }
});
after(async () => { if (server) await server.stopClean(); });

/** Runs `fn(r, seed)` for each case within the iteration and time budget. */
async function cases(fn) {
  const deadline = Date.now() + SECONDS * 1000;
  let i = 0;
  for (; i < ITERATIONS && (i === 0 || Date.now() < deadline); i++) await fn(rng(SEED + i), SEED + i);
  process.stderr.write(`[fuzz] ${i} cases from seed ${SEED}\n`);
}

/** Sends and times one request; a request that gets no answer in ANSWER_MS fails. */
async function timed(seed, method, path, opts = {}) {
  const started = Date.now();
  let res;
  try {
    res = await api(method, path, { ...opts, timeoutMs: ANSWER_MS });
  } catch (e) {
    assert.fail(`${method} ${path.slice(0, 200)}: no answer within ${ANSWER_MS} ms (${e.cause?.code ?? e.name}: ${e.message}); reproduce with RAPPORT_FUZZ_SEED=${seed} RAPPORT_FUZZ_ITERATIONS=1`);
  }
  res.ms = Date.now() - started;
  return res;
}

/** 200, or a 4xx problem whose errors name `field` (or a field below it); never a 5xx. */
function expectAnswerOrFieldProblem(res, field, seed) {
  const where = `reproduce with RAPPORT_FUZZ_SEED=${seed} RAPPORT_FUZZ_ITERATIONS=1\n${fmt(res)}`;
  assert.ok(res.status < 500, `a ${res.status}: ${where}`);
  if (res.status === 200) return;
  if (res.status === 413) return expectProblem(res, 413);  // over the body or header limit
  assert.ok([400, 422].includes(res.status), `expected 200, 400, 413 or 422: ${where}`);
  const problem = expectProblem(res, res.status);
  assert.ok(Array.isArray(problem.errors) && problem.errors.some((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`)),
    `the problem does not name ${field}: ${where}`);
}

// Words with what FTS5 treats specially: quotes, stars, column filters, operators, brackets.
function term(r) {
  const pieces = ['a', 'fuzzy', 'mül', 'ōta', '"', '*', '-', '^', ':', '(', ')', 'OR', 'AND', 'NOT', 'NEAR(', '東京', '😀', '%', '_', '\\'];
  let word = '';
  for (let i = 0, n = 1 + r.int(r() < 0.05 ? 200 : 6); i < n; i++) word += r() < 0.5 ? r.pick(pieces) : String.fromCharCode(97 + r.int(26));
  return word;
}

function query(r, maxBytes) {
  const terms = [];
  let bytes = 0;
  const wanted = r() < 0.3 ? 1 + r.int(5) : r() < 0.5 ? 50 + r.int(500) : 1000 + r.int(100_000);
  while (terms.length < wanted && bytes < maxBytes) {
    const t = term(r);
    terms.push(t);
    bytes += Buffer.byteLength(t) + 1;
  }
  return terms.join(r() < 0.8 ? ' ' : '  \t');
}

test('GET ?q= with generated long and many-term queries: 200 or a problem naming q, in bounded time', async () => {
  await cases(async (r, seed) => {
    // The request line counts against the 16 KiB header limit; stay mostly below it.
    const q = query(r, r() < 0.9 ? 4000 : 20_000);
    const res = await timed(seed, 'GET', `/customers?limit=5&q=${encodeURIComponent(q)}`);
    expectAnswerOrFieldProblem(res, 'q', seed);
  });
  expectStatus(await api('GET', '/healthz'), 200);
});

test('POST /customers/search with a q of up to 900 KB: 200 or a problem naming q, in bounded time', async () => {
  await cases(async (r, seed) => {
    const q = query(r, r() < 0.5 ? 64 * 1024 : 900 * 1024);
    const res = await timed(seed, 'POST', '/customers/search', { body: { q, limit: 5 } });
    expectAnswerOrFieldProblem(res, 'q', seed);
  });
  expectStatus(await api('GET', '/healthz'), 200);
});

// Filter trees over the limits the filter language names (depth 8, 200 conditions, 1000 values
// in `in`) and with long values.
const FIELDS = ['first_name', 'last_name', 'email', 'tags', 'custom_fields.score', 'birthday', 'created_at',
  'order_count', 'consent.email.marketing', 'lifecycle_stage', 'phone', 'display_name'];

function value(r, field, long = true) {
  if (field === 'custom_fields.score' || field === 'order_count') return r() < 0.5 ? r.int(100) - 50 : (r() - 0.5) * 1e300;
  if (field === 'birthday') return '1990-02-28';
  if (field === 'created_at') return '2026-01-01T00:00:00Z';
  return long && r() < 0.05 ? 'x'.repeat(r.int(200_000)) : term(r);
}

function condition(r, budget) {
  budget.conditions++;
  const field = r.pick(FIELDS);
  const op = r.pick(['eq', 'neq', 'lt', 'gte', 'in', 'contains', 'starts_with', 'exists']);
  if (op === 'exists') return { field, op, value: r() < 0.5 };
  if (op === 'in') {
    const n = r() < 0.1 ? 900 + r.int(300) : r.int(10);
    return { field, op, value: Array.from({ length: n }, () => value(r, field, false)) };
  }
  if (op === 'contains' || op === 'starts_with') return { field: r.pick(['first_name', 'email', 'tags']), op, value: String(value(r, 'first_name')) || 'a' };
  return { field, op, value: value(r, field) };
}

// Grows until about 600 conditions (three times the limit), so one case stays a few MB at most.
function tree(r, depth, budget = { conditions: 0 }) {
  if (depth > 14 || budget.conditions > 600 || r() < 0.35) return condition(r, budget);
  const shape = r.int(4);
  if (shape === 0) return { not: tree(r, depth + 1, budget) };
  const width = r() < 0.1 ? 150 + r.int(150) : 1 + r.int(4);
  const children = [];
  for (let i = 0; i < width && budget.conditions <= 600; i++) children.push(tree(r, depth + 1, budget));
  return { [shape === 1 ? 'or' : 'and']: children.length ? children : [condition(r, budget)] };
}

test('POST /customers/search with generated large filters: 200 or a problem naming the filter, in bounded time', async () => {
  await cases(async (r, seed) => {
    let filter = tree(r, 1);
    if (r() < 0.2) for (let i = 0, n = 5 + r.int(20); i < n; i++) filter = { not: filter };
    const body = JSON.stringify({ filter, limit: 5 });
    // Over 1 MiB the server answers 413 before the upload ends, which fetch reports as a reset
    // (auth_and_protocol.test.mjs covers that limit over a raw socket).
    if (Buffer.byteLength(body) > 1_000_000) return;
    const res = await timed(seed, 'POST', '/customers/search', { body });
    expectAnswerOrFieldProblem(res, 'filter', seed);
  });
  expectStatus(await api('GET', '/healthz'), 200);
});

test('generated sorts: 200 or a problem naming sort', async () => {
  await cases(async (r, seed) => {
    const sort = r() < 0.3 ? r.pick(['created_at', '-created_at', 'last_name', '-updated_at'])
      : r() < 0.5 ? term(r) : `${r.pick(['', '-'])}${'x'.repeat(r.int(10_000))}`;
    const get = await timed(seed, 'GET', `/customers?limit=2&sort=${encodeURIComponent(sort)}`);
    expectAnswerOrFieldProblem(get, 'sort', seed);
    const post = await timed(seed, 'POST', '/customers/search', { body: { sort, limit: 2 } });
    expectAnswerOrFieldProblem(post, 'sort', seed);
  });
});

// ---------------------------------------------------------------------------------------------
// Item 2: numbers a double cannot hold.

async function filtersStillWork(what) {
  for (const filter of [
    { field: 'custom_fields.score', op: 'gt', value: 0 },
    { field: 'custom_fields.score', op: 'in', value: [1, 2, 3] },
    { field: 'custom_fields.score', op: 'exists', value: true },
  ]) {
    const res = await api('POST', '/customers/search', { body: { filter, limit: 100 } });
    expectStatus(res, 200, `${what}: filter ${JSON.stringify(filter)}`);
    for (const c of res.body.data) {
      const score = c.custom_fields?.score;
      assert.ok(score === undefined || Number.isFinite(score), `${what}: stored score ${score}: ${fmt(res)}`);
    }
  }
}

test('a number custom field given 1e400, -1e400 or 1e309 is refused naming the field', async () => {
  const existing = expectStatus(await api('POST', '/customers', { body: { first_name: 'Finite', custom_fields: { score: 1 } } }), 201);
  for (const literal of OVERFLOWING) {
    const create = await api('POST', '/customers', { body: `{"first_name":"Overflow","custom_fields":{"score":${literal}}}` });
    expectProblem(create, create.status === 400 ? 400 : 422, { field: 'custom_fields.score' });
    const patch = await api('PATCH', `/customers/${existing.id}`, { body: `{"custom_fields":{"score":${literal}}}` });
    expectProblem(patch, patch.status === 400 ? 400 : 422, { field: 'custom_fields.score' });
    const batch = await api('POST', '/customers/batch', { body: `{"records":[{"first_name":"B","custom_fields":{"score":${literal}}}]}` });
    assert.ok(batch.status < 500, `batch with ${literal}: ${fmt(batch)}`);
    if (batch.status === 200) {
      const text = JSON.stringify(batch.body);
      assert.ok(text.includes('custom_fields.score'), `the batch stored ${literal} or did not name the field: ${fmt(batch)}`);
    }
  }
  const after = expectStatus(await api('GET', `/customers/${existing.id}`), 200);
  assert.equal(after.custom_fields.score, 1);
  await filtersStillWork('after the API writes');
});

test('a filter value that overflows a double is refused or matches nothing, never a 500', async () => {
  for (const literal of OVERFLOWING) {
    for (const op of ['eq', 'lt', 'gt', 'in']) {
      const value = op === 'in' ? `[1,${literal}]` : literal;
      const res = await api('POST', '/customers/search', { body: `{"filter":{"field":"custom_fields.score","op":"${op}","value":${value}},"limit":5}` });
      expectAnswerOrFieldProblem(res, 'filter', `${literal} ${op}`);
    }
  }
});

test('an import of number cells a double cannot hold refuses those rows, naming the column', async () => {
  const cells = ['1e400', '-1e400', '1e309', 'inf', '-infinity', 'nan', 'NaN', 'Infinity', '0x1p2000'];
  const csv = 'first_name,email,custom.score\r\n' +
    cells.map((c, i) => `Imported${i},imported${i}@input.example,${c}`).join('\r\n') + '\r\n' +
    'Fine,fine@input.example,2.5\r\n';
  const res = await api('POST', '/imports?object=customers&mode=create', { body: csv, headers: { 'content-type': 'text/csv' } });
  const accepted = expectStatus(res, 202);
  const job = await waitFor(async () => {
    const j = expectStatus(await api('GET', `/imports/${accepted.id}`), 200);
    return ['queued', 'running'].includes(j.status) ? null : j;
  }, { timeoutMs: 60_000 });
  assert.equal(job.created, 1, `only the finite row is created: ${JSON.stringify(job)}`);
  assert.equal(job.failed, cells.length, JSON.stringify(job));
  const report = await api('GET', `/imports/${accepted.id}/errors`);
  for (const line of report.text.trim().split('\r\n').slice(1)) {
    assert.match(line, /custom\.score/, `the error names the column: ${line}`);
  }
  await filtersStillWork('after the import');
});
