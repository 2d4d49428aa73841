// Companies, interactions, the customer timeline, the overview (with asynchronously
// maintained metrics) and the events feed.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, waitFor } from './lib/server.mjs';
import {
  expectStatus, expectProblem, expectTimestamp, expectSameIds, listAll, ids, fmt,
} from './lib/expect.mjs';

let server;
const api = (...a) => server.api(...a);
let n = 0;
const uniq = (p) => `${p}${Date.now().toString(36)}${n++}`;

before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stopClean(); });

async function createCompany(body) {
  const res = await api('POST', '/companies', { body });
  expectStatus(res, 201, `create company ${JSON.stringify(body)}`);
  return res.body;
}
async function createCustomer(body) {
  const res = await api('POST', '/customers', { body });
  expectStatus(res, 201, `create customer ${JSON.stringify(body)}`);
  return res.body;
}
async function logInteraction(customerId, body) {
  const res = await api('POST', `/customers/${customerId}/interactions`, { body });
  expectStatus(res, 201, `log interaction ${JSON.stringify(body)}`);
  return res.body;
}
async function allCompanies(query = '') {
  return (await listAll(server, `/companies${query}`)).items;
}

// ---------------------------------------------------------------------------------------------

describe('companies', () => {
  test('create, read, Location, ETag and a lower-cased domain', async () => {
    const body = {
      name: 'Acme Corp',
      domain: 'Acme-Corp.EXAMPLE',
      industry: 'manufacturing',
      address: { label: 'hq', line1: '1 Road Runner Way', line2: null, city: 'Phoenix', region: 'AZ', postal_code: '85001', country: 'US' },
      owner_id: 'staff-7',
      tags: ['b2b', 'key-account'],
    };
    const res = await api('POST', '/companies', { body });
    const c = expectStatus(res, 201);
    assert.equal(typeof c.id, 'string');
    assert.equal(res.headers.location, `/api/v1/companies/${c.id}`, fmt(res));
    assert.equal(res.headers.etag, `"v${c.version}"`, fmt(res));
    assert.equal(c.name, 'Acme Corp');
    assert.equal(c.domain, 'acme-corp.example');
    assert.equal(c.industry, 'manufacturing');
    assert.equal(c.owner_id, 'staff-7');
    assert.deepEqual(c.tags, ['b2b', 'key-account']);
    // Address parts given as null are simply absent, as in customer addresses.
    const { line2, ...storedAddress } = body.address;
    assert.equal(line2, null);
    assert.deepEqual(c.address, storedAddress);
    assert.deepEqual(c.custom_fields, {});
    expectTimestamp(c.created_at, 'created_at');
    expectTimestamp(c.updated_at, 'updated_at');
    const got = await api('GET', `/companies/${c.id}`);
    expectStatus(got, 200);
    assert.deepEqual(got.body, c);
    assert.equal(got.headers.etag, `"v${c.version}"`);
  });

  test('name is required', async () => {
    const before = await allCompanies();
    expectProblem(await api('POST', '/companies', { body: { domain: 'noname.example' } }), 422, { field: 'name' });
    expectProblem(await api('POST', '/companies', { body: { name: '' } }), 422, { field: 'name' });
    expectProblem(await api('POST', '/companies', { body: { name: 12 } }), 422, { field: 'name' });
    expectProblem(await api('POST', '/companies', { body: { name: 'X', color: 'red' } }), 422);
    assert.deepEqual(await allCompanies(), before);
  });

  test('domain is unique, case-insensitively: 409 on domain', async () => {
    const d = `${uniq('dom')}.example`;
    await createCompany({ name: 'First', domain: d });
    const before = await allCompanies();
    expectProblem(await api('POST', '/companies', { body: { name: 'Second', domain: d.toUpperCase() } }), 409, { field: 'domain' });
    const other = await createCompany({ name: 'Third', domain: `other-${d}` });
    expectProblem(await api('PATCH', `/companies/${other.id}`, { body: { domain: d } }), 409, { field: 'domain' });
    const afterwards = await allCompanies();
    assert.deepEqual(afterwards.filter((c) => c.id !== other.id), before);
    assert.equal((await api('GET', `/companies/${other.id}`)).body.domain, `other-${d}`);
  });

  test('merge patch and If-Match', async () => {
    const c = await createCompany({ name: 'Patchable', industry: 'retail', tags: ['a', 'b'] });
    const r1 = await api('PATCH', `/companies/${c.id}`, { body: { industry: null, tags: ['c'] }, headers: { 'if-match': `"v${c.version}"` } });
    expectStatus(r1, 200);
    assert.equal(r1.body.name, 'Patchable');
    assert.equal(r1.body.industry, null);
    assert.deepEqual(r1.body.tags, ['c']);
    assert.equal(r1.body.version, c.version + 1);
    assert.equal(r1.headers.etag, `"v${c.version + 1}"`);
    expectProblem(await api('PATCH', `/companies/${c.id}`, { body: { name: 'Stale' }, headers: { 'if-match': `"v${c.version}"` } }), 412);
    expectProblem(await api('PATCH', `/companies/${c.id}`, { body: { name: null } }), 422, { field: 'name' });
    const got = await api('GET', `/companies/${c.id}`);
    assert.deepEqual(got.body, r1.body, 'rejected patches changed nothing');
  });

  test('unknown company id is 404', async () => {
    expectProblem(await api('GET', '/companies/nope'), 404);
    expectProblem(await api('PATCH', '/companies/nope', { body: { name: 'x' } }), 404);
    expectProblem(await api('DELETE', '/companies/nope'), 404);
  });

  test('listing: q by name prefix, sort by name, paging', async () => {
    const prefix = uniq('Qz');
    const names = ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo'].map((x) => `${prefix} ${x}`);
    const made = [];
    for (const name of names) made.push(await createCompany({ name }));
    const hits = (await listAll(server, `/companies?q=${encodeURIComponent(prefix.toLowerCase())}`, { limit: 2 })).items;
    expectSameIds(ids(hits), ids(made), `q=${prefix}`);

    const everything = await allCompanies('?sort=created_at');
    for (const sort of ['name', '-name', 'created_at', '-created_at']) {
      const { items } = await listAll(server, `/companies?sort=${sort}`, { limit: 2 });
      expectSameIds(ids(items), ids(everything), `sort=${sort}`);
      const key = sort.endsWith('name') ? (c) => c.name.toLowerCase() : (c) => Date.parse(c.created_at);
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [key(items[i - 1]), key(items[i])];
        assert.ok(sort.startsWith('-') ? a >= b : a <= b, `companies not sorted by ${sort}: ${items[i - 1].name} / ${items[i].name}`);
      }
    }
    expectProblem(await api('GET', '/companies?sort=domain_length'), 422, { field: 'sort' });
    expectProblem(await api('GET', '/companies?limit=0'), 422, { field: 'limit' });
    expectProblem(await api('GET', '/companies?cursor=garbage'), 400);
  });

  // Not spelled out in the contract: a name sort a person would expect ignores case.
  test('sort=name ignores case', async () => {
    const prefix = uniq('Case');
    for (const x of ['banana', 'Apple', 'Cherry']) await createCompany({ name: `${prefix} ${x}` });
    for (const limit of [200, 1]) {
      const { items } = await listAll(server, '/companies?sort=name', { limit });
      const mine = items.map((c) => c.name).filter((nm) => nm.startsWith(prefix));
      assert.deepEqual(mine, ['Apple', 'banana', 'Cherry'].map((x) => `${prefix} ${x}`), `limit=${limit}`);
    }
  });

  test('company custom fields are typed', async () => {
    const def = await api('POST', '/custom-fields', { body: { object_type: 'company', key: 'employees', label: 'Employees', type: 'number' } });
    expectStatus(def, 201);
    const c = await createCompany({ name: 'Counted', custom_fields: { employees: 120 } });
    assert.deepEqual(c.custom_fields, { employees: 120 });
    expectProblem(await api('POST', '/companies', { body: { name: 'Bad', custom_fields: { employees: 'many' } } }), 422, { field: 'custom_fields.employees' });
    expectProblem(await api('POST', '/companies', { body: { name: 'Bad', custom_fields: { revenue: 1 } } }), 422, { field: 'custom_fields.revenue' });
  });

  test('a customer\'s company must exist; deleting the company clears company_id', async () => {
    const before = (await listAll(server, '/customers')).items.length;
    expectProblem(await api('POST', '/customers', { body: { first_name: 'Orphan', company_id: 'no-such-company' } }), 422, { field: 'company_id' });
    assert.equal((await listAll(server, '/customers')).items.length, before);

    const co = await createCompany({ name: 'Doomed Ltd', domain: `${uniq('doomed')}.example` });
    const a = await createCustomer({ first_name: 'Worker', last_name: 'A', company_id: co.id });
    const b = await createCustomer({ first_name: 'Worker', last_name: 'B', company_id: co.id });
    assert.equal(a.company_id, co.id);

    expectStatus(await api('DELETE', `/companies/${co.id}`), 204);
    expectProblem(await api('GET', `/companies/${co.id}`), 404);
    for (const c of [a, b]) {
      const got = await api('GET', `/customers/${c.id}`);
      expectStatus(got, 200, 'customer survives its company');
      assert.equal(got.body.company_id, null, `company_id after deleting the company: ${fmt(got)}`);
    }
    expectProblem(await api('PATCH', `/customers/${a.id}`, { body: { company_id: co.id } }), 422, { field: 'company_id' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('interactions and timeline', () => {
  let customer;
  const logged = [];

  before(async () => {
    customer = await createCustomer({ first_name: 'Tim', last_name: 'Line' });
    const plan = [
      ['email', 'inbound', 'message', '2025-05-03T10:00:00.000Z'],
      ['phone', 'outbound', 'call', '2025-05-01T09:00:00.000Z'],
      ['chat', 'inbound', 'message', '2025-05-07T12:30:00.000Z'],
      ['email', 'outbound', 'message', '2025-05-02T08:00:00.000Z'],
      ['in_person', 'outbound', 'meeting', '2025-05-09T15:00:00.000Z'],
      ['phone', 'inbound', 'call', '2025-05-05T11:00:00.000Z'],
      ['other', 'internal', 'note', '2025-05-04T17:45:00.000Z'],
      ['sms', 'outbound', 'message', '2025-05-08T07:15:00.000Z'],
      ['phone', 'outbound', 'call', '2025-05-06T13:00:00.000Z'],
      ['web', 'inbound', 'visit', '2025-05-10T19:00:00.000Z'],
    ];
    for (const [channel, direction, kind, occurred_at] of plan) {
      logged.push(await logInteraction(customer.id, { channel, direction, kind, occurred_at, subject: `${kind} via ${channel}` }));
    }
  });

  test('an interaction with every field round-trips', async () => {
    const c = await createCustomer({ first_name: 'Full', last_name: 'Interaction' });
    const body = {
      channel: 'phone', direction: 'inbound', kind: 'call', subject: 'Billing question', body: 'Asked about invoice 42.',
      occurred_at: '2025-06-01T10:20:30.000Z', duration_seconds: 340, staff_id: 'staff-3', sentiment: 'negative',
      external_ref: 'pbx-991', metadata: { queue: 'billing', wait_seconds: 12 },
    };
    const res = await api('POST', `/customers/${c.id}/interactions`, { body });
    const i = expectStatus(res, 201);
    assert.equal(typeof i.id, 'string');
    for (const k of Object.keys(body)) {
      if (k === 'occurred_at') assert.equal(Date.parse(i.occurred_at), Date.parse(body.occurred_at));
      else assert.deepEqual(i[k], body[k], `interaction.${k}`);
    }
    // Read back by id: the same entry; under another customer, or unknown, it does not exist.
    const read = expectStatus(await api('GET', `/customers/${c.id}/interactions/${i.id}`), 200);
    assert.deepEqual(read, i);
    expectProblem(await api('GET', `/customers/${customer.id}/interactions/${i.id}`), 404);
    expectProblem(await api('GET', `/customers/${c.id}/interactions/int_nope`), 404);
  });

  test('occurred_at defaults to now', async () => {
    const i = await logInteraction(customer.id, { channel: 'email', direction: 'outbound', kind: 'message', subject: 'now' });
    expectTimestamp(i.occurred_at, 'occurred_at');
    assert.ok(Math.abs(Date.parse(i.occurred_at) - Date.now()) < 5 * 60_000, `occurred_at ${i.occurred_at} is not now`);
    logged.push(i);
  });

  test('interaction validation', async () => {
    const base = { channel: 'email', direction: 'inbound', kind: 'message' };
    const bad = [
      [{ ...base, channel: 'pigeon' }, 'channel'],
      [{ ...base, direction: 'sideways' }, 'direction'],
      [{ ...base, sentiment: 'ecstatic' }, 'sentiment'],
      [{ ...base, occurred_at: 'last tuesday' }, 'occurred_at'],
      [{ ...base, occurred_at: '2025-02-30T10:00:00Z' }, 'occurred_at'],
      [{ ...base, duration_seconds: -5 }, 'duration_seconds'],
      [{ ...base, duration_seconds: 'long' }, 'duration_seconds'],
      [{ ...base, metadata: 'x' }, 'metadata'],
      [{ direction: 'inbound', kind: 'message' }, 'channel'],
    ];
    for (const [body, field] of bad) {
      expectProblem(await api('POST', `/customers/${customer.id}/interactions`, { body }), 422, { field });
    }
    expectProblem(await api('POST', `/customers/${customer.id}/interactions`, { body: { ...base, mood: 'happy' } }), 422);
    expectProblem(await api('POST', `/customers/${customer.id}/interactions`, { body: '{"channel":' }), 400);
    expectProblem(await api('POST', '/customers/no-such-customer/interactions', { body: base }), 404);
    const tl = (await listAll(server, `/customers/${customer.id}/timeline`)).items;
    assert.equal(tl.length, logged.length, 'rejected interactions were not stored');
  });

  test('the timeline is newest first and pages exactly once', async () => {
    const { items, pages } = await listAll(server, `/customers/${customer.id}/timeline`, { limit: 3 });
    expectSameIds(ids(items), ids(logged), 'timeline');
    assert.ok(pages.every((p) => p <= 3));
    const times = items.map((i) => Date.parse(i.occurred_at));
    for (let k = 1; k < times.length; k++) assert.ok(times[k - 1] >= times[k], `timeline not newest first at ${k}`);
    const expectedOrder = [...logged].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at)).map((i) => i.id);
    assert.deepEqual(ids(items), expectedOrder);
  });

  test('timeline filters by channel and kind', async () => {
    const phone = (await listAll(server, `/customers/${customer.id}/timeline?channel=phone`, { limit: 2 })).items;
    expectSameIds(ids(phone), logged.filter((i) => i.channel === 'phone').map((i) => i.id), 'channel=phone');
    const notes = (await listAll(server, `/customers/${customer.id}/timeline?kind=note`)).items;
    expectSameIds(ids(notes), logged.filter((i) => i.kind === 'note').map((i) => i.id), 'kind=note');
    const both = (await listAll(server, `/customers/${customer.id}/timeline?channel=email&kind=message`)).items;
    expectSameIds(ids(both), logged.filter((i) => i.channel === 'email' && i.kind === 'message').map((i) => i.id), 'channel=email&kind=message');
    expectProblem(await api('GET', `/customers/${customer.id}/timeline?channel=pigeon`), 422, { field: 'channel' });
    expectProblem(await api('GET', `/customers/${customer.id}/timeline?limit=500`), 422, { field: 'limit' });
    expectProblem(await api('GET', `/customers/${customer.id}/timeline?cursor=garbage`), 400);
    expectProblem(await api('GET', '/customers/no-such-customer/timeline'), 404);
  });

  test('the overview shows customer, company, consent, counts, last contact and the latest 20', async () => {
    const co = await createCompany({ name: 'Overview Inc', domain: `${uniq('ov')}.example` });
    const c = await createCustomer({
      first_name: 'Olive', last_name: 'View', company_id: co.id,
      consent: { email: { marketing: { status: 'granted', source: 'signup', wording_version: 'v1' } } },
    });
    const made = [];
    for (let k = 0; k < 25; k++) {
      const channel = k < 15 ? 'email' : 'phone';
      const occurred_at = new Date(Date.UTC(2025, 6, 1, 8, 0, 0) + k * 3_600_000).toISOString();
      made.push(await logInteraction(c.id, {
        channel, direction: 'outbound', kind: channel === 'email' ? 'message' : 'call', subject: `#${k}`, occurred_at,
      }));
    }
    const newest = made[24];

    const ov = await waitFor(async () => {
      const res = await api('GET', `/customers/${c.id}/overview`);
      expectStatus(res, 200);
      const counts = Object.fromEntries(Object.entries(res.body.interaction_counts ?? {}).filter(([, v]) => v !== 0));
      assert.deepEqual(counts, { email: 15, phone: 10 }, `interaction_counts: ${fmt(res)}`);
      assert.ok(res.body.last_contact_at, `last_contact_at: ${fmt(res)}`);
      assert.equal(Date.parse(res.body.last_contact_at), Date.parse(newest.occurred_at), `last_contact_at: ${fmt(res)}`);
      return res.body;
    }, { timeoutMs: 10_000, message: 'overview metrics' });

    assert.equal(ov.customer.id, c.id);
    assert.equal(ov.customer.first_name, 'Olive');
    assert.equal(ov.company?.id, co.id);
    assert.equal(ov.company.name, 'Overview Inc');
    assert.equal(ov.consent.email.marketing.status, 'granted');
    assert.equal(ov.consent.sms.marketing.status, 'unknown');
    assert.equal(ov.timeline.length, 20);
    assert.deepEqual(ids(ov.timeline), made.slice(5).reverse().map((i) => i.id), 'overview timeline = latest 20, newest first');
  });

  test('overview without company or interactions; unknown customer is 404', async () => {
    const c = await createCustomer({ first_name: 'Quiet' });
    const res = await api('GET', `/customers/${c.id}/overview`);
    expectStatus(res, 200);
    assert.equal(res.body.company, null);
    assert.deepEqual(res.body.timeline, []);
    assert.equal(res.body.last_contact_at, null);
    assert.ok(Object.values(res.body.interaction_counts ?? {}).every((v) => v === 0), fmt(res));
    expectProblem(await api('GET', '/customers/no-such-customer/overview'), 404);
  });
});

// ---------------------------------------------------------------------------------------------

describe('events feed', () => {
  async function allEvents() {
    const events = [];
    let after = 0;
    for (let page = 0; page < 500; page++) {
      const res = await api('GET', `/events?after=${after}&limit=100`);
      expectStatus(res, 200);
      assert.ok(Array.isArray(res.body.data), fmt(res));
      if (res.body.data.length === 0) {
        assert.equal(Number(res.body.next_after), Number(after), `next_after on an empty page: ${fmt(res)}`);
        return events;
      }
      assert.ok(res.body.data.length <= 100);
      events.push(...res.body.data);
      const last = res.body.data[res.body.data.length - 1].seq;
      assert.equal(Number(res.body.next_after), Number(last), `next_after is the last seq: ${fmt(res)}`);
      after = res.body.next_after;
    }
    assert.fail('events feed did not end within 500 pages');
  }

  test('writes emit events in order with the documented shape', async () => {
    const cust = await createCustomer({ first_name: 'Evan', last_name: 'Ts' });
    const patched = await api('PATCH', `/customers/${cust.id}`, { body: { last_name: 'Tee' } });
    expectStatus(patched, 200);
    const inter = await logInteraction(cust.id, { channel: 'chat', direction: 'inbound', kind: 'message', subject: 'hey' });
    const co = await createCompany({ name: 'Eventful', domain: `${uniq('ev')}.example` });
    expectStatus(await api('PATCH', `/companies/${co.id}`, { body: { industry: 'events' } }), 200);
    expectStatus(await api('DELETE', `/companies/${co.id}`), 204);
    expectStatus(await api('DELETE', `/customers/${cust.id}`), 204);

    const events = await waitFor(async () => {
      const ev = await allEvents();
      const types = (agg) => ev.filter((e) => e.aggregate_id === agg).map((e) => e.type);
      assert.deepEqual(types(cust.id).filter((t) => t.startsWith('customer.')), ['customer.created', 'customer.updated', 'customer.deleted'],
        'customer events');
      assert.deepEqual(types(co.id), ['company.created', 'company.updated', 'company.deleted'], 'company events');
      assert.ok(ev.some((e) => e.type === 'interaction.logged'
        && (e.aggregate_id === inter.id || e.aggregate_id === cust.id)
        && JSON.stringify(e.payload).includes(cust.id)), 'interaction.logged event for the interaction');
      return ev;
    }, { timeoutMs: 10_000, message: 'events' });

    const seqs = events.map((e) => Number(e.seq));
    for (let k = 1; k < seqs.length; k++) assert.ok(seqs[k] > seqs[k - 1], `seq not increasing at ${k}: ${seqs[k - 1]} then ${seqs[k]}`);
    assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'event ids are unique');
    for (const e of events) {
      assert.equal(typeof e.id, 'string', JSON.stringify(e));
      assert.equal(typeof e.type, 'string', JSON.stringify(e));
      assert.ok(['customer', 'company', 'interaction'].includes(e.aggregate_type) || typeof e.aggregate_type === 'string', JSON.stringify(e));
      assert.equal(typeof e.aggregate_id, 'string', JSON.stringify(e));
      expectTimestamp(e.occurred_at, `event ${e.seq} occurred_at`);
      assert.equal(typeof e.payload, 'object', JSON.stringify(e));
    }
    const created = events.find((e) => e.type === 'customer.created' && e.aggregate_id === cust.id);
    assert.equal(created.aggregate_type, 'customer');
    const compCreated = events.find((e) => e.type === 'company.created' && e.aggregate_id === co.id);
    assert.equal(compCreated.aggregate_type, 'company');

    // Reading after the middle returns only later events.
    const mid = events[Math.floor(events.length / 2)].seq;
    const res = await api('GET', `/events?after=${mid}&limit=5`);
    expectStatus(res, 200);
    assert.ok(res.body.data.length > 0 && res.body.data.length <= 5);
    assert.ok(res.body.data.every((e) => Number(e.seq) > Number(mid)));
    assert.equal(res.body.data[0].seq, events[Math.floor(events.length / 2) + 1].seq);
  });

  test('a garbage position in the feed is 400 or 422', async () => {
    for (const q of ['after=abc', 'after=1e999x']) {
      const res = await api('GET', `/events?${q}`);
      assert.ok([400, 422].includes(res.status), `GET /events?${q}: ${fmt(res)}`);
    }
  });
});
