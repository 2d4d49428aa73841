// Libraries instead of hand-written rules: names sort by ICU collation ("Łukasz" with L, not after
// Z), search and name filters ignore case and accents, e-mail uniqueness uses Unicode case folding
// (staff accounts too), and phone numbers go through libphonenumber: national numbers in the
// address's country or the instance's default region, stored E.164, served with a display form.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem, listAll } from './lib/expect.mjs';

let dir;
let server;
const api = (...a) => server.api(...a);

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

test('customers sort by collation: Ł sorts with L, accents after their letter, on every page', async () => {
  const lasts = ['Zeller', '\u0141ukasz', 'Adams', '\u00c4rger', 'Baker', '\u00e9mile', 'Lindqvist'];
  for (const last_name of lasts) {
    expectStatus(await api('POST', '/customers', { body: { first_name: 'Sort', last_name, tags: ['sorting'] } }), 201);
  }
  const filter = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'contains', value: 'sorting' }));
  const expected = ['Adams', '\u00c4rger', 'Baker', '\u00e9mile', 'Lindqvist', '\u0141ukasz', 'Zeller'];
  const onePage = expectStatus(await api('GET', `/customers?sort=last_name&filter=${filter}&limit=50`), 200);
  assert.deepEqual(onePage.data.map((c) => c.last_name), expected);
  // Keyset paging carries the collation key: page by page gives the same order.
  const paged = (await listAll(server, `/customers?sort=last_name&filter=${filter}`, { limit: 2 })).items;
  assert.deepEqual(paged.map((c) => c.last_name), expected);
  const descending = (await listAll(server, `/customers?sort=-last_name&filter=${filter}`, { limit: 3 })).items;
  assert.deepEqual(descending.map((c) => c.last_name), [...expected].reverse());
});

test('name filters ignore case and accents', async () => {
  const mueller = expectStatus(await api('POST', '/customers', { body: { first_name: 'J\u00fcrgen', last_name: 'M\u00fcller' } }), 201);
  const find = async (filter) => expectStatus(await api('POST', '/customers/search', { body: { filter } }), 200).data.map((c) => c.id);
  assert.deepEqual(await find({ field: 'last_name', op: 'eq', value: 'muller' }), [mueller.id]);
  assert.deepEqual(await find({ field: 'last_name', op: 'eq', value: 'M\u00dcLLER' }), [mueller.id]);
  assert.deepEqual(await find({ field: 'first_name', op: 'contains', value: 'URG' }), [mueller.id]);
  assert.deepEqual(await find({ field: 'display_name', op: 'starts_with', value: 'jurgen m' }), [mueller.id]);
});

test('company search finds names with and without accents, and companies sort by collation', async () => {
  const gmbh = expectStatus(await api('POST', '/companies', { body: { name: 'M\u00fcller GmbH' } }), 201);
  const ag = expectStatus(await api('POST', '/companies', { body: { name: 'Muller AG' } }), 201);
  const search = async (q) => expectStatus(await api('GET', `/companies?q=${encodeURIComponent(q)}`), 200).data.map((c) => c.id).sort();
  const both = [gmbh.id, ag.id].sort();
  assert.deepEqual(await search('muller'), both);
  assert.deepEqual(await search('M\u00fcller'), both);
  assert.deepEqual(await search('M\u00dcLLER'), both);
  assert.deepEqual(await search('gmbh'), [gmbh.id]);

  for (const name of ['Zeta Works', '\u0141\u00f3d\u017a Textiles', 'Acme']) {
    expectStatus(await api('POST', '/companies', { body: { name } }), 201);
  }
  const names = (await listAll(server, '/companies?sort=name', { limit: 2 })).items.map((c) => c.name);
  assert.deepEqual(names, ['Acme', '\u0141\u00f3d\u017a Textiles', 'Muller AG', 'M\u00fcller GmbH', 'Zeta Works']);
});

test('product search ignores accents; products list in collation order', async () => {
  expectStatus(await api('POST', '/products', { body: { sku: 'CB-1', name: 'Cr\u00e8me br\u00fbl\u00e9e', price: '4.50', currency: 'EUR' } }), 201);
  expectStatus(await api('POST', '/products', { body: { sku: 'CC-1', name: 'Zucchini cake', price: '3.00', currency: 'EUR' } }), 201);
  expectStatus(await api('POST', '/products', { body: { sku: 'CD-1', name: '\u00c9clair', price: '2.00', currency: 'EUR' } }), 201);
  const found = expectStatus(await api('GET', '/products?q=creme%20brulee'), 200).data;
  assert.deepEqual(found.map((p) => p.sku), ['CB-1']);
  const names = (await listAll(server, '/products', { limit: 1 })).items.map((p) => p.name);
  assert.deepEqual(names, ['Cr\u00e8me br\u00fbl\u00e9e', '\u00c9clair', 'Zucchini cake']);
});

test('an e-mail address in another case, by Unicode folding, is a duplicate (409)', async () => {
  expectStatus(await api('POST', '/customers', { body: { emails: [{ address: '\u00e4rger@beispiel.de' }] } }), 201);
  expectProblem(await api('POST', '/customers', { body: { emails: [{ address: '\u00c4RGER@beispiel.de' }] } }), 409);
  expectStatus(await api('POST', '/customers', { body: { emails: [{ address: 'stra\u00dfe@beispiel.de' }] } }), 201);
  expectProblem(await api('POST', '/customers', { body: { emails: [{ address: 'STRASSE@beispiel.de' }] } }), 409);
  // Staff accounts use the same key: ASCII lower-casing used to let both of these in.
  expectStatus(await api('POST', '/users', { body: { email: '\u00f8ystein@example.no', name: '\u00d8ystein', roles: ['viewer'] } }), 201);
  expectProblem(await api('POST', '/users', { body: { email: '\u00d8YSTEIN@example.no', name: 'Other', roles: ['viewer'] } }), 409, { field: 'email' });
});

test('a national phone number is read in the address country, stored E.164, shown formatted', async () => {
  const created = expectStatus(await api('POST', '/customers', { body: {
    first_name: 'Nat', addresses: [{ city: 'Berlin', country: 'DE' }],
    phones: [{ number: '01523 4944775' }, { number: '+44 20 7946 0958' }],
  } }), 201);
  assert.deepEqual(created.phones.map((p) => [p.number, p.display]),
    [['+4915234944775', '+49 1523 4944775'], ['+442079460958', '+44 20 7946 0958']]);
  // What the client read may be sent back as it is.
  const updated = expectStatus(await api('PATCH', `/customers/${created.id}`, { body: { phones: created.phones } }), 200);
  assert.deepEqual(updated.phones.map((p) => p.number), ['+4915234944775', '+442079460958']);
  const us = expectStatus(await api('POST', '/customers', { body: {
    first_name: 'Sam', addresses: [{ country: 'US' }], phones: [{ number: '(202) 555-0143' }],
  } }), 201);
  assert.equal(us.phones[0].number, '+12025550143');
  assert.equal(us.phones[0].display, '+1 202-555-0143');
});

test('a phone number that cannot be read is refused naming phones[i].number, nothing written', async () => {
  const count = (await listAll(server, '/customers')).items.length;
  // National, and neither an address country nor a default region says where.
  expectProblem(await api('POST', '/customers', { body: { first_name: 'X', phones: [{ number: '0151 23456789' }] } }), 422, { field: 'phones[0].number' });
  // Too long for the UK.
  expectProblem(await api('POST', '/customers', { body: {
    first_name: 'Y', addresses: [{ country: 'GB' }], phones: [{ number: '+49 30 1234567' }, { number: '020 7946 09588' }],
  } }), 422, { field: 'phones[1].number' });
  assert.equal((await listAll(server, '/customers')).items.length, count);
});

test('default_phone_region in rapport.toml reads national numbers, also in imports with a country column', async () => {
  const other = makeDataDir();
  fs.writeFileSync(path.join(other, 'rapport.toml'), 'default_phone_region = "GB"\n');
  const gb = await startServer({ dataDir: other });
  try {
    const created = expectStatus(await gb.api('POST', '/customers', { body: { first_name: 'Gb', phones: [{ number: '020 7946 0958' }] } }), 201);
    assert.equal(created.phones[0].number, '+442079460958');
    // An import row's country column wins over the default region.
    const csv = 'First Name,Phone,Country\r\nDora,0152 34944775,DE\r\nEli,07700 900123,\r\n';
    const started = expectStatus(await gb.api('POST', '/imports?object=customers&mode=create',
      { body: csv, headers: { 'content-type': 'text/csv' } }), 202);
    const job = await waitFor(async () => {
      const j = expectStatus(await gb.api('GET', `/imports/${started.id}`), 200);
      assert.ok(!['queued', 'running'].includes(j.status), `still ${j.status}`);
      return j;
    }, { timeoutMs: 60_000 });
    assert.equal(job.status, 'completed');
    assert.equal(job.created, 2, JSON.stringify(job));
    const numbers = (await listAll(gb, '/customers')).items.flatMap((c) => c.phones.map((p) => p.number)).sort();
    assert.deepEqual(numbers, ['+442079460958', '+447700900123', '+4915234944775']);
  } finally {
    await gb.stopClean();
    removeDir(other);
  }
});

test('rapport.toml refuses an unknown phone region or collation locale', () => {
  for (const [bad, name] of [['default_phone_region = "XX"', /ISO 3166/], ['collation_locale = "not a locale!"', /BCP 47/]]) {
    const other = makeDataDir();
    try {
      fs.writeFileSync(path.join(other, 'rapport.toml'), `${bad}\n`);
      const result = runCli(['serve', '--data-dir', other, '--listen', '127.0.0.1:0']);
      assert.equal(result.status, 2, `${bad}: exit ${result.status}, stderr ${result.stderr}`);
      assert.match(result.stderr, name, bad);
    } finally {
      removeDir(other);
    }
  }
});
