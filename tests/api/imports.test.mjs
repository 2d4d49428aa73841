// Imports over HTTP and through the CLI: upload → 202 + job → progress → result, the error
// report, record access and the import permission, card numbers, broken files, revert, and
// `rapport import` both offline (progress bar, exit codes, --errors) and through --server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};
const users = {};

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['mia', 'marketing'], ['sam', 'sales'], ['vic', 'viewer'], ['tia', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  const staff = expectStatus(await server.api('GET', '/staff'), 200);
  for (const person of staff.data ?? staff) users[person.name] = person.id;
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const upload = (csv, query, { token, contentType = 'text/csv' } = {}) =>
  server.api('POST', `/imports?${new URLSearchParams(query)}`, { body: csv, token, headers: { 'content-type': contentType } });

async function finished(id, token) {
  return waitFor(async () => {
    const job = expectStatus(await server.api('GET', `/imports/${id}`, { token }), 200);
    assert.ok(!['queued', 'running'].includes(job.status), `still ${job.status}`);
    return job;
  }, { timeoutMs: 60_000, intervalMs: 100 });
}

async function customersMatching(q) {
  return expectStatus(await server.api('GET', `/customers?q=${encodeURIComponent(q)}&limit=100`), 200).data;
}

test('an upload answers 202 with a job whose progress and counts are followed to the end', async () => {
  const csv = 'First Name,Last Name,E-mail,Phone,City,Country,Shoe size\r\n' +
    'Zelda,Fitzgerald,zelda@import.example,+1 202 555 0100,Montgomery,US,37\r\n' +
    'Scott,Fitzgerald,scott@import.example,+1 202 555 0101,St. Paul,US,42\r\n' +
    'Broken,Row,not-an-email,,,,\r\n' +
    'Zelda,Again,ZELDA@import.example,,,,\r\n';
  const res = await upload(csv, { object: 'customers', mode: 'upsert', file_name: 'people.csv' });
  const accepted = expectStatus(res, 202);
  assert.match(res.headers.location, /^\/api\/v1\/imports\/imp_/);
  assert.equal(accepted.kind, 'import');
  assert.equal(accepted.file_name, 'people.csv');
  assert.ok(['queued', 'running', 'completed'].includes(accepted.status));
  const job = await finished(accepted.id);
  assert.equal(job.status, 'completed');
  assert.equal(job.progress, 100);
  assert.equal(job.done_bytes, Buffer.byteLength(csv));
  assert.deepEqual([job.rows, job.created, job.updated, job.failed, job.error_count], [4, 2, 0, 2, 2]);
  assert.match(job.message, /"Shoe size"/, 'the unmapped column is named');

  const report = await server.api('GET', `/imports/${accepted.id}/errors`);
  assert.equal(report.status, 200);
  assert.match(report.headers['content-type'], /^text\/csv/);
  const lines = report.text.trim().split('\r\n');
  assert.equal(lines[0], 'row,line,column,value,reason');
  assert.match(lines[1], /^3,4,E-mail,not-an-email,/);
  // Quoted: the reason holds a ";", which a spreadsheet may split on (docs/export.md).
  assert.match(lines[2], /^4,5,E-mail,zelda@import\.example,"repeats row 1/);

  const zelda = (await customersMatching('zelda'))[0];
  assert.equal(zelda.last_name, 'Fitzgerald');
  assert.equal(zelda.phones[0].number, '+12025550100');
  assert.equal(zelda.addresses[0].city, 'Montgomery');

  const list = expectStatus(await server.api('GET', '/imports'), 200);
  assert.equal(list.data[0].id, accepted.id);
});

test('request-level mistakes are refused at once, naming the parameter, and create no job', async () => {
  const before = expectStatus(await server.api('GET', '/imports?limit=200'), 200).data.length;
  expectProblem(await upload('email\nx@y.example\n', { object: 'unicorns' }), 422, { field: 'object' });
  expectProblem(await upload('email\nx@y.example\n', { object: 'customers', mode: 'merge' }), 422, { field: 'mode' });
  expectProblem(await upload('email\nx@y.example\n', { object: 'orders', mode: 'update' }), 422, { field: 'mode' });
  expectProblem(await upload('email\nx@y.example\n', { object: 'customers', mapping: '{"columns":{"Mail":"email"}}' }), 422,
    { field: 'mapping.columns.Mail' });
  expectProblem(await upload('email\nx@y.example\n', { object: 'customers', mapping: 'not json' }), 422, { field: 'mapping' });
  expectProblem(await upload('', { object: 'customers' }), 422, { field: 'body' });
  const after = expectStatus(await server.api('GET', '/imports?limit=200'), 200).data.length;
  assert.equal(after, before);
});

test('imports follow record access: no import permission is 403; an import creates what the importer could', async () => {
  expectProblem(await upload('email\nsam1@import.example\n', { object: 'customers' }, { token: tokens.sam }), 403);
  expectProblem(await upload('email\nvic1@import.example\n', { object: 'customers' }, { token: tokens.vic }), 403);
  expectProblem(await upload('sku,name,price,currency\nX-1,X,1.00,USD\n', { object: 'products' }, { token: tokens.mia }), 403);

  // Marketing may import customers; the imported record is what mia creating it would make,
  // owner included (an explicit owner column must be one she may assign).
  const res = await upload(`first_name,email,owner_id\nMarketed,mia1@import.example,${users.mia}\n`, { object: 'customers' },
    { token: tokens.mia });
  const job = await finished(expectStatus(res, 202).id, tokens.mia);
  assert.equal(job.created, 1, job.message);
  const [created] = await customersMatching('mia1');
  assert.ok(users.mia, 'mia is on the staff list');
  assert.equal(created.owner_id, users.mia);
  // Other staff cannot see someone else's import; administrators can.
  expectProblem(await server.api('GET', `/imports/${job.id}`, { token: tokens.sam }), 404);
  expectStatus(await server.api('GET', `/imports/${job.id}`), 200);
  const audit = expectStatus(await server.api('GET', `/audit?object_type=customer&object_id=${created.id}`), 200);
  const entry = (audit.data ?? audit)[0];
  assert.equal(entry.via, 'import');
});

test('a card number in an order row refuses that row and is never stored or echoed', async () => {
  expectStatus(await server.api('POST', '/products', { body: { sku: 'IMP-LP', name: 'Imported LP', category: 'jazz', price: '12.99', currency: 'USD' } }), 201);
  const csv = 'order_id,email,date,sku,quantity,notes\n' +
    'IMP-1,zelda@import.example,2024-01-02,IMP-LP,2,gift\n' +
    'IMP-2,zelda@import.example,2024-01-03,IMP-LP,1,pay with 4111-1111-1111-1111\n';
  const res = await upload(csv, { object: 'orders', mapping: JSON.stringify({ constants: { currency: 'USD', channel: 'web' } }) });
  const job = await finished(expectStatus(res, 202).id);
  assert.deepEqual([job.created, job.failed], [1, 1]);
  const report = await server.api('GET', `/imports/${job.id}/errors`);
  assert.match(report.text, /IMP|notes/);
  assert.ok(!report.text.includes('4111'), 'the card number is not in the report');
  const zelda = (await customersMatching('zelda'))[0];
  const orders = expectStatus(await server.api('GET', `/customers/${zelda.id}/orders`), 200).data;
  assert.deepEqual(orders.map((o) => [o.external_id, o.total]), [['IMP-1', '25.98']]);
});

test('an order row naming a customer the importer cannot read reads exactly like one naming nobody', async () => {
  // Tia's role reaches only her team's customers (she has no team: her own).
  expectStatus(await server.api('POST', '/roles', { body: { name: 'team_orders', grants: {
    customers: { read: 'team', create: 'team', edit: 'team', import: 'team' } } } }), 201);
  expectStatus(await server.api('PATCH', `/users/${users.tia}`, { body: { roles: ['team_orders'] } }), 200);
  expectStatus(await server.api('POST', '/products', { body: { sku: 'TEAM-LP', name: 'Team LP', price: '5.00', currency: 'USD' } }), 201);
  const other = expectStatus(await server.api('POST', '/customers', { body: {
    first_name: 'Elsewhere', emails: [{ address: 'elsewhere@import.example' }], external_id: 'EXT-ELSEWHERE', owner_id: users.sam } }), 201);
  const csv = 'order_id,customer,date,sku,quantity\n' +
    `T-1,${other.id},2024-01-02,TEAM-LP,1\n` +
    'T-2,cus_01ZZZZZZZZZZZZZZZZZZZZZZZZ,2024-01-02,TEAM-LP,1\n' +
    'T-3,elsewhere@import.example,2024-01-02,TEAM-LP,1\n' +
    'T-4,nobody@import.example,2024-01-02,TEAM-LP,1\n' +
    'T-5,EXT-ELSEWHERE,2024-01-02,TEAM-LP,1\n' +
    'T-6,EXT-NOBODY,2024-01-02,TEAM-LP,1\n';
  const res = await upload(csv, { object: 'orders', mapping: JSON.stringify({ constants: { currency: 'USD', channel: 'web' } }) }, { token: tokens.tia });
  const job = await finished(expectStatus(res, 202).id, tokens.tia);
  assert.deepEqual([job.created, job.failed], [0, 6], job.message);
  const report = await server.api('GET', `/imports/${job.id}/errors`, { token: tokens.tia });
  const rows = report.text.trim().split('\r\n').slice(1).map((line) => line.split(','));
  assert.equal(rows.length, 6, report.text);
  // Same column, same reason for every row; the only id in the report is the one tia typed.
  assert.deepEqual(new Set(rows.map((r) => `${r[2]}|${r.slice(4).join(',')}`)).size, 1, report.text);
  assert.ok(!/No customer has the id/.test(report.text), report.text);
  assert.equal(report.text.split(other.id).length - 1, 1, 'the id appears only as the cell tia gave');
  // And nothing was created beside the unreadable customer.
  const sams = expectStatus(await server.api('GET', '/customers?q=elsewhere'), 200).data;
  assert.equal(sams.length, 1);
});

test('a card number in an imported interaction or customer is refused on that row, however it is written', async () => {
  expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Caller', emails: [{ address: 'caller@import.example' }] } }), 201);
  const csv = 'customer,channel,direction,kind,subject,body,date\n' +
    'caller@import.example,phone,inbound,call,Call,all fine,2024-02-01T10:00:00Z\n' +
    'caller@import.example,phone,inbound,call,Call,"card 4111\u00a01111\u00a01111\u00a01111 exp 12/27",2024-02-01T11:00:00Z\n' +
    'caller@import.example,phone,inbound,call,"\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11",x,2024-02-01T12:00:00Z\n';
  const job = await finished(expectStatus(await upload(csv, { object: 'interactions' }), 202).id);
  const report = await server.api('GET', `/imports/${job.id}/errors`);
  assert.deepEqual([job.created, job.failed], [1, 2], report.text);
  assert.ok(!report.text.includes('1111'), report.text);
  const people = 'first_name,email,tags\n' +
    'Carded,carded@import.example,"vip, 4111.1111.1111.1111"\n' +
    'Plain,plain@import.example,vip\n';
  const customers = await finished(expectStatus(await upload(people, { object: 'customers' }), 202).id);
  assert.deepEqual([customers.created, customers.failed], [1, 1], customers.message);
  assert.equal((await customersMatching('carded')).length, 0);
  const caller = (await customersMatching('caller'))[0];
  const timeline = expectStatus(await server.api('GET', `/customers/${caller.id}/timeline`), 200);
  assert.ok(!JSON.stringify(timeline).includes('1111'));
});

test('broken files end the job "failed" with the line; ragged rows and bad encodings are named', async () => {
  const unclosed = await upload('name,email\nAda,ada@broken.example\n"Unclosed,x@broken.example\n', { object: 'customers', atomic: 'true' });
  const failed = await finished(expectStatus(unclosed, 202).id);
  assert.equal(failed.status, 'failed');
  assert.match(failed.message, /line 3/);
  assert.match(failed.message, /Nothing was imported/);
  assert.equal((await customersMatching('ada@broken.example')).length, 0, 'atomic: nothing kept');

  const latin1 = Buffer.concat([Buffer.from('name,email\nJos'), Buffer.from([0xe9]), Buffer.from(',jose@broken.example\n')]);
  const encoding = await finished(expectStatus(await upload(latin1, { object: 'customers' }), 202).id);
  assert.equal(encoding.status, 'failed');
  assert.match(encoding.message, /UTF-8/);

  const ragged = await finished(expectStatus(await upload('name,email\nRag,rag@broken.example,extra\n', { object: 'customers' }), 202).id);
  assert.equal(ragged.failed, 1);
  const report = (await server.api('GET', `/imports/${ragged.id}/errors`)).text;
  assert.match(report, /has 3 fields; the header has 2/);

  // Semicolon-separated with a BOM and quoted line breaks: detected and read.
  const european = '\ufeffVorname;Nachname;E-Mail;Notiz\r\nJürgen;Groß;juergen@broken.example;"zwei\r\nZeilen"\r\n';
  const ok = await finished(expectStatus(await upload(european, { object: 'customers' }), 202).id);
  assert.equal(ok.created, 1, ok.message);
  assert.equal((await customersMatching('juergen'))[0].last_name, 'Groß');
});

test('a dry run changes nothing; revert removes what an import created', async () => {
  const csv = 'name,email\nDry One,dry1@import.example\nDry Two,dry2@import.example\n';
  const dry = await finished(expectStatus(await upload(csv, { object: 'customers', dry_run: 'true' }), 202).id);
  assert.equal(dry.created, 2);
  assert.match(dry.message, /Dry run/);
  assert.equal((await customersMatching('dry1')).length, 0);
  expectProblem(await server.api('POST', `/imports/${dry.id}/revert`, { body: {} }), 409);

  const real = await finished(expectStatus(await upload(csv, { object: 'customers' }), 202).id);
  assert.equal((await customersMatching('dry1')).length, 1);
  const reverted = expectStatus(await server.api('POST', `/imports/${real.id}/revert`, { body: {} }), 200);
  assert.equal(reverted.status, 'reverted');
  assert.deepEqual(reverted.reverted, { removed: 2, kept: 0, missing: 0 });
  assert.equal((await customersMatching('dry1')).length, 0);
  expectProblem(await server.api('POST', `/imports/${real.id}/revert`, { body: {} }), 409);
});

test('vCard uploads become customers', async () => {
  const cards = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hurston;Zora;;;\r\nFN:Zora Neale Hurston\r\n' +
    'EMAIL;TYPE=INTERNET:zora@vcard.example\r\nTEL;TYPE=CELL:+1 202 555 0199\r\nEND:VCARD\r\n';
  const job = await finished(expectStatus(await upload(cards, { object: 'customers' }, { contentType: 'text/vcard' }), 202).id);
  assert.equal(job.created, 1, job.message);
  const [zora] = await customersMatching('zora');
  assert.equal(zora.display_name, 'Zora Neale Hurston');
  assert.equal(zora.phones[0].label, 'mobile');
});

test('the CLI imports through a running server with progress and an error report', async () => {
  const work = makeDataDir('rapport-import-cli-');
  try {
    const file = path.join(work, 'remote.csv');
    fs.writeFileSync(file, 'name,email\nRemote One,remote1@import.example\nBad,bad@\n');
    const errors = path.join(work, 'errors.csv');
    const r = runCli(['import', 'customers', file, '--server', server.baseUrl, '--token', server.token,
      '--errors', errors]);
    assert.equal(r.status, 2, r.stdout + r.stderr);  // some rows refused
    assert.match(r.stdout, /completed: 1 created/);
    assert.match(r.stderr, /importing .*100%/);
    assert.match(fs.readFileSync(errors, 'utf8'), /^row,line,column,value,reason\r\n2,3,email,bad@,/);
    assert.equal((await customersMatching('remote1')).length, 1);
  } finally {
    removeDir(work);
  }
});

test('the CLI imports offline: dry run, atomic, mapping file, exit codes and revert', () => {
  const data = makeDataDir('rapport-import-offline-');
  try {
    const file = path.join(data, 'in.csv');
    fs.writeFileSync(file, 'Name;Mail;Joined\nAda;ada@offline.example;10/12/2015\nAlan;alan@offline.example;23/06/2012\n');
    const mapping = path.join(data, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({
      columns: { Mail: 'email', Joined: { field: 'custom.joined', transforms: ['date:%d/%m/%Y'] } },
      unmapped: 'error',
    }));
    const dry = runCli(['import', 'customers', file, '--data-dir', data, '--mapping', mapping, '--dry-run']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run, nothing changed: would be 2 created/);
    const real = runCli(['import', 'customers', file, '--data-dir', data, '--mapping', mapping]);
    assert.equal(real.status, 0, real.stderr);
    const id = real.stdout.match(/import (imp_\w+) completed: 2 created/)[1];
    const status = JSON.parse(runCli(['import', 'status', id, '--data-dir', data]).stdout);
    assert.equal(status.created, 2);

    const bad = path.join(data, 'bad.csv');
    fs.writeFileSync(bad, 'name,email\nGrace,grace@offline.example\nBad,not-an-email\n');
    const atomic = runCli(['import', 'customers', bad, '--data-dir', data, '--atomic']);
    assert.equal(atomic.status, 2);
    assert.match(atomic.stdout, /Nothing was imported/);
    const broken = runCli(['import', 'customers', path.join(data, 'missing.csv'), '--data-dir', data]);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /cannot read/);

    const reverted = runCli(['import', 'revert', id, '--data-dir', data]);
    assert.equal(reverted.status, 0, reverted.stderr);
    assert.match(reverted.stdout, /2 records removed/);
  } finally {
    removeDir(data);
  }
});

test('an import cut short by kill -9 keeps every committed batch, says so, and can be reverted', async () => {
  const data = makeDataDir('rapport-import-kill-');
  let s;
  try {
    const token = createToken(data, 'kill');
    s = await startServer({ dataDir: data, token });
    const rows = ['first_name,last_name,email'];
    for (let i = 0; i < 20000; i++) rows.push(`K${i},Killed,k${i}@kill.example`);
    const csv = rows.join('\n') + '\n';
    const started = expectStatus(await s.api('POST', '/imports?object=customers',
      { body: csv, headers: { 'content-type': 'text/csv' } }), 202);
    await waitFor(async () => {
      const job = expectStatus(await s.api('GET', `/imports/${started.id}`), 200);
      assert.ok(job.status === 'running' && job.created >= 1000, `${job.status} ${job.created}`);
      return job;
    }, { timeoutMs: 60_000, intervalMs: 50 });
    await s.kill9();
    s = await startServer({ dataDir: data, token });
    const job = expectStatus(await s.api('GET', `/imports/${started.id}`), 200);
    assert.equal(job.status, 'interrupted');
    assert.match(job.message, /stopped while the job ran/);
    // Progress commits with each batch: the job's count is exactly what the database holds.
    const present = expectStatus(await s.api('POST', '/customers/search',
      { body: { filter: { field: 'last_name', op: 'eq', value: 'Killed' }, limit: 1 } }), 200);
    assert.ok(present.data.length === 1);
    const reverted = expectStatus(await s.api('POST', `/imports/${started.id}/revert`, { body: {} }), 200);
    assert.equal(reverted.reverted.removed, job.created, 'every committed row was recorded against the job');
    const after = expectStatus(await s.api('POST', '/customers/search',
      { body: { filter: { field: 'last_name', op: 'eq', value: 'Killed' }, limit: 1 } }), 200);
    assert.equal(after.data.length, 0);
  } finally {
    if (s) await s.stop();
    removeDir(data);
  }
});

test('uploads are spooled to disk, not held in memory, and nothing is left behind', async () => {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))[1]) * 1024;
  const transfers = path.join(dir, 'transfers');
  const line = 'first_name,last_name,email\n';
  const row = 'Spool,Test,spool@example.com\n';
  const big = Buffer.from(line + row.repeat(Math.ceil((48 << 20) / row.length)));
  const before = rss();
  // A mapping that names a missing column is refused after the whole body has arrived.
  const res = await upload(big, { object: 'customers', mapping: '{"columns":{"Nope":"email"}}' }, { });
  expectProblem(res, 422, { field: 'mapping.columns.Nope' });
  const growth = rss() - before;
  assert.ok(growth < 24 << 20, `a 48 MB upload grew the server by ${(growth / 1048576).toFixed(1)} MB`);
  assert.deepEqual(fs.readdirSync(transfers).filter((f) => /\.(part|upload)$/.test(f)), []);
});
