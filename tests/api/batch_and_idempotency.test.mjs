// Batch create/upsert of customers and Idempotency-Key on creates.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { expectStatus, expectProblem, listAll, fmt } from './lib/expect.mjs';

let server;
const api = (...a) => server.api(...a);
let n = 0;
const tag = (p) => `${p}-${Date.now().toString(36)}-${n++}`;

before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });

async function allCustomers() {
  return (await listAll(server, '/customers')).items;
}

function expectBatchShape(res, count) {
  const b = expectStatus(res, 200, 'batch');
  assert.ok(Array.isArray(b.results), `results[] missing: ${fmt(res)}`);
  assert.equal(b.results.length, count, `one result per record: ${fmt(res)}`);
  b.results.forEach((r, i) => {
    assert.equal(r.index, i, `results[${i}].index: ${fmt(res)}`);
    assert.ok(['created', 'updated', 'error'].includes(r.status), `results[${i}].status: ${fmt(res)}`);
    if (r.status === 'error') {
      assert.ok(Array.isArray(r.errors) && r.errors.length > 0, `results[${i}].errors: ${fmt(res)}`);
    } else {
      assert.equal(typeof r.id, 'string', `results[${i}].id: ${fmt(res)}`);
    }
  });
  const counts = { created: 0, updated: 0, error: 0 };
  for (const r of b.results) counts[r.status]++;
  assert.equal(b.created, counts.created, 'created count');
  assert.equal(b.updated, counts.updated, 'updated count');
  assert.equal(b.failed, counts.error, 'failed count');
  return b;
}

/** A record error names the field relative to the record (optionally prefixed records[i].). */
function expectRecordError(result, field) {
  const fields = (result.errors ?? []).map((e) => e.field);
  assert.ok(fields.some((f) => f === field || f === `records[${result.index}].${field}`),
    `expected an error on ${field} in ${JSON.stringify(result)}`);
}

describe('batch', () => {
  test('a bad record fails alone; the others are created', async () => {
    const t = tag('b1');
    const records = [
      { first_name: 'Good', last_name: 'One', external_id: `${t}-0`, emails: [{ address: `${t}-0@batch.test` }] },
      { first_name: 'Bad', external_id: `${t}-1`, phones: [{ number: '0151 2345678' }] },
      { first_name: 'Good', last_name: 'Two', external_id: `${t}-2`, phones: [{ number: '+49 151 2345678' }] },
    ];
    const b = expectBatchShape(await api('POST', '/customers/batch', { body: { records } }), 3);
    assert.deepEqual(b.results.map((r) => r.status), ['created', 'error', 'created']);
    assert.deepEqual([b.created, b.updated, b.failed], [2, 0, 1]);
    expectRecordError(b.results[1], 'phones[0].number');

    const g0 = await api('GET', `/customers/${b.results[0].id}`);
    expectStatus(g0, 200);
    assert.equal(g0.body.last_name, 'One');
    assert.equal(g0.body.external_id, `${t}-0`);
    const g2 = await api('GET', `/customers/${b.results[2].id}`);
    expectStatus(g2, 200);
    assert.deepEqual(g2.body.phones.map((p) => p.number), ['+491512345678']);

    const mine = (await allCustomers()).filter((c) => c.external_id?.startsWith(t));
    assert.deepEqual(mine.map((c) => c.external_id).sort(), [`${t}-0`, `${t}-2`], 'the bad record was not stored');
  });

  test('create-only: an existing email and a duplicate inside the batch are record errors', async () => {
    const t = tag('b2');
    const existing = await api('POST', '/customers', { body: { first_name: 'Exists', emails: [{ address: `${t}@batch.test` }] } });
    expectStatus(existing, 201);
    const records = [
      { first_name: 'Clash', emails: [{ address: `${t}@BATCH.test` }] },
      { first_name: 'First', emails: [{ address: `${t}-dup@batch.test` }] },
      { first_name: 'Second', emails: [{ address: `${t}-DUP@batch.test` }] },
      { first_name: 'Fine', emails: [{ address: `${t}-fine@batch.test` }] },
    ];
    const b = expectBatchShape(await api('POST', '/customers/batch', { body: { records } }), 4);
    assert.deepEqual(b.results.map((r) => r.status), ['error', 'created', 'error', 'created'], fmt({ status: 200, text: JSON.stringify(b) }));
    expectRecordError(b.results[0], 'emails[0].address');
    expectRecordError(b.results[2], 'emails[0].address');
    const got = await api('GET', `/customers/${existing.body.id}`);
    assert.deepEqual(got.body, existing.body, 'the existing customer is untouched');
  });

  test('records of the wrong shape fail alone', async () => {
    const t = tag('b3');
    const records = [42, { first_name: 'Ok', external_id: `${t}-ok` }, { first_name: 'X', unknown_field: 1 }, {}, { first_name: 'B', birthday: '2001-02-29' }];
    const b = expectBatchShape(await api('POST', '/customers/batch', { body: { records } }), 5);
    assert.deepEqual(b.results.map((r) => r.status), ['error', 'created', 'error', 'error', 'error']);
    expectRecordError(b.results[4], 'birthday');
  });

  test('upsert_on email updates the customer with that email (any case) and creates the rest', async () => {
    const t = tag('b4');
    const a = `${t}@Upsert.test`;
    const created = await api('POST', '/customers', { body: { first_name: 'Old', last_name: 'Name', emails: [{ address: a }] } });
    expectStatus(created, 201);
    const records = [
      { first_name: 'New', emails: [{ address: a.toUpperCase() }], lifecycle_stage: 'customer' },
      { first_name: 'Fresh', emails: [{ address: `${t}-fresh@upsert.test` }] },
    ];
    const b = expectBatchShape(await api('POST', '/customers/batch', { body: { upsert_on: 'email', records } }), 2);
    assert.deepEqual(b.results.map((r) => r.status), ['updated', 'created']);
    assert.deepEqual([b.created, b.updated, b.failed], [1, 1, 0]);
    assert.equal(b.results[0].id, created.body.id, 'updated the existing customer');
    const got = await api('GET', `/customers/${created.body.id}`);
    expectStatus(got, 200);
    assert.equal(got.body.first_name, 'New');
    assert.equal(got.body.lifecycle_stage, 'customer');
    assert.ok(got.body.version > created.body.version, 'version increased');

    // Running the same batch again updates both.
    const again = expectBatchShape(await api('POST', '/customers/batch', { body: { upsert_on: 'email', records } }), 2);
    assert.deepEqual(again.results.map((r) => r.status), ['updated', 'updated']);
    assert.deepEqual(again.results.map((r) => r.id), b.results.map((r) => r.id));
  });

  test('upsert_on external_id', async () => {
    const t = tag('b5');
    const created = await api('POST', '/customers', { body: { first_name: 'Bee', external_id: `${t}-1` } });
    expectStatus(created, 201);
    const records = [
      { external_id: `${t}-1`, first_name: 'Bee', lifecycle_stage: 'prospect', tags: ['imported'] },
      { external_id: `${t}-2`, first_name: 'Cee' },
      { external_id: `${t}-3`, first_name: 'Dee', phones: [{ number: 'nope' }] },
    ];
    const b = expectBatchShape(await api('POST', '/customers/batch', { body: { upsert_on: 'external_id', records } }), 3);
    assert.deepEqual(b.results.map((r) => r.status), ['updated', 'created', 'error']);
    assert.equal(b.results[0].id, created.body.id);
    const got = await api('GET', `/customers/${created.body.id}`);
    assert.equal(got.body.lifecycle_stage, 'prospect');
    assert.deepEqual(got.body.tags, ['imported']);
    const mine = (await allCustomers()).filter((c) => c.external_id?.startsWith(t));
    assert.equal(mine.length, 2, 'one existing + one created');
  });

  test('1000 records are accepted in one batch', async () => {
    const t = tag('b6');
    const records = Array.from({ length: 1000 }, (_, i) => ({
      first_name: `Bulk${i}`, last_name: 'Load', external_id: `${t}-${i}`, emails: [{ address: `${t}-${i}@bulk.test` }],
    }));
    const res = await api('POST', '/customers/batch', { body: { records }, timeoutMs: 60_000 });
    const b = expectBatchShape(res, 1000);
    assert.deepEqual([b.created, b.updated, b.failed], [1000, 0, 0]);
    assert.equal(new Set(b.results.map((r) => r.id)).size, 1000, 'distinct ids');
    const probe = await api('GET', `/customers/${b.results[999].id}`);
    expectStatus(probe, 200);
    assert.equal(probe.body.first_name, 'Bulk999');
  });

  test('more than 1000 records is 413 or 422 and creates nothing', async () => {
    const t = tag('b7');
    const before = (await allCustomers()).length;
    const records = Array.from({ length: 1001 }, (_, i) => ({ first_name: `Over${i}`, external_id: `${t}-${i}` }));
    const res = await api('POST', '/customers/batch', { body: { records } });
    expectProblem(res, res.status === 413 ? 413 : 422);
    const afterwards = await allCustomers();
    assert.equal(afterwards.length, before);
    assert.ok(!afterwards.some((c) => c.external_id?.startsWith(t)));
  });

  test('a malformed batch request is rejected as a whole', async () => {
    const before = (await allCustomers()).length;
    expectProblem(await api('POST', '/customers/batch', { body: { upsert_on: 'phone', records: [{ first_name: 'x' }] } }), 422, { field: 'upsert_on' });
    expectProblem(await api('POST', '/customers/batch', { body: { records: 'all of them' } }), 422, { field: 'records' });
    expectProblem(await api('POST', '/customers/batch', { body: {} }), 422, { field: 'records' });
    expectProblem(await api('POST', '/customers/batch', { body: { records: [{ first_name: 'x' }], mode: 'fast' } }), 422);
    expectProblem(await api('POST', '/customers/batch', { body: '{"records": [' }), 400);
    assert.equal((await allCustomers()).length, before);
  });
});

describe('idempotency', () => {
  test('the same key and body twice: both 201, same id, one record', async () => {
    const t = tag('i1');
    const body = { first_name: 'Idem', external_id: t, emails: [{ address: `${t}@idem.test` }] };
    const headers = { 'idempotency-key': `key-${t}` };
    const r1 = await api('POST', '/customers', { body, headers });
    expectStatus(r1, 201);
    const r2 = await api('POST', '/customers', { body, headers });
    expectStatus(r2, 201, 'replay');
    assert.equal(r2.body.id, r1.body.id);
    assert.equal(r2.headers.location, r1.headers.location);
    assert.deepEqual(r2.body, r1.body, 'the replay returns the original response');
    const mine = (await allCustomers()).filter((c) => c.external_id === t);
    assert.equal(mine.length, 1);
  });

  test('the same key with a different body is 422 and creates nothing', async () => {
    const t = tag('i2');
    const headers = { 'idempotency-key': `key-${t}` };
    expectStatus(await api('POST', '/customers', { body: { first_name: 'A', external_id: `${t}-a` }, headers }), 201);
    const res = await api('POST', '/customers', { body: { first_name: 'B', external_id: `${t}-b` }, headers });
    expectProblem(res, 422);
    const mine = (await allCustomers()).filter((c) => c.external_id?.startsWith(t));
    assert.deepEqual(mine.map((c) => c.external_id), [`${t}-a`]);
  });

  test('different keys create different records', async () => {
    const t = tag('i3');
    const body = { first_name: 'Twin', last_name: t };
    const r1 = await api('POST', '/customers', { body, headers: { 'idempotency-key': `${t}-1` } });
    const r2 = await api('POST', '/customers', { body, headers: { 'idempotency-key': `${t}-2` } });
    expectStatus(r1, 201);
    expectStatus(r2, 201);
    assert.notEqual(r1.body.id, r2.body.id);
  });

  test('concurrent requests with one key create one record', async () => {
    const t = tag('i4');
    const body = { first_name: 'Race', external_id: t };
    const headers = { 'idempotency-key': `key-${t}` };
    const all = await Promise.all(Array.from({ length: 8 }, () => api('POST', '/customers', { body, headers })));
    for (const r of all) assert.ok(r.status < 500, `server error: ${fmt(r)}`);
    const ok = all.filter((r) => r.status === 201);
    assert.ok(ok.length >= 1, `no request succeeded: ${all.map(fmt).join('\n')}`);
    assert.equal(new Set(ok.map((r) => r.body.id)).size, 1, 'all successful replies name the same customer');
    for (const r of all.filter((x) => x.status !== 201)) assert.equal(r.status, 409, `a racing duplicate may only be 409: ${fmt(r)}`);
    const mine = (await allCustomers()).filter((c) => c.external_id === t);
    assert.equal(mine.length, 1);
  });

  test('idempotent company and interaction creates', async () => {
    const t = tag('i5');
    const headers = { 'idempotency-key': `co-${t}` };
    const body = { name: `Idem Co ${t}`, domain: `${t}.example` };
    const c1 = await api('POST', '/companies', { body, headers });
    const c2 = await api('POST', '/companies', { body, headers });
    expectStatus(c1, 201);
    expectStatus(c2, 201);
    assert.equal(c2.body.id, c1.body.id);

    const cust = await api('POST', '/customers', { body: { first_name: 'Talk' } });
    expectStatus(cust, 201);
    const ih = { 'idempotency-key': `int-${t}` };
    const ib = { channel: 'phone', direction: 'inbound', kind: 'call', subject: 'hello', occurred_at: '2025-03-01T09:00:00.000Z' };
    const i1 = await api('POST', `/customers/${cust.body.id}/interactions`, { body: ib, headers: ih });
    const i2 = await api('POST', `/customers/${cust.body.id}/interactions`, { body: ib, headers: ih });
    expectStatus(i1, 201);
    expectStatus(i2, 201);
    assert.equal(i2.body.id, i1.body.id);
    const tl = await api('GET', `/customers/${cust.body.id}/timeline`);
    expectStatus(tl, 200);
    assert.equal(tl.body.data.length, 1, `one interaction in the timeline: ${fmt(tl)}`);
  });

  test('a replay re-reads the record: a deleted one answers 404, a changed one its current state', async () => {
    const t = tag('i7');
    const headers = { 'idempotency-key': `key-${t}` };
    const body = { first_name: 'Gone', external_id: t };
    const first = expectStatus(await api('POST', '/customers', { body, headers }), 201);
    expectStatus(await api('PATCH', `/customers/${first.id}`, { body: { last_name: 'Later' } }), 200);
    const replay = await api('POST', '/customers', { body, headers });
    expectStatus(replay, 201);
    assert.equal(replay.body.id, first.id);
    assert.equal(replay.body.last_name, 'Later', 'the record as it is now');
    assert.equal(replay.headers.etag, '"v2"');
    expectStatus(await api('DELETE', `/customers/${first.id}`), 204);
    expectProblem(await api('POST', '/customers', { body, headers }), 404);
    assert.equal((await allCustomers()).filter((c) => c.external_id === t).length, 0, 'the replay created nothing');

    const co = { name: `Gone Co ${t}` };
    const coHeaders = { 'idempotency-key': `co-${t}` };
    const company = expectStatus(await api('POST', '/companies', { body: co, headers: coHeaders }), 201);
    expectStatus(await api('DELETE', `/companies/${company.id}`), 204);
    expectProblem(await api('POST', '/companies', { body: co, headers: coHeaders }), 404);
  });

  test('a rejected request with an idempotency key stores nothing', async () => {
    const t = tag('i6');
    const headers = { 'idempotency-key': `key-${t}` };
    const bad = await api('POST', '/customers', { body: { first_name: 'X', external_id: t, birthday: '2020-02-30' }, headers });
    expectProblem(bad, 422, { field: 'birthday' });
    const mine = (await allCustomers()).filter((c) => c.external_id === t);
    assert.equal(mine.length, 0);
  });
});
