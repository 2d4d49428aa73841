// Listing and searching customers: cursor paging across every sort, full-text q, the
// structured filter language with every operator, custom fields in filters and error paths.
//
// The suite builds one known data set of 120 customers (plus a few named ones for full-text)
// and compares every answer with what a plain JS evaluation over that data set expects.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, pool, waitFor } from './lib/server.mjs';
import {
  expectStatus, expectProblem, expectPage, expectSameIds, listAll, searchAll, ids, fmt,
} from './lib/expect.mjs';

let server;
const api = (...a) => server.api(...a);

/** id -> latest representation returned by the server */
const records = new Map();
const all = () => [...records.values()];
let companyId = null;
let companyError = null;
let customFieldsOk = false;
let customFieldsError = null;
const named = {};            // special customers for full-text tests
const setupProblems = [];    // optional setup steps that failed (reported by the first test)

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hans', 'Ida', 'Jonas'];
const LAST = ['Schmidt', 'Schulz', 'Schneider', 'Fischer', 'Weber', 'Meyer'];
const STAGES = ['lead', 'prospect', 'customer', 'churned'];

function specFor(i) {
  const spec = {
    first_name: FIRST[i % 10],
    last_name: LAST[Math.floor(i / 10) % 6],
    emails: [{ address: i % 9 === 0 ? `p${i}@corp.example` : `p${i}@list.example` }],
    lifecycle_stage: STAGES[i % 4],
    language: i % 2 === 0 ? 'de' : 'en',
    external_id: `ext-${i}`,
    tags: [],
  };
  if (i % 4 !== 0) spec.birthday = `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`;
  if (i % 3 === 0) spec.tags.push('newsletter');
  if (i % 5 === 0) spec.tags.push('goldmember');
  if (i % 10 === 0) spec.phones = [{ number: `+4917000000${String(i).padStart(3, '0')}` }];
  if (i % 8 === 0) spec.consent = { email: { marketing: { status: 'granted', source: 'test' } } };
  if (i % 8 === 1) spec.consent = { email: { marketing: { status: 'denied', source: 'test' } } };
  if (customFieldsOk) {
    const cf = {};
    if (i % 2 === 0) cf.score = (i * 7) % 101;     // 0..100, puts 9 and 10 (string-order traps) in play
    if (i % 3 === 1) cf.tier = 'gold';
    if (i % 3 === 2) cf.tier = 'silver';
    spec.custom_fields = cf;
  }
  return spec;
}

before(async () => {
  server = await startServer();

  for (const d of [
    { object_type: 'customer', key: 'score', label: 'Score', type: 'number' },
    { object_type: 'customer', key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'] },
  ]) {
    const res = await api('POST', '/custom-fields', { body: d });
    if (res.status !== 201) { customFieldsError = fmt(res); setupProblems.push(`custom field: ${customFieldsError}`); break; }
  }
  customFieldsOk = customFieldsError === null;

  const co = await api('POST', '/companies', { body: { name: 'Zyxwerk GmbH', domain: 'zyxwerk.example' } });
  if (co.status === 201) companyId = co.body.id; else { companyError = fmt(co); setupProblems.push(`company: ${companyError}`); }

  const specs = Array.from({ length: 120 }, (_, i) => specFor(i));
  if (companyId) for (const i of [5, 17, 29]) specs[i].company_id = companyId;
  // Named customers for full-text search.
  Object.assign(specs[1], { first_name: 'Janet', last_name: 'Fischer', emails: [{ address: 'janet.fischer@example.org' }] });
  Object.assign(specs[2], { first_name: 'Jan', last_name: 'Weber' });
  Object.assign(specs[3], { first_name: 'Janosch', last_name: 'Meyer' });

  const created = await pool(specs, 8, async (spec, i) => {
    const res = await api('POST', '/customers', { body: spec });
    expectStatus(res, 201, `create #${i} ${JSON.stringify(spec)}`);
    return res.body;
  });
  for (const c of created) records.set(c.id, c);
  named.janet = created[1];
  named.jan = created[2];
  named.janosch = created[3];
  named.phone = created[10];
  named.created = created;

  // Touch some so updated_at order differs from created_at order.
  for (const i of [0, 7, 14, 21, 28, 35, 100]) {
    const res = await api('PATCH', `/customers/${created[i].id}`, { body: { display_name: `Touched ${i} ${created[i].first_name}` } });
    if (res.status === 200) records.set(res.body.id, res.body);
    else setupProblems.push(`touch: ${fmt(res)}`);
  }
});

after(async () => { if (server) await server.stopClean(); });

// ---------------------------------------------------------------------------------------------

const SORT_KEYS = {
  created_at: (c) => Date.parse(c.created_at),
  updated_at: (c) => Date.parse(c.updated_at),
  display_name: (c) => (c.display_name ?? '').toLowerCase(),
  last_name: (c) => (c.last_name ?? '').toLowerCase(),
  first_name: (c) => (c.first_name ?? '').toLowerCase(),
};

function expectSorted(items, sort, what) {
  const desc = sort.startsWith('-');
  const key = SORT_KEYS[desc ? sort.slice(1) : sort];
  for (let i = 1; i < items.length; i++) {
    const a = key(items[i - 1]);
    const b = key(items[i]);
    const ok = desc ? a >= b : a <= b;
    assert.ok(ok, `${what}: not sorted by ${sort} at position ${i}: ${JSON.stringify(items[i - 1][desc ? sort.slice(1) : sort])} then ${JSON.stringify(items[i][desc ? sort.slice(1) : sort])}`);
  }
}

test('setup: every write of the data set succeeded', () => {
  assert.deepEqual(setupProblems, []);
});

describe('cursor paging', () => {
  for (const sort of ['created_at', '-created_at', 'updated_at', '-updated_at', 'display_name', '-display_name',
    'last_name', '-last_name', 'first_name', '-first_name']) {
    test(`sort=${sort}, limit=25 visits every customer exactly once, in order`, async () => {
      const { items, pages } = await listAll(server, `/customers?sort=${encodeURIComponent(sort)}`, { limit: 25 });
      expectSameIds(ids(items), [...records.keys()], `sort=${sort}`);
      assert.deepEqual(pages, [25, 25, 25, 25, 20], `page sizes for sort=${sort}`);
      expectSorted(items, sort, `sort=${sort}`);
    });
  }

  test('odd page sizes: limit=7 and limit=1 (first 30) with -display_name', async () => {
    const { items } = await listAll(server, '/customers?sort=-display_name', { limit: 7 });
    expectSameIds(ids(items), [...records.keys()], 'limit=7');
    expectSorted(items, '-display_name', 'limit=7');
    const full = await listAll(server, '/customers?sort=-display_name', { limit: 200 });
    assert.deepEqual(ids(items), ids(full.items), 'the order does not depend on the page size');
  });

  test('pages reflect the latest data', async () => {
    const { items } = await listAll(server, '/customers?sort=created_at', { limit: 200 });
    for (const c of items) assert.deepEqual(c, records.get(c.id), `listed customer ${c.id} differs from GET/PATCH result`);
  });

  test('the default sort is created_at and the default limit is 50', async () => {
    const res = await api('GET', '/customers');
    expectStatus(res, 200);
    expectPage(res);
    assert.equal(res.body.data.length, 50);
    assert.notEqual(res.body.next_cursor, null);
    const explicit = await api('GET', '/customers?sort=created_at&limit=50');
    assert.deepEqual(ids(res.body.data), ids(explicit.body.data));
  });

  test('limit bounds: 200 is fine, 0, 201, -1 and "ten" are 422 on limit', async () => {
    const ok = await api('GET', '/customers?limit=200');
    expectStatus(ok, 200);
    assert.equal(ok.body.data.length, 120);
    assert.equal(ok.body.next_cursor, null);
    for (const bad of ['0', '201', '-1', 'ten', '1.5']) {
      expectProblem(await api('GET', `/customers?limit=${bad}`), 422, { field: 'limit' });
    }
  });

  test('unknown sort is 422 on sort', async () => {
    for (const bad of ['bogus', '-bogus', 'email', '--created_at', 'display_name,created_at']) {
      expectProblem(await api('GET', `/customers?sort=${encodeURIComponent(bad)}`), 422, { field: 'sort' });
    }
  });

  test('a garbage cursor is 400', async () => {
    for (const bad of ['garbage', 'eyJub3QiOiJ2YWxpZCJ9', '%%%', 'A'.repeat(500)]) {
      expectProblem(await api('GET', `/customers?cursor=${encodeURIComponent(bad)}`), 400);
    }
  });
});

describe('full-text q', () => {
  const q = async (term, extra = '') => {
    const { items } = await listAll(server, `/customers?q=${encodeURIComponent(term)}${extra}`);
    return ids(items);
  };

  test('a name prefix finds every matching name ("jan" finds Janet, Jan and Janosch)', async () => {
    expectSameIds(await q('jan'), [named.janet.id, named.jan.id, named.janosch.id], 'q=jan');
    expectSameIds(await q('JANO'), [named.janosch.id], 'q=JANO');
  });

  test('several words: every word must match as a prefix', async () => {
    expectSameIds(await q('janet fisch'), [named.janet.id], 'q=janet fisch');
    expectSameIds(await q('fisch janet'), [named.janet.id], 'q=fisch janet');
  });

  test('an email address finds its customer', async () => {
    expectSameIds(await q('janet.fischer@example.org'), [named.janet.id], 'q=email');
    expectSameIds(await q('p42@list.example'), [named.created[42].id], 'q=p42@list.example');
  });

  test('a phone number finds its customer', async () => {
    const number = named.phone.phones[0].number;
    expectSameIds(await q(number), [named.phone.id], `q=${number}`);
  });

  test('a tag finds the tagged customers', async () => {
    const want = all().filter((c) => c.tags.includes('goldmember')).map((c) => c.id);
    assert.ok(want.length > 5);
    expectSameIds(await q('goldmember'), want, 'q=goldmember');
  });

  test('the company name finds its people', async () => {
    assert.ok(companyId, `company could not be created: ${companyError}`);
    expectSameIds(await q('zyxwerk'), [5, 17, 29].map((i) => named.created[i].id), 'q=zyxwerk');
  });

  test('no match is an empty page', async () => {
    const res = await api('GET', '/customers?q=qqqxxzz');
    expectStatus(res, 200);
    assert.deepEqual(res.body, { data: [], next_cursor: null });
  });

  test('q pages with limit=1 visit each hit once', async () => {
    const { items, pages } = await listAll(server, '/customers?q=jan', { limit: 1 });
    expectSameIds(ids(items), [named.janet.id, named.jan.id, named.janosch.id], 'q=jan limit=1');
    assert.ok(pages.every((n) => n <= 1));
  });

  test('q combines with sort', async () => {
    const { items } = await listAll(server, '/customers?q=goldmember&sort=-first_name', { limit: 4 });
    expectSorted(items, '-first_name', 'q=goldmember sort=-first_name');
  });
});

// ---------------------------------------------------------------------------------------------

const has = (v) => v !== null && v !== undefined;
const cmp = {
  eq: (a, b) => has(a) && a === b,
  neq: (a, b) => has(a) && a !== b,
  lt: (a, b) => has(a) && a < b,
  lte: (a, b) => has(a) && a <= b,
  gt: (a, b) => has(a) && a > b,
  gte: (a, b) => has(a) && a >= b,
};

describe('structured search', () => {
  // Each case: a filter and the JS predicate that defines the expected result.
  const cases = () => {
    const c = named.created;
    const pivotBirthday = c[5].birthday;
    const pivotCreated = [...all()].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))[60].created_at;
    return [
      ['eq first_name', { field: 'first_name', op: 'eq', value: 'Anna' }, (r) => r.first_name === 'Anna'],
      ['neq lifecycle_stage', { field: 'lifecycle_stage', op: 'neq', value: 'lead' }, (r) => r.lifecycle_stage !== 'lead'],
      ['lt birthday', { field: 'birthday', op: 'lt', value: pivotBirthday }, (r) => cmp.lt(r.birthday, pivotBirthday)],
      ['lte birthday', { field: 'birthday', op: 'lte', value: pivotBirthday }, (r) => cmp.lte(r.birthday, pivotBirthday)],
      ['gt birthday', { field: 'birthday', op: 'gt', value: pivotBirthday }, (r) => cmp.gt(r.birthday, pivotBirthday)],
      ['gte birthday', { field: 'birthday', op: 'gte', value: pivotBirthday }, (r) => cmp.gte(r.birthday, pivotBirthday)],
      ['in lifecycle_stage', { field: 'lifecycle_stage', op: 'in', value: ['customer', 'churned'] }, (r) => ['customer', 'churned'].includes(r.lifecycle_stage)],
      ['contains display_name', { field: 'display_name', op: 'contains', value: 'nna' }, (r) => r.display_name.includes('nna')],
      ['starts_with last_name', { field: 'last_name', op: 'starts_with', value: 'Sch' }, (r) => r.last_name.startsWith('Sch')],
      ['starts_with first_name', { field: 'first_name', op: 'starts_with', value: 'Ja' }, (r) => r.first_name.startsWith('Ja')],
      ['exists birthday true', { field: 'birthday', op: 'exists', value: true }, (r) => has(r.birthday)],
      ['exists birthday false', { field: 'birthday', op: 'exists', value: false }, (r) => !has(r.birthday)],
      ['eq language', { field: 'language', op: 'eq', value: 'de' }, (r) => r.language === 'de'],
      ['eq id', { field: 'id', op: 'eq', value: c[77].id }, (r) => r.id === c[77].id],
      ['in id', { field: 'id', op: 'in', value: [c[1].id, c[2].id, 'no-such-id'] }, (r) => [c[1].id, c[2].id].includes(r.id)],
      ['eq external_id', { field: 'external_id', op: 'eq', value: 'ext-33' }, (r) => r.external_id === 'ext-33'],
      ['gte created_at', { field: 'created_at', op: 'gte', value: pivotCreated }, (r) => Date.parse(r.created_at) >= Date.parse(pivotCreated)],
      ['lt created_at', { field: 'created_at', op: 'lt', value: pivotCreated }, (r) => Date.parse(r.created_at) < Date.parse(pivotCreated)],
      ['eq email', { field: 'email', op: 'eq', value: 'janet.fischer@example.org' }, (r) => r.id === named.janet.id],
      ['contains email', { field: 'email', op: 'contains', value: '@corp.example' }, (r) => r.emails.some((e) => e.address.includes('@corp.example'))],
      ['starts_with email', { field: 'email', op: 'starts_with', value: 'p1' }, (r) => r.emails.some((e) => e.address.startsWith('p1'))],
      ['eq phone', { field: 'phone', op: 'eq', value: named.phone.phones[0].number }, (r) => r.id === named.phone.id],
      ['exists phone', { field: 'phone', op: 'exists', value: true }, (r) => r.phones.length > 0],
      ['tags eq', { field: 'tags', op: 'eq', value: 'goldmember' }, (r) => r.tags.includes('goldmember')],
      ['tags contains', { field: 'tags', op: 'contains', value: 'newsletter' }, (r) => r.tags.includes('newsletter')],
      ['tags in', { field: 'tags', op: 'in', value: ['goldmember', 'newsletter'] }, (r) => r.tags.includes('goldmember') || r.tags.includes('newsletter')],
      ['tags exists true', { field: 'tags', op: 'exists', value: true }, (r) => r.tags.length > 0],
      ['tags exists false', { field: 'tags', op: 'exists', value: false }, (r) => r.tags.length === 0],
      ['consent eq granted', { field: 'consent.email.marketing', op: 'eq', value: 'granted' }, (r) => r.consent.email.marketing.status === 'granted'],
      ['consent eq denied', { field: 'consent.email.marketing', op: 'eq', value: 'denied' }, (r) => r.consent.email.marketing.status === 'denied'],
      ['consent eq unknown', { field: 'consent.sms.service', op: 'eq', value: 'unknown' }, () => true],
      ['company_id eq', { field: 'company_id', op: 'eq', value: companyId ?? 'none' }, (r) => companyId !== null && r.company_id === companyId],
      ['company_id exists', { field: 'company_id', op: 'exists', value: true }, (r) => has(r.company_id)],
      ['and', { and: [{ field: 'first_name', op: 'eq', value: 'Anna' }, { field: 'lifecycle_stage', op: 'eq', value: 'lead' }] },
        (r) => r.first_name === 'Anna' && r.lifecycle_stage === 'lead'],
      ['or', { or: [{ field: 'first_name', op: 'eq', value: 'Anna' }, { field: 'tags', op: 'contains', value: 'goldmember' }] },
        (r) => r.first_name === 'Anna' || r.tags.includes('goldmember')],
      ['not', { not: { field: 'lifecycle_stage', op: 'eq', value: 'lead' } }, (r) => r.lifecycle_stage !== 'lead'],
      ['not tags', { not: { field: 'tags', op: 'contains', value: 'newsletter' } }, (r) => !r.tags.includes('newsletter')],
      ['nested and/or/not', {
        and: [
          { or: [{ field: 'tags', op: 'contains', value: 'goldmember' }, { field: 'last_name', op: 'starts_with', value: 'Sch' }] },
          { not: { field: 'language', op: 'eq', value: 'de' } },
          { not: { or: [{ field: 'lifecycle_stage', op: 'eq', value: 'churned' }, { field: 'first_name', op: 'in', value: ['Ben', 'Ida'] }] } },
        ],
      }, (r) => (r.tags.includes('goldmember') || r.last_name.startsWith('Sch')) && r.language !== 'de'
        && !(r.lifecycle_stage === 'churned' || ['Ben', 'Ida'].includes(r.first_name))],
    ];
  };

  test('every operator and combinator matches the expected customers', async () => {
    const failures = [];
    for (const [name, filter, pred] of cases()) {
      const want = all().filter(pred).map((r) => r.id);
      try {
        const items = await searchAll(server, { filter });
        expectSameIds(ids(items), want, `${name}: ${JSON.stringify(filter)}`);
      } catch (e) {
        failures.push(e.message.split('\n')[0]);
      }
    }
    assert.ok(failures.length === 0, `${failures.length} filters with wrong results:\n${failures.join('\n')}`);
  });

  test('custom fields in filters compare by type (numbers as numbers)', async () => {
    assert.ok(customFieldsOk, `custom field definitions failed: ${customFieldsError}`);
    const score = (r) => r.custom_fields?.score;
    const cf = [
      ['score gt 9', { field: 'custom_fields.score', op: 'gt', value: 9 }, (r) => cmp.gt(score(r), 9)],
      ['score lte 10', { field: 'custom_fields.score', op: 'lte', value: 10 }, (r) => cmp.lte(score(r), 10)],
      ['score gte 100', { field: 'custom_fields.score', op: 'gte', value: 100 }, (r) => cmp.gte(score(r), 100)],
      ['score eq 14', { field: 'custom_fields.score', op: 'eq', value: 14 }, (r) => score(r) === 14],
      ['score lt 2.5', { field: 'custom_fields.score', op: 'lt', value: 2.5 }, (r) => cmp.lt(score(r), 2.5)],
      ['score in', { field: 'custom_fields.score', op: 'in', value: [0, 14, 98] }, (r) => [0, 14, 98].includes(score(r))],
      ['score exists', { field: 'custom_fields.score', op: 'exists', value: true }, (r) => has(score(r))],
      ['score exists false', { field: 'custom_fields.score', op: 'exists', value: false }, (r) => !has(score(r))],
      ['tier eq gold', { field: 'custom_fields.tier', op: 'eq', value: 'gold' }, (r) => r.custom_fields?.tier === 'gold'],
      ['tier in', { field: 'custom_fields.tier', op: 'in', value: ['gold', 'silver'] }, (r) => has(r.custom_fields?.tier)],
      ['score and tier', { and: [{ field: 'custom_fields.score', op: 'gt', value: 50 }, { field: 'custom_fields.tier', op: 'eq', value: 'silver' }] },
        (r) => cmp.gt(score(r), 50) && r.custom_fields?.tier === 'silver'],
    ];
    const failures = [];
    for (const [name, filter, pred] of cf) {
      const want = all().filter(pred).map((r) => r.id);
      try {
        expectSameIds(ids(await searchAll(server, { filter })), want, `${name}: ${JSON.stringify(filter)}`);
      } catch (e) {
        failures.push(e.message.split('\n')[0]);
      }
    }
    assert.ok(failures.length === 0, `${failures.length} custom-field filters with wrong results:\n${failures.join('\n')}`);
  });

  test('search pages with a cursor and honours sort', async () => {
    const filter = { field: 'lifecycle_stage', op: 'in', value: ['lead', 'prospect', 'customer'] };
    const want = all().filter((r) => r.lifecycle_stage !== 'churned').map((r) => r.id);
    for (const sort of ['-display_name', 'created_at', 'last_name']) {
      const items = await searchAll(server, { filter, sort, limit: 7 });
      expectSameIds(ids(items), want, `search sort=${sort} limit=7`);
      expectSorted(items, sort, `search sort=${sort}`);
    }
  });

  test('interaction_count and last_contact_at are searchable once metrics catch up', async () => {
    const target = named.created[44];
    for (const at of ['2025-01-01T10:00:00.000Z', '2025-02-01T10:00:00.000Z']) {
      const res = await api('POST', `/customers/${target.id}/interactions`, {
        body: { channel: 'email', direction: 'outbound', kind: 'message', subject: 'hi', occurred_at: at },
      });
      expectStatus(res, 201, 'log interaction');
    }
    await waitFor(async () => {
      const items = await searchAll(server, { filter: { field: 'interaction_count', op: 'gte', value: 2 } });
      expectSameIds(ids(items), [target.id], 'interaction_count gte 2');
      return true;
    }, { timeoutMs: 10_000, message: 'interaction_count' });
    await waitFor(async () => {
      const items = await searchAll(server, { filter: { field: 'last_contact_at', op: 'gt', value: '2025-01-15T00:00:00Z' } });
      expectSameIds(ids(items), [target.id], 'last_contact_at gt');
      return true;
    }, { timeoutMs: 10_000, message: 'last_contact_at' });
  });

  test('bad filters are 422 with the JSON path of the bad node', async () => {
    const bad = [
      [{ and: [{ field: 'shoe', op: 'eq', value: 1 }] }, 'filter.and[0].field'],
      [{ field: 'shoe', op: 'eq', value: 1 }, 'filter.field'],
      [{ or: [{ field: 'first_name', op: 'eq', value: 'x' }, { field: 'first_name', op: 'like', value: 'x' }] }, 'filter.or[1].op'],
      [{ not: { field: 'first_name', op: 'regex', value: 'x' } }, 'filter.not.op'],
      [{ and: [{ field: 'first_name', op: 'eq', value: 'x' }, { or: [{ field: 'nope', op: 'eq', value: 1 }] }] }, 'filter.and[1].or[0].field'],
      [{ field: 'custom_fields.undefined_key', op: 'eq', value: 1 }, 'filter.field'],
    ];
    for (const [filter, field] of bad) {
      expectProblem(await api('POST', '/customers/search', { body: { filter } }), 422, { field });
    }
  });

  test('wrong value types are 422', async () => {
    const bad = [
      { field: 'lifecycle_stage', op: 'in', value: 'lead' },
      { field: 'birthday', op: 'exists', value: 'yes' },
      { field: 'custom_fields.score', op: 'gt', value: 'ten' },
      { field: 'first_name', op: 'eq', value: { x: 1 } },
      { field: 'birthday', op: 'lt', value: 'not-a-date' },
      { field: 'interaction_count', op: 'gt', value: 'many' },
      { and: 'everything' },
      { and: [], or: [] },
      'first_name = x',
    ];
    for (const filter of bad) {
      expectProblem(await api('POST', '/customers/search', { body: { filter } }), 422, { fieldPrefix: 'filter' });
    }
  });

  test('search sort, limit and cursor errors', async () => {
    expectProblem(await api('POST', '/customers/search', { body: { sort: 'bogus' } }), 422, { field: 'sort' });
    expectProblem(await api('POST', '/customers/search', { body: { limit: 0 } }), 422, { field: 'limit' });
    expectProblem(await api('POST', '/customers/search', { body: { limit: 201 } }), 422, { field: 'limit' });
    expectProblem(await api('POST', '/customers/search', { body: { cursor: 'garbage' } }), 400);
    expectProblem(await api('POST', '/customers/search', { body: '{"filter": ' }), 400);
  });
});

// ---------------------------------------------------------------------------------------------
// These change the data set, so they run last.

describe('paging under concurrent writes', () => {
  for (const sort of ['created_at', '-display_name']) {
    test(`sort=${sort}: records that existed throughout are visited exactly once while others come and go`, async () => {
      const before = (await listAll(server, '/customers?sort=created_at')).items;
      const doomed = new Set(before.filter((_, i) => i % 17 === 5).map((c) => c.id));
      const seen = [];
      let cursor = null;
      let round = 0;
      for (let page = 0; page < 100; page++) {
        const res = await api('GET', `/customers?sort=${encodeURIComponent(sort)}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expectStatus(res, 200);
        seen.push(...ids(res.body.data));
        cursor = res.body.next_cursor;
        if (!cursor) break;
        // Between pages: add customers that sort before and after the cursor, delete one.
        round++;
        for (const name of [`Aaron ${sort} ${round}`, `Zoe ${sort} ${round}`]) {
          const [first, last] = name.split(' ');
          const c = await api('POST', '/customers', { body: { first_name: first, last_name: `${last}${round}`, display_name: name } });
          expectStatus(c, 201);
        }
        const victim = [...doomed].find((id) => !seen.includes(id));
        if (victim) {
          expectStatus(await api('DELETE', `/customers/${victim}`), 204);
          doomed.delete(victim);
          records.delete(victim);
        }
      }
      assert.equal(cursor, null, 'paging ended');
      const survivors = before.filter((c) => records.has(c.id)).map((c) => c.id);
      const counts = new Map();
      for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
      const twice = [...counts].filter(([, k]) => k > 1).map(([id]) => id);
      const missed = survivors.filter((id) => !counts.has(id));
      assert.deepEqual({ twice, missed }, { twice: [], missed: [] });
    });
  }
});

describe('the full-text index follows every change', () => {
  const q = async (term) => ids((await listAll(server, `/customers?q=${encodeURIComponent(term)}`)).items);

  test('renaming, re-tagging and changing emails and phones', async () => {
    const c = await api('POST', '/customers', {
      body: { first_name: 'Quentin', last_name: 'Oldname', tags: ['oldtag'], emails: [{ address: 'quentin.old@fts.example' }], phones: [{ number: '+4930111222' }] },
    });
    expectStatus(c, 201);
    const id = c.body.id;
    assert.deepEqual(await q('oldname'), [id]);
    const p = await api('PATCH', `/customers/${id}`, {
      body: { last_name: 'Newname', tags: ['newtag'], emails: [{ address: 'quentin.new@fts.example' }], phones: [{ number: '+4930999888' }] },
    });
    expectStatus(p, 200);
    assert.deepEqual(await q('newname'), [id], 'new last name');
    assert.deepEqual(await q('oldname'), [], 'old last name is gone');
    assert.deepEqual(await q('newtag'), [id], 'new tag');
    assert.deepEqual(await q('oldtag'), [], 'old tag is gone');
    assert.deepEqual(await q('quentin.new@fts.example'), [id], 'new email');
    assert.deepEqual(await q('quentin.old@fts.example'), [], 'old email is gone');
    assert.deepEqual(await q('+4930999888'), [id], 'new phone');
    assert.deepEqual(await q('+4930111222'), [], 'old phone is gone');
    expectStatus(await api('DELETE', `/customers/${id}`), 204);
    assert.deepEqual(await q('newname'), [], 'deleted customers are not found');
  });

  test('renaming a company re-indexes its people; deleting it un-indexes them', async () => {
    const co = await api('POST', '/companies', { body: { name: 'Oldcorp Holdings' } });
    expectStatus(co, 201);
    const c = await api('POST', '/customers', { body: { first_name: 'Ulla', last_name: 'Employee', company_id: co.body.id } });
    expectStatus(c, 201);
    assert.deepEqual(await q('oldcorp'), [c.body.id]);
    expectStatus(await api('PATCH', `/companies/${co.body.id}`, { body: { name: 'Newcorp Holdings' } }), 200);
    assert.deepEqual(await q('newcorp'), [c.body.id], 'found by the new company name');
    assert.deepEqual(await q('oldcorp'), [], 'not found by the old company name');
    expectStatus(await api('DELETE', `/companies/${co.body.id}`), 204);
    assert.deepEqual(await q('newcorp'), [], 'not found by a deleted company');
  });
});
