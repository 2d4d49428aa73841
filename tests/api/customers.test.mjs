// Customers: create, read, validation, uniqueness, phone normalisation, ETag/If-Match,
// JSON merge patch, consent with history, custom fields and delete.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import {
  expectStatus, expectProblem, expectTimestamp, listAll, fmt,
} from './lib/expect.mjs';

let server;
let seq = 0;
const uniq = (p = 'c') => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;
const email = (p = 'user') => `${uniq(p)}@example.test`;

before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });

const api = (...a) => server.api(...a);

async function create(body, what = 'create customer') {
  const res = await api('POST', '/customers', { body });
  expectStatus(res, 201, what);
  return res.body;
}

/** The whole customer collection, for "bad input changed nothing" checks. */
async function snapshot() {
  const { items } = await listAll(server, '/customers?sort=created_at');
  return items;
}

/** Runs a request that must be rejected and checks the collection is unchanged afterwards. */
async function rejectedCreate(body, status, opts) {
  const before = await snapshot();
  const res = await api('POST', '/customers', { body });
  const problem = expectProblem(res, status, opts);
  const afterwards = await snapshot();
  assert.deepEqual(afterwards, before, `rejected create ${JSON.stringify(body)} changed the collection`);
  return problem;
}

/** Runs a PATCH that must be rejected and checks the customer is unchanged afterwards. */
async function rejectedPatch(id, body, status, opts, headers = {}) {
  const before = await api('GET', `/customers/${id}`);
  expectStatus(before, 200);
  const res = await api('PATCH', `/customers/${id}`, { body, headers });
  const problem = expectProblem(res, status, opts);
  const afterwards = await api('GET', `/customers/${id}`);
  expectStatus(afterwards, 200);
  assert.deepEqual(afterwards.body, before.body, `rejected PATCH ${JSON.stringify(body)} changed the customer`);
  assert.equal(afterwards.headers.etag, before.headers.etag, 'rejected PATCH changed the ETag');
  return problem;
}

const CHANNELS = ['email', 'sms', 'phone'];
const PURPOSES = ['marketing', 'service'];

function expectConsentMatrix(consent, expected = {}) {
  assert.equal(typeof consent, 'object', `consent should be an object, got ${JSON.stringify(consent)}`);
  for (const ch of CHANNELS) {
    for (const p of PURPOSES) {
      const cell = consent?.[ch]?.[p];
      assert.ok(cell && typeof cell === 'object', `consent.${ch}.${p} missing in ${JSON.stringify(consent)}`);
      const want = expected[`${ch}.${p}`] ?? 'unknown';
      assert.equal(cell.status, want, `consent.${ch}.${p}.status in ${JSON.stringify(consent)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('create and read', () => {
  test('a minimal customer is created with defaults, Location and ETag', async () => {
    const res = await api('POST', '/customers', { body: { first_name: 'Ada', last_name: 'Lovelace' } });
    const c = expectStatus(res, 201);
    assert.equal(typeof c.id, 'string', `id must be a string: ${fmt(res)}`);
    assert.ok(c.id.length > 0);
    assert.equal(res.headers.location, `/api/v1/customers/${c.id}`, `Location header: ${fmt(res)}`);
    assert.ok(res.headers.etag, `ETag header missing: ${JSON.stringify(res.headers)}`);
    assert.equal(res.headers.etag, `"v${c.version}"`);
    assert.equal(c.first_name, 'Ada');
    assert.equal(c.last_name, 'Lovelace');
    assert.equal(c.display_name, 'Ada Lovelace');
    assert.equal(c.lifecycle_stage, 'lead');
    assert.deepEqual(c.emails, []);
    assert.deepEqual(c.phones, []);
    assert.deepEqual(c.addresses, []);
    assert.deepEqual(c.tags, []);
    assert.deepEqual(c.custom_fields, {});
    assert.equal(c.company_id, null);
    assert.equal(c.birthday, null);
    assert.equal(typeof c.version, 'number');
    expectTimestamp(c.created_at, 'created_at');
    expectTimestamp(c.updated_at, 'updated_at');
    assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 5 * 60_000, `created_at ${c.created_at} is not now`);
    expectConsentMatrix(c.consent);

    const got = await api('GET', `/customers/${c.id}`);
    expectStatus(got, 200);
    assert.deepEqual(got.body, c, 'GET returns what POST returned');
    assert.equal(got.headers.etag, `"v${c.version}"`);
  });

  test('every documented field round-trips', async () => {
    const addr = email('full');
    const body = {
      first_name: 'Grace',
      last_name: 'Hopper',
      display_name: 'Rear Admiral Hopper',
      emails: [
        { address: addr, label: 'work', primary: true },
        { address: email('home'), label: 'home', primary: false },
      ],
      phones: [{ number: '+1 202 555 0143', label: 'mobile', primary: true }],
      addresses: [{
        label: 'home', line1: '1 Navy Way', line2: 'Apt 2', city: 'Arlington',
        region: 'VA', postal_code: '22202', country: 'US',
      }],
      birthday: '1906-12-09',
      language: 'en',
      time_zone: 'America/New_York',
      owner_id: 'staff-1',
      lifecycle_stage: 'customer',
      relationship_type: 'long_term',
      preferred_channel: 'email',
      tags: ['navy', 'cobol'],
      external_id: uniq('ext'),
    };
    const c = await create(body);
    for (const k of ['first_name', 'last_name', 'display_name', 'birthday', 'language', 'time_zone',
      'owner_id', 'lifecycle_stage', 'relationship_type', 'preferred_channel', 'external_id']) {
      assert.equal(c[k], body[k], `field ${k}`);
    }
    assert.deepEqual(c.tags, ['navy', 'cobol']);
    assert.deepEqual(c.emails, body.emails);
    assert.deepEqual(c.phones, [{ number: '+12025550143', display: '+1 202-555-0143', label: 'mobile', primary: true }]);
    assert.deepEqual(c.addresses, body.addresses);
    const got = await api('GET', `/customers/${c.id}`);
    assert.deepEqual(got.body, c);
  });

  test('display_name falls back to the primary email when there is no name', async () => {
    const a = email('noname');
    const c = await create({ emails: [{ address: email('other') }, { address: a, primary: true }] });
    assert.equal(c.display_name, a);
  });

  test('display_name from a single name has no stray space', async () => {
    assert.equal((await create({ first_name: 'Solo' })).display_name, 'Solo');
    assert.equal((await create({ last_name: 'Only' })).display_name, 'Only');
  });

  test('a customer with only a phone is accepted', async () => {
    const c = await create({ phones: [{ number: '+44 20 7946 0958' }] });
    assert.deepEqual(c.phones.map((p) => p.number), ['+442079460958']);
    assert.equal(c.phones[0].primary, true, 'the only phone becomes primary');
  });

  test('when no email is marked primary the first becomes primary', async () => {
    const a = email('first');
    const b = email('second');
    const c = await create({ first_name: 'Pri', emails: [{ address: a }, { address: b }] });
    assert.deepEqual(c.emails.map((e) => [e.address, e.primary]), [[a, true], [b, false]]);
  });

  test('unknown id is a 404 problem', async () => {
    expectProblem(await api('GET', '/customers/does-not-exist'), 404);
    expectProblem(await api('PATCH', '/customers/does-not-exist', { body: { first_name: 'x' } }), 404);
    expectProblem(await api('DELETE', '/customers/does-not-exist'), 404);
  });
});

describe('validation (each rejected request leaves the data unchanged)', () => {
  test('a customer needs a name, an email or a phone', async () => {
    await rejectedCreate({}, 422, {});
    await rejectedCreate({ tags: ['x'], lifecycle_stage: 'lead' }, 422, {});
  });

  test('more than one primary email is rejected', async () => {
    await rejectedCreate({
      first_name: 'Two',
      emails: [{ address: email('p1'), primary: true }, { address: email('p2'), primary: true }],
    }, 422, { fieldPrefix: 'emails' });
  });

  test('email addresses are unique across customers, case-insensitively, stored as given', async () => {
    const local = uniq('Mixed.Case');
    const stored = `${local}@Example.TEST`;
    const c = await create({ first_name: 'Uniq', emails: [{ address: stored }] });
    assert.equal(c.emails[0].address, stored, 'address is stored as given');

    await rejectedCreate({ first_name: 'Dup', emails: [{ address: stored }] }, 409, { firstField: 'emails[0].address' });
    await rejectedCreate({ first_name: 'Dup', emails: [{ address: stored.toLowerCase() }] }, 409, { firstField: 'emails[0].address' });
    await rejectedCreate({
      first_name: 'Dup',
      emails: [{ address: email('fine') }, { address: stored.toUpperCase() }],
    }, 409, { firstField: 'emails[1].address' });
  });

  test('the same customer may keep its own email when patched', async () => {
    const a = email('keep');
    const c = await create({ first_name: 'Keep', emails: [{ address: a }] });
    const res = await api('PATCH', `/customers/${c.id}`, { body: { emails: [{ address: a.toUpperCase() }] } });
    expectStatus(res, 200);
    assert.equal(res.body.emails[0].address, a.toUpperCase());
  });

  test('phones are normalised to E.164', async () => {
    const c1 = await create({ first_name: 'Tel', phones: [{ number: '+49 (151) 234-5678', label: 'mobile' }] });
    assert.equal(c1.phones[0].number, '+491512345678');
    const c2 = await create({ first_name: 'Tel', phones: [{ number: '0049 151 2345678' }] });
    assert.equal(c2.phones[0].number, '+491512345678');
  });

  test('a phone without country code is rejected', async () => {
    await rejectedCreate({ first_name: 'Tel', phones: [{ number: '0151 2345678' }] }, 422, { field: 'phones[0].number' });
  });

  test('a phone with letters is rejected', async () => {
    await rejectedCreate({ first_name: 'Tel', phones: [{ number: '+49 151 CALLME' }] }, 422, { field: 'phones[0].number' });
    await rejectedCreate({
      first_name: 'Tel',
      phones: [{ number: '+49 151 2345678' }, { number: 'call me maybe' }],
    }, 422, { field: 'phones[1].number' });
  });

  test('birthday must be a real date', async () => {
    await rejectedCreate({ first_name: 'B', birthday: '2023-02-29' }, 422, { field: 'birthday' });
    await rejectedCreate({ first_name: 'B', birthday: '1990-13-01' }, 422, { field: 'birthday' });
    await rejectedCreate({ first_name: 'B', birthday: '1990-1-1' }, 422, { field: 'birthday' });
    await rejectedCreate({ first_name: 'B', birthday: 'yesterday' }, 422, { field: 'birthday' });
    const ok = await create({ first_name: 'Leap', birthday: '2000-02-29' });
    assert.equal(ok.birthday, '2000-02-29');
  });

  test('unknown top-level fields are rejected', async () => {
    const p = await rejectedCreate({ first_name: 'U', favourite_colour: 'green' }, 422, {});
    assert.ok(JSON.stringify(p).includes('favourite_colour'), `problem should name the unknown field: ${JSON.stringify(p)}`);
  });

  test('enumerations are checked', async () => {
    await rejectedCreate({ first_name: 'E', lifecycle_stage: 'vip' }, 422, { field: 'lifecycle_stage' });
    await rejectedCreate({ first_name: 'E', relationship_type: 'friendly' }, 422, { field: 'relationship_type' });
    await rejectedCreate({ first_name: 'E', preferred_channel: 'pigeon' }, 422, { field: 'preferred_channel' });
  });

  test('wrong JSON types are 422, not 500', async () => {
    await rejectedCreate({ first_name: 42 }, 422, { field: 'first_name' });
    await rejectedCreate({ first_name: 'T', tags: 'vip' }, 422, { field: 'tags' });
    await rejectedCreate({ first_name: 'T', emails: 'a@b.c' }, 422, { field: 'emails' });
    await rejectedCreate({ first_name: 'T', custom_fields: [] }, 422, { field: 'custom_fields' });
  });

  test('all valid lifecycle stages, relationship types and channels are accepted', async () => {
    for (const s of ['lead', 'prospect', 'customer', 'churned']) {
      assert.equal((await create({ first_name: 'S', lifecycle_stage: s })).lifecycle_stage, s);
    }
    for (const r of ['transactional', 'long_term', 'self_service', 'personal_assistance',
      'dedicated_assistance', 'automated', 'community', 'co_creation']) {
      assert.equal((await create({ first_name: 'R', relationship_type: r })).relationship_type, r);
    }
    for (const ch of ['email', 'phone', 'chat', 'social', 'in_person', 'web', 'sms', 'other']) {
      assert.equal((await create({ first_name: 'P', preferred_channel: ch })).preferred_channel, ch);
    }
  });
});

describe('ETag, If-Match and merge patch', () => {
  test('PATCH bumps the version; a stale If-Match is 412 and changes nothing', async () => {
    const c = await create({ first_name: 'Etta', last_name: 'James' });
    const got = await api('GET', `/customers/${c.id}`);
    const etag1 = got.headers.etag;
    assert.equal(etag1, `"v${c.version}"`);

    const r1 = await api('PATCH', `/customers/${c.id}`, { body: { first_name: 'Etta Mae' }, headers: { 'if-match': etag1 } });
    expectStatus(r1, 200);
    assert.equal(r1.body.version, c.version + 1);
    assert.equal(r1.body.first_name, 'Etta Mae');
    assert.equal(r1.headers.etag, `"v${c.version + 1}"`);
    assert.equal(r1.body.created_at, c.created_at, 'created_at never changes');
    assert.ok(Date.parse(r1.body.updated_at) >= Date.parse(c.updated_at), 'updated_at moves forward');

    await rejectedPatch(c.id, { first_name: 'Stale' }, 412, {}, { 'if-match': etag1 });

    const r2 = await api('PATCH', `/customers/${c.id}`, { body: { last_name: 'Jamesetta' }, headers: { 'if-match': r1.headers.etag } });
    expectStatus(r2, 200);
    assert.equal(r2.body.version, c.version + 2);

    // Without If-Match the write is unconditional.
    const r3 = await api('PATCH', `/customers/${c.id}`, { body: { last_name: 'Hawkins' } });
    expectStatus(r3, 200);
    assert.equal(r3.body.version, c.version + 3);
  });

  test('racing PATCHes with the same If-Match: exactly one wins, the rest are 412', async () => {
    const c = await create({ first_name: 'Race', last_name: 'Condition' });
    const etag = `"v${c.version}"`;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      api('PATCH', `/customers/${c.id}`, { body: { last_name: `Winner${i}` }, headers: { 'if-match': etag } })));
    const winners = results.filter((r) => r.status === 200);
    assert.equal(winners.length, 1, `exactly one PATCH may win: ${results.map((r) => r.status).join(',')}`);
    for (const r of results.filter((x) => x.status !== 200)) expectProblem(r, 412);
    const got = await api('GET', `/customers/${c.id}`);
    assert.equal(got.body.version, c.version + 1);
    assert.equal(got.body.last_name, winners[0].body.last_name);
  });

  test('racing creates with the same email: exactly one 201, the rest 409', async () => {
    const a = email('race');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      api('POST', '/customers', { body: { first_name: `Racer${i}`, emails: [{ address: i % 2 ? a.toUpperCase() : a }] } })));
    assert.equal(results.filter((r) => r.status === 201).length, 1, `statuses: ${results.map((r) => r.status).join(',')}`);
    for (const r of results.filter((x) => x.status !== 201)) expectProblem(r, 409, { firstField: 'emails[0].address' });
  });

  test('merge patch: absent fields stay, null clears, lists replace, custom_fields merge', async () => {
    const a = email('mp');
    const c = await create({
      first_name: 'Merge', last_name: 'Patch', language: 'de', time_zone: 'Europe/Berlin',
      birthday: '1980-05-17', tags: ['a', 'b'],
      emails: [{ address: a, label: 'work' }, { address: email('mp2') }],
      phones: [{ number: '+4915112345678' }],
      addresses: [{ label: 'home', line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' }],
    });
    const b = email('mp3');
    const res = await api('PATCH', `/customers/${c.id}`, {
      body: {
        language: null,
        birthday: null,
        tags: ['c'],
        emails: [{ address: b }],
        addresses: [],
        lifecycle_stage: 'prospect',
      },
    });
    const p = expectStatus(res, 200);
    assert.equal(p.first_name, 'Merge', 'absent field unchanged');
    assert.equal(p.last_name, 'Patch');
    assert.equal(p.time_zone, 'Europe/Berlin');
    assert.equal(p.language, null, 'null clears');
    assert.equal(p.birthday, null, 'null clears');
    assert.deepEqual(p.tags, ['c'], 'tags replaced');
    assert.deepEqual(p.emails.map((e) => [e.address, e.primary]), [[b, true]], 'emails replaced');
    assert.deepEqual(p.addresses, [], 'addresses replaced');
    assert.deepEqual(p.phones.map((x) => x.number), ['+4915112345678'], 'phones untouched');
    assert.equal(p.lifecycle_stage, 'prospect');

    // The released address is free for another customer now.
    await create({ first_name: 'Other', emails: [{ address: a }] }, 'reuse a released email');
    // ... and the new one is taken.
    const dup = await api('POST', '/customers', { body: { first_name: 'Other', emails: [{ address: b.toUpperCase() }] } });
    expectProblem(dup, 409, { firstField: 'emails[0].address' });

    const got = await api('GET', `/customers/${c.id}`);
    assert.deepEqual(got.body, p, 'GET shows the patched customer');
  });

  test('display_name follows the names until set explicitly', async () => {
    const c = await create({ first_name: 'Dee', last_name: 'Name' });
    const r = await api('PATCH', `/customers/${c.id}`, { body: { display_name: 'DN' } });
    expectStatus(r, 200);
    assert.equal(r.body.display_name, 'DN');
  });

  test('PATCH validation: bad values, unknown fields and emptying identity are 422 and change nothing', async () => {
    const c = await create({ first_name: 'Val', emails: [{ address: email('val') }] });
    await rejectedPatch(c.id, { first_name: 7 }, 422, { field: 'first_name' });
    await rejectedPatch(c.id, { phones: [{ number: '0151 2345678' }] }, 422, { field: 'phones[0].number' });
    await rejectedPatch(c.id, { birthday: '2021-04-31' }, 422, { field: 'birthday' });
    await rejectedPatch(c.id, { lifecycle_stage: 'vip' }, 422, { field: 'lifecycle_stage' });
    await rejectedPatch(c.id, { shoe_size: 44 }, 422, {});
    await rejectedPatch(c.id, { first_name: null, emails: [] }, 422, {});
    await rejectedPatch(c.id, { company_id: 'no-such-company' }, 422, { field: 'company_id' });
  });

  test('PATCH to another customer\'s email is 409 and changes nothing', async () => {
    const taken = email('taken');
    await create({ first_name: 'Owner', emails: [{ address: taken }] });
    const c = await create({ first_name: 'Thief', emails: [{ address: email('thief') }] });
    await rejectedPatch(c.id, { emails: [{ address: taken.toUpperCase() }] }, 409, { firstField: 'emails[0].address' });
  });

  test('a body that is not JSON is 400 and changes nothing', async () => {
    const c = await create({ first_name: 'Json' });
    const before = await api('GET', `/customers/${c.id}`);
    expectProblem(await api('PATCH', `/customers/${c.id}`, { body: '{"first_name": "x",' }), 400);
    expectProblem(await api('POST', '/customers', { body: '{"first_name": ' }), 400);
    const afterwards = await api('GET', `/customers/${c.id}`);
    assert.deepEqual(afterwards.body, before.body);
  });
});

describe('sorting by name', () => {
  // Not spelled out in the contract: a name sort a person would expect ignores case.
  test('sort=display_name ignores case', async () => {
    const prefix = uniq('Zz');
    for (const x of ['banana', 'Apple', 'Cherry']) await create({ display_name: `${prefix} ${x}`, first_name: x });
    for (const limit of [200, 1]) {
      const { items } = await listAll(server, '/customers?sort=display_name', { limit });
      const mine = items.map((c) => c.display_name).filter((nm) => nm.startsWith(prefix));
      assert.deepEqual(mine, ['Apple', 'banana', 'Cherry'].map((x) => `${prefix} ${x}`), `limit=${limit}`);
    }
  });
});

describe('consent', () => {
  test('consent is recorded per channel and purpose, with history newest first', async () => {
    const c = await create({
      first_name: 'Con', emails: [{ address: email('consent') }],
      consent: { email: { marketing: { status: 'granted', source: 'web form', wording_version: 'v2' } } },
    });
    expectConsentMatrix(c.consent, { 'email.marketing': 'granted' });
    const cell = c.consent.email.marketing;
    assert.equal(cell.source, 'web form');
    assert.equal(cell.wording_version, 'v2');
    expectTimestamp(cell.recorded_at, 'consent.email.marketing.recorded_at');

    let res = await api('GET', `/customers/${c.id}/consent`);
    expectStatus(res, 200);
    expectConsentMatrix(res.body.current, { 'email.marketing': 'granted' });
    assert.equal(res.body.history.length, 1, `history: ${fmt(res)}`);
    assert.deepEqual(
      (({ channel, purpose, status, source, wording_version }) => ({ channel, purpose, status, source, wording_version }))(res.body.history[0]),
      { channel: 'email', purpose: 'marketing', status: 'granted', source: 'web form', wording_version: 'v2' },
    );
    expectTimestamp(res.body.history[0].recorded_at, 'history[0].recorded_at');

    const p1 = await api('PATCH', `/customers/${c.id}`, {
      body: { consent: { sms: { service: { status: 'denied', source: 'phone call', wording_version: 'v1' } } } },
    });
    expectStatus(p1, 200);
    expectConsentMatrix(p1.body.consent, { 'email.marketing': 'granted', 'sms.service': 'denied' });

    const p2 = await api('PATCH', `/customers/${c.id}`, {
      body: { consent: { email: { marketing: { status: 'denied', source: 'unsubscribe link', wording_version: 'v2' } } } },
    });
    expectStatus(p2, 200);
    expectConsentMatrix(p2.body.consent, { 'email.marketing': 'denied', 'sms.service': 'denied' });

    res = await api('GET', `/customers/${c.id}/consent`);
    expectStatus(res, 200);
    expectConsentMatrix(res.body.current, { 'email.marketing': 'denied', 'sms.service': 'denied' });
    const h = res.body.history.map((e) => `${e.channel}.${e.purpose}=${e.status}`);
    assert.deepEqual(h, ['email.marketing=denied', 'sms.service=denied', 'email.marketing=granted'], 'history newest first');
    const times = res.body.history.map((e) => Date.parse(e.recorded_at));
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1] >= times[i], `history not newest first: ${fmt(res)}`);
  });

  test('invalid consent is 422 and records nothing', async () => {
    const c = await create({ first_name: 'Con2' });
    await rejectedPatch(c.id, { consent: { email: { marketing: { status: 'maybe' } } } }, 422, { fieldPrefix: 'consent' });
    await rejectedPatch(c.id, { consent: { fax: { marketing: { status: 'granted' } } } }, 422, { fieldPrefix: 'consent' });
    await rejectedPatch(c.id, { consent: { email: { sales: { status: 'granted' } } } }, 422, { fieldPrefix: 'consent' });
    const res = await api('GET', `/customers/${c.id}/consent`);
    expectStatus(res, 200);
    assert.deepEqual(res.body.history, []);
    expectConsentMatrix(res.body.current);
  });

  test('consent of an unknown customer is 404', async () => {
    expectProblem(await api('GET', '/customers/nope/consent'), 404);
  });
});

describe('custom fields', () => {
  before(async () => {
    const defs = [
      { object_type: 'customer', key: 'shoe_size', label: 'Shoe size', type: 'number' },
      { object_type: 'customer', key: 'contract_start', label: 'Contract start', type: 'date' },
      { object_type: 'customer', key: 'is_vip', label: 'VIP', type: 'boolean' },
      { object_type: 'customer', key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'] },
      { object_type: 'customer', key: 'nickname', label: 'Nickname', type: 'text' },
      { object_type: 'company', key: 'employees_band', label: 'Employees', type: 'text' },
    ];
    for (const d of defs) {
      const res = await api('POST', '/custom-fields', { body: d });
      expectStatus(res, 201, `define ${d.key}`);
      assert.equal(res.body.key, d.key);
      assert.equal(res.body.type, d.type);
      assert.equal(res.body.object_type, d.object_type);
      assert.equal(res.body.label, d.label);
      if (d.options) assert.deepEqual(res.body.options, d.options);
    }
  });

  test('definitions are listed per object type', async () => {
    const res = await api('GET', '/custom-fields?object_type=customer');
    expectStatus(res, 200);
    const keys = res.body.data.map((d) => d.key).sort();
    assert.deepEqual(keys, ['contract_start', 'is_vip', 'nickname', 'shoe_size', 'tier']);
    const co = await api('GET', '/custom-fields?object_type=company');
    expectStatus(co, 200);
    assert.deepEqual(co.body.data.map((d) => d.key), ['employees_band']);
  });

  test('bad definitions are rejected', async () => {
    const before = await api('GET', '/custom-fields?object_type=customer');
    expectProblem(await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'shoe_size', label: 'Again', type: 'number' } }), 409);
    expectProblem(await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'colour', label: 'Colour', type: 'select' } }), 422, { field: 'options' });
    expectProblem(await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'Not Snake', label: 'x', type: 'text' } }), 422, { field: 'key' });
    expectProblem(await api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'hue', label: 'x', type: 'colour' } }), 422, { field: 'type' });
    expectProblem(await api('POST', '/custom-fields', { body: { object_type: 'order', key: 'hue', label: 'x', type: 'text' } }), 422, { field: 'object_type' });
    const afterwards = await api('GET', '/custom-fields?object_type=customer');
    assert.deepEqual(afterwards.body, before.body, 'rejected definitions changed the list');
  });

  test('typed values are stored and returned', async () => {
    const c = await create({
      first_name: 'Custom',
      custom_fields: { shoe_size: 44.5, contract_start: '2024-03-01', is_vip: true, tier: 'gold', nickname: 'Cus' },
    });
    assert.deepEqual(c.custom_fields, { shoe_size: 44.5, contract_start: '2024-03-01', is_vip: true, tier: 'gold', nickname: 'Cus' });
  });

  test('undefined keys and wrong types are 422 on the custom field', async () => {
    await rejectedCreate({ first_name: 'CF', custom_fields: { favourite_band: 'x' } }, 422, { field: 'custom_fields.favourite_band' });
    await rejectedCreate({ first_name: 'CF', custom_fields: { shoe_size: 'large' } }, 422, { field: 'custom_fields.shoe_size' });
    await rejectedCreate({ first_name: 'CF', custom_fields: { contract_start: '01.03.2024' } }, 422, { field: 'custom_fields.contract_start' });
    await rejectedCreate({ first_name: 'CF', custom_fields: { contract_start: '2024-02-30' } }, 422, { field: 'custom_fields.contract_start' });
    await rejectedCreate({ first_name: 'CF', custom_fields: { is_vip: 'yes' } }, 422, { field: 'custom_fields.is_vip' });
    await rejectedCreate({ first_name: 'CF', custom_fields: { tier: 'platinum' } }, 422, { field: 'custom_fields.tier' });
    await rejectedCreate({ first_name: 'CF', custom_fields: { nickname: 12 } }, 422, { field: 'custom_fields.nickname' });
    // A company field is not a customer field.
    await rejectedCreate({ first_name: 'CF', custom_fields: { employees_band: '1-10' } }, 422, { field: 'custom_fields.employees_band' });
  });

  test('PATCH merges custom_fields per key and null removes a key', async () => {
    const c = await create({ first_name: 'Merge', custom_fields: { shoe_size: 40, tier: 'silver' } });
    const r1 = await api('PATCH', `/customers/${c.id}`, { body: { custom_fields: { tier: 'gold', nickname: 'M' } } });
    expectStatus(r1, 200);
    assert.deepEqual(r1.body.custom_fields, { shoe_size: 40, tier: 'gold', nickname: 'M' });
    const r2 = await api('PATCH', `/customers/${c.id}`, { body: { custom_fields: { shoe_size: null } } });
    expectStatus(r2, 200);
    assert.deepEqual(r2.body.custom_fields, { tier: 'gold', nickname: 'M' });
    await rejectedPatch(c.id, { custom_fields: { shoe_size: '41' } }, 422, { field: 'custom_fields.shoe_size' });
    await rejectedPatch(c.id, { custom_fields: { nope: 1 } }, 422, { field: 'custom_fields.nope' });
  });
});

describe('delete', () => {
  test('DELETE is 204, then the customer is gone', async () => {
    const c = await create({ first_name: 'Gone', emails: [{ address: email('gone') }] });
    const del = await api('DELETE', `/customers/${c.id}`);
    expectStatus(del, 204);
    assert.equal(del.text, '', '204 has no body');
    expectProblem(await api('GET', `/customers/${c.id}`), 404);
    expectProblem(await api('DELETE', `/customers/${c.id}`), 404);
    expectProblem(await api('PATCH', `/customers/${c.id}`, { body: { first_name: 'Back' } }), 404);
    const list = await listAll(server, '/customers');
    assert.ok(!list.items.some((x) => x.id === c.id), 'deleted customer still listed');
  });

  test('DELETE honours If-Match', async () => {
    const c = await create({ first_name: 'Cond' });
    const p = await api('PATCH', `/customers/${c.id}`, { body: { last_name: 'Itional' } });
    expectStatus(p, 200);
    expectProblem(await api('DELETE', `/customers/${c.id}`, { headers: { 'if-match': `"v${c.version}"` } }), 412);
    expectStatus(await api('GET', `/customers/${c.id}`), 200, 'still there after a stale conditional delete');
    expectStatus(await api('DELETE', `/customers/${c.id}`, { headers: { 'if-match': p.headers.etag } }), 204);
    expectProblem(await api('GET', `/customers/${c.id}`), 404);
  });
});
