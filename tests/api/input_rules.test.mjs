// Input rules on every entry (single create/update, batch upsert, import): non-finite numbers,
// email spellings of one mailbox, who holds a taken address, text limits counted in characters,
// control characters, phone trunk prefixes, order amounts, dates and currencies, CSV formulas,
// and `rapport check` for JSON stored before these rules.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliOk, createToken, makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem, listAll } from './lib/expect.mjs';

let dir;
let server;
let samToken;
let samId;
let otherId;
let serial = 0;
const uniq = (p = 'r') => `${p}${Date.now().toString(36)}${(serial++).toString(36)}`;

before(async () => {
  dir = makeDataDir();
  // sam (built-in sales) reads his team's customers; olga is in no team of his.
  for (const [name, role] of [['sam', 'sales'], ['olga', 'sales']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
  }
  samToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sam', '--user', 'sam@staff.example']);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  samId = users.find((u) => u.name === 'sam').id;
  otherId = users.find((u) => u.name === 'olga').id;
  expectStatus(await server.api('POST', '/custom-fields', {
    body: { object_type: 'customer', key: 'score', label: 'Score', type: 'number' },
  }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const api = (...a) => server.api(...a);
const json = { 'content-type': 'application/json' };

async function customers() {
  return (await listAll(server, '/customers?sort=created_at')).items;
}

async function create(body) {
  return expectStatus(await api('POST', '/customers', { body }), 201, `create ${JSON.stringify(body)}`);
}

async function refusedCreate(body, status, field) {
  const before = await customers();
  const raw = typeof body === 'string';
  const problem = expectProblem(await api('POST', '/customers', { body, headers: raw ? json : {} }), status, { field });
  assert.deepEqual(await customers(), before, `refused ${raw ? body : JSON.stringify(body)} changed nothing`);
  return problem;
}

const upload = (csv, query) =>
  api('POST', `/imports?${new URLSearchParams(query)}`, { body: csv, headers: { 'content-type': 'text/csv' } });

async function imported(csv, query) {
  const accepted = expectStatus(await upload(csv, query), 202);
  return waitFor(async () => {
    const job = expectStatus(await api('GET', `/imports/${accepted.id}`), 200);
    assert.ok(!['queued', 'running'].includes(job.status), `still ${job.status}`);
    return job;
  }, { timeoutMs: 60_000 });
}

// ---- non-finite numbers -----------------------------------------------------------------------

test('a number beyond the double range is refused on every entry, naming the field', async () => {
  const name = uniq('Finite');
  await refusedCreate(`{"first_name":"${name}","custom_fields":{"score":1e400}}`, 422, 'custom_fields.score');
  await refusedCreate(`{"first_name":"${name}","custom_fields":{"score":-1e400}}`, 422, 'custom_fields.score');
  await refusedCreate({ first_name: name, custom_fields: { score: 1e16 } }, 422, 'custom_fields.score');

  const kept = await create({ first_name: name, custom_fields: { score: 7 } });
  const patched = await api('PATCH', `/customers/${kept.id}`, { body: '{"custom_fields":{"score":1e400}}', headers: json });
  expectProblem(patched, 422, { field: 'custom_fields.score' });
  assert.deepEqual(expectStatus(await api('GET', `/customers/${kept.id}`), 200).custom_fields, { score: 7 });

  const batch = await api('POST', '/customers/batch', {
    body: `{"records":[{"first_name":"${name}","custom_fields":{"score":1e400}}]}`, headers: json,
  });
  expectProblem(batch, 422, { field: 'records[0].custom_fields.score' });

  const job = await imported(`email,Score\n${name}-a@finite.example,inf\n${name}-b@finite.example,nan\n` +
    `${name}-c@finite.example,1e400\n${name}-d@finite.example,2.5\n`,
  { object: 'customers', mapping: JSON.stringify({ columns: { Score: 'custom.score' } }) });
  assert.deepEqual([job.created, job.failed], [1, 3], JSON.stringify(job));
  const report = (await api('GET', `/imports/${job.id}/errors`)).text.trim().split('\r\n').slice(1);
  for (const line of report) assert.match(line, /,Score,/);

  // Every filter over the table still works, and the good row reads back whole.
  const found = expectStatus(await api('POST', '/customers/search', {
    body: { filter: { field: 'custom_fields.score', op: 'gte', value: 0 } },
  }), 200);
  assert.ok(found.data.some((c) => c.id === kept.id));
  assert.ok(found.data.some((c) => c.custom_fields.score === 2.5));
});

test('`rapport check` reports stored non-finite JSON, and the server warns at start', async () => {
  const victim = await create({ first_name: uniq('Broken'), custom_fields: { score: 1 } });
  const clean = runCli(['check', '--data-dir', dir]);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);

  // What a server before these rules stored for 1e400: Boost.JSON writes it as Infinity.
  await server.stop({ keepDataDir: true });
  const sqlite = spawnSync('sqlite3', [path.join(dir, 'rapport.db'),
    `UPDATE customers SET custom_fields = '{"score":Infinity}' WHERE id = '${victim.id}'`], { encoding: 'utf8' });
  assert.equal(sqlite.status, 0, sqlite.stderr);
  const found = runCli(['check', '--data-dir', dir]);
  assert.equal(found.status, 1, found.stdout + found.stderr);
  assert.match(found.stdout, new RegExp(`customers\\.custom_fields\\s+${victim.id}\\s+not valid JSON`));

  server = await startServer({ dataDir: dir, token: server.token });
  // The scan runs beside serving (serve_command.cpp), so its warning may come after /readyz.
  const warning = new RegExp(`customers\\.custom_fields of ${victim.id} not valid JSON`);
  await waitFor(() => warning.test(server.logs()), { message: 'the start-up warning about stored JSON' });
  // A patch would merge into an empty object and drop what the damaged document still holds.
  expectProblem(await api('PATCH', `/customers/${victim.id}`, { body: { custom_fields: { score: 2 } } }), 409,
    { field: 'custom_fields' });
  // Read-only beside the running server, too.
  assert.equal(runCli(['check', '--data-dir', dir]).status, 1);
  expectStatus(await api('DELETE', `/customers/${victim.id}`), 204);
  assert.equal(runCli(['check', '--data-dir', dir]).status, 0);
});

// ---- e-mail addresses -------------------------------------------------------------------------

test('every spelling of one mailbox is the same address; invisible characters are refused', async () => {
  const local = uniq('anna');
  const owner = await create({ first_name: 'Anna', emails: [{ address: `${local}@müller.example` }] });
  for (const spelling of [
    `${local}@MÜLLER.EXAMPLE`,                 // upper-case internationalised domain
    `${local}@mu\u0308ller.example`,           // NFD: u + combining diaeresis
    `${local}@xn--mller-kva.example`,          // punycode form of the domain
    `"${local}"@müller.example`,               // quoted local part
    `${local}@müller.example\u00a0`,           // trailing no-break space
    `${local.toUpperCase()}@müller.example`,
  ]) {
    const problem = await refusedCreate({ first_name: 'Dup', emails: [{ address: spelling }] }, 409, 'emails[0].address');
    assert.match(problem.detail ?? problem.title, new RegExp(owner.id), `holder named for ${JSON.stringify(spelling)}`);
  }
  for (const bad of [`${local}\u200b@müller.example`, `\ufeff${local}@müller.example`, `an na${local}@x.example`]) {
    await refusedCreate({ first_name: 'Bad', emails: [{ address: bad }] }, 422, 'emails[0].address');
  }
  // The filter finds the holder whichever spelling it is given.
  const found = expectStatus(await api('POST', '/customers/search', {
    body: { filter: { field: 'email', op: 'eq', value: `${local}@xn--mller-kva.example` } },
  }), 200);
  assert.deepEqual(found.data.map((c) => c.id), [owner.id]);
  // Batch and import see the same key.
  const batch = expectStatus(await api('POST', '/customers/batch', {
    body: { records: [{ first_name: 'Dup', emails: [{ address: `${local}@mu\u0308ller.example` }] }] },
  }), 200);
  assert.equal(batch.results[0].status, 'error', JSON.stringify(batch));
  const job = await imported(`First Name,E-mail\nDup,${local}@xn--mller-kva.example\n`, { object: 'customers', mode: 'create' });
  assert.equal(job.created, 0, JSON.stringify(job));
});

test('a taken address names its holder only to a caller who may read that customer', async () => {
  const mine = await create({ first_name: 'Mine', last_name: 'Holder', owner_id: samId, emails: [{ address: `${uniq('mine')}@holder.example` }] });
  const theirs = await create({ first_name: 'Hidden', last_name: 'Holder', owner_id: otherId, emails: [{ address: `${uniq('theirs')}@holder.example` }] });
  const asSam = (body) => api('POST', '/customers', { body, token: samToken });

  const named = expectProblem(await asSam({ first_name: 'Again', emails: [{ address: mine.emails[0].address }] }), 409,
    { field: 'emails[0].address' });
  assert.match(named.errors[0].message, new RegExp(`"Mine Holder" \\(${mine.id}\\)`));

  const hidden = expectProblem(await asSam({ first_name: 'Again', emails: [{ address: theirs.emails[0].address.toUpperCase() }] }), 409,
    { field: 'emails[0].address' });
  const text = JSON.stringify(hidden);
  assert.match(hidden.errors[0].message, /already in use/);
  assert.ok(!text.includes(theirs.id) && !text.includes('Hidden'), `nothing about the hidden holder leaks: ${text}`);
});

// ---- text: characters, not bytes; no control characters --------------------------------------

test('name limits count characters, and control characters are refused on every entry', async () => {
  const wide = 'ü'.repeat(500);
  const c = await create({ first_name: wide });
  assert.equal(c.first_name, wide);
  await refusedCreate({ first_name: 'ü'.repeat(501) }, 422, 'first_name');
  // Decomposed, the same 500 letters are 1000 code points: counted after NFC, and stored so.
  assert.equal((await create({ first_name: 'u\u0308'.repeat(500) })).first_name, wide);
  for (const [field, value] of [['first_name', 'Ann\u0000a'], ['last_name', 'Smith\r\nX-Injected: 1'],
    ['display_name', 'Line\nbreak'], ['tags', ['ok', 'bad\ttag']]]) {
    const problem = await refusedCreate({ first_name: 'Ctl', [field]: value }, 422);
    assert.ok(problem.errors.some((e) => e.field.startsWith(field)), JSON.stringify(problem));
  }
  const batch = expectStatus(await api('POST', '/customers/batch', {
    body: { records: [{ first_name: 'Nul\u0000', emails: [{ address: `${uniq('nul')}@ctl.example` }] }] },
  }), 200);
  assert.equal(batch.results[0].status, 'error');
  assert.ok(batch.results[0].errors.some((e) => e.field.endsWith('first_name')), JSON.stringify(batch));
  const job = await imported(`First Name,E-mail\n"Two\nLines",${uniq('crlf')}@ctl.example\n`, { object: 'customers' });
  assert.deepEqual([job.created, job.failed], [0, 1], JSON.stringify(job));

  expectProblem(await api('POST', '/companies', { body: { name: 'Acme\u0000' } }), 422, { field: 'name' });
  expectStatus(await api('POST', '/companies', { body: { name: 'ß'.repeat(500) } }), 201);
  expectProblem(await api('POST', '/products', { body: { sku: uniq('S'), name: 'Tea\nTime', price: '1', currency: 'EUR' } }), 422, { field: 'name' });
  expectStatus(await api('POST', '/products', { body: { sku: uniq('S'), name: 'é'.repeat(200), price: '1', currency: 'EUR' } }), 201);
  const base = { channel: 'phone', direction: 'inbound', kind: 'call' };
  expectProblem(await api('POST', `/customers/${c.id}/interactions`, { body: { ...base, subject: 'a\u0000b' } }), 422, { field: 'subject' });
  expectProblem(await api('POST', `/customers/${c.id}/interactions`, { body: { ...base, subject: 'two\nlines' } }), 422, { field: 'subject' });
  expectStatus(await api('POST', `/customers/${c.id}/interactions`, { body: { ...base, subject: 'ok', body: 'two\nlines\tfine' } }), 201);
});

test('a phone number written with the trunk prefix (0) loses it', async () => {
  const c = await create({ first_name: 'Trunk', phones: [{ number: `+49(0)151 ${String(Date.now()).slice(-7)}` }] });
  assert.match(c.phones[0].number, /^\+49151\d{7}$/);
});

// ---- orders -----------------------------------------------------------------------------------

test('orders: exact subtotal, bounded discount, real dates and ISO 4217 currencies', async () => {
  const c = await create({ first_name: 'Buyer' });
  const order = (body) => api('POST', `/customers/${c.id}/orders`, { body: { channel: 'web', currency: 'EUR', ...body } });
  const placed = expectStatus(await order({ lines: [{ description: 'Tea', quantity: 3, line_total: '10.00' }] }), 201);
  assert.deepEqual([placed.subtotal, placed.discount, placed.total], ['10.00', '0.00', '10.00']);
  expectProblem(await order({ lines: [{ description: 'Tea', unit_price: '10.00', discount: '15.00' }] }), 422, { field: 'lines[0].discount' });
  expectProblem(await order({ placed_at: '9999-12-31T00:00:00Z', lines: [{ description: 'Tea', unit_price: '1' }] }), 422, { field: 'placed_at' });
  expectProblem(await order({ currency: 'ZZZ', lines: [{ description: 'Tea', unit_price: '1' }] }), 422, { field: 'currency' });
  expectProblem(await api('POST', '/products', { body: { sku: uniq('Z'), name: 'Z', price: '1', currency: 'ZZZ' } }), 422, { field: 'currency' });
  const orders = expectStatus(await api('GET', `/customers/${c.id}/orders`), 200).data;
  assert.equal(orders.length, 1, 'refused orders wrote nothing');
});

// ---- CSV exports ------------------------------------------------------------------------------

test('CSV exports neutralise formulas after every delimiter a spreadsheet may use', async () => {
  const last = uniq('Formula');
  await create({ first_name: 'x;=1+1;', last_name: last });
  const res = await api('GET', `/exports?${new URLSearchParams({ object: 'customers', format: 'csv' })}`);
  expectStatus(res, 200);
  const line = res.text.split('\r\n').find((l) => l.includes(last));
  assert.ok(line.includes(`"x;'=1+1;"`), line);
});
