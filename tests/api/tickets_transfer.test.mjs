// Tickets in and out through the transfer machinery (docs/design/ticket_transfer.md): a CSV from
// another helpdesk becomes tickets on matched or new customers — numbers kept when free, queue by
// name, assignee by e-mail, status and times as they were — with field-named row errors, a dry
// run that changes nothing and a revert; the export (CSV, NDJSON, API and CLI) never holds an
// internal note and answers only those who may export tickets.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sue', 'support'], ['max', 'manager']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  expectStatus(await server.api('POST', '/queues', { body: { name: 'Billing' } }), 201);
  expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Known', emails: [{ address: 'known@cust.example' }] } }), 201);
  // Number 1001 is taken here already: an imported #1001 gets a new number.
  expectStatus(await server.api('POST', '/tickets', { body: { subject: 'Ours', requester: { email: 'known@cust.example' },
    message: { body_text: 'our own' } } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const upload = (csv, query, token) =>
  server.api('POST', `/imports?${new URLSearchParams({ object: 'tickets', ...query })}`,
    { body: csv, token, headers: { 'content-type': 'text/csv' } });
const finished = (id) => waitFor(async () => {
  const job = expectStatus(await server.api('GET', `/imports/${id}`), 200);
  assert.ok(!['queued', 'running'].includes(job.status), `still ${job.status}`);
  return job;
}, { timeoutMs: 60_000, intervalMs: 100 });
const search = async (filter) =>
  expectStatus(await server.api('POST', '/tickets/search', { body: { filter, limit: 100 } }), 200).data;
const CREATE_CUSTOMERS = JSON.stringify({ create_missing_customers: true });

const CSV = 'Ticket ID,Subject,Requester,Status,Priority,Type,Source,Group,Agent,Tags,Created,Resolved,Description\r\n' +
  '5001,Refund please,known@cust.example,solved,high,problem,email,billing,max@staff.example,refund;vip,2024-03-01T09:00:00Z,2024-03-02T10:30:00Z,I want my money back\r\n' +
  '1001,Where is my parcel,new@cust.example,open,normal,question,web_form,,,,2024-03-05,,Still nothing\r\n' +
  '5002,Bad status,known@cust.example,lost,normal,,,,,,,,x\r\n' +
  '5003,Bad queue and agent,known@cust.example,open,urgent,,email,Nowhere,nobody@staff.example,,,,x\r\n' +
  '5004,Solved before it opened,known@cust.example,closed,low,,email,,,,2024-03-05,2024-03-01,x\r\n';

test('a helpdesk CSV becomes tickets; bad rows are refused naming their column; dry run and revert', async () => {
  const dry = await finished(expectStatus(await upload(CSV, { dry_run: 'true', mapping: CREATE_CUSTOMERS }), 202).id);
  assert.deepEqual([dry.created, dry.failed], [2, 3], dry.message);
  assert.equal((await search({ field: 'subject', op: 'eq', value: 'Refund please' })).length, 0, 'a dry run writes nothing');

  const job = await finished(expectStatus(await upload(CSV, { mapping: CREATE_CUSTOMERS }), 202).id);
  assert.deepEqual([job.created, job.failed], [2, 3], job.message);
  const report = (await server.api('GET', `/imports/${job.id}/errors`)).text;
  assert.match(report, /^row,line,column,value,reason/);
  assert.match(report, /\n3,4,Status,lost,"?must be one of new, open/);
  assert.match(report, /\n4,5,Group,Nowhere,no queue has this name/);
  assert.match(report, /\n4,5,Agent,nobody@staff\.example,no user has this e-mail address/);
  assert.match(report, /\n5,6,Resolved,2024-03-01,must not be before created_at/);

  const [refund] = await search({ field: 'subject', op: 'eq', value: 'Refund please' });
  assert.equal(refund.number, 5001, 'a free number is kept');
  assert.deepEqual([refund.status, refund.priority, refund.type, refund.channel], ['solved', 'high', 'problem', 'email']);
  assert.deepEqual(refund.tags, ['refund', 'vip']);
  assert.equal(refund.created_at, '2024-03-01T09:00:00.000Z');
  assert.equal(refund.solved_at, '2024-03-02T10:30:00.000Z');
  assert.equal(refund.requester, 'known@cust.example');
  const queues = expectStatus(await server.api('GET', '/queues'), 200).data;
  assert.equal(refund.queue_id, queues.find((q) => q.name === 'Billing').id);
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  assert.equal(refund.assignee_id, users.find((u) => u.name === 'max').id);
  const messages = expectStatus(await server.api('GET', `/tickets/${refund.id}/messages`), 200).data;
  assert.deepEqual(messages.map((m) => [m.kind, m.author_type, m.body_text, m.created_at]),
    [['reply', 'customer', 'I want my money back', '2024-03-01T09:00:00.000Z']]);

  const [parcel] = await search({ field: 'subject', op: 'eq', value: 'Where is my parcel' });
  assert.notEqual(parcel.number, 1001, 'a taken number is not reused');
  assert.ok(parcel.number > 5001, 'new numbers follow the highest kept one');
  const created = expectStatus(await server.api('GET', `/customers/${parcel.customer_id}`), 200);
  assert.equal(created.emails[0].address, 'new@cust.example');

  const reverted = expectStatus(await server.api('POST', `/imports/${job.id}/revert`, { body: {} }), 200);
  assert.deepEqual(reverted.reverted, { removed: 3, kept: 0, missing: 0 });  // two tickets, one new customer
  assert.equal((await search({ field: 'subject', op: 'eq', value: 'Refund please' })).length, 0);
  expectProblem(await server.api('GET', `/tickets/${refund.id}`), 404);
});

test('support may not import tickets; nor may anyone update them by import', async () => {
  expectProblem(await upload(CSV, {}, tokens.sue), 403);
  expectProblem(await upload(CSV, { mode: 'upsert' }), 422, { field: 'mode' });
});

test('the export never holds an internal note, in CSV or NDJSON', async () => {
  const ticket = expectStatus(await server.api('POST', '/tickets', { body: { subject: 'Export me',
    requester: { email: 'known@cust.example' }, message: { body_text: 'PUBLIC-FIRST-MESSAGE' } } }), 201);
  expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, { body: { kind: 'note', body_text: 'SECRET-NOTE-TEXT' } }), 201);
  const noted = expectStatus(await server.api('POST', '/tickets', { body: { subject: 'Opened by a note',
    requester: { email: 'known@cust.example' }, message: { kind: 'note', author_type: 'staff', body_text: 'SECRET-FIRST-NOTE' } } }), 201);
  const csv = await server.api('GET', '/exports?object=tickets&format=csv');
  expectStatus(csv, 200);
  const header = csv.text.split('\r\n')[0].split(',');
  for (const column of ['rapport_id', 'number', 'customer_email', 'subject', 'status', 'queue', 'assignee', 'tags', 'created_at', 'solved_at', 'body']) {
    assert.ok(header.includes(column), `${column} in ${header}`);
  }
  assert.match(csv.text, /PUBLIC-FIRST-MESSAGE/);
  assert.match(csv.text, new RegExp(`${noted.id},${noted.number}`));
  const ndjson = await server.api('GET', '/exports?object=tickets&format=ndjson');
  expectStatus(ndjson, 200);
  assert.equal(ndjson.text.trim().split('\n').length, 2 + 1);
  for (const body of [csv.text, ndjson.text]) assert.ok(!body.includes('SECRET-'), 'no internal note in an export');
  expectProblem(await server.api('GET', '/exports?object=tickets&format=csv', { token: tokens.sue }), 403);
  expectStatus(await server.api('GET', '/exports?object=tickets&format=csv', { token: tokens.max }), 200);
});

test('the CLI imports tickets offline and exports them again', () => {
  const work = makeDataDir('rapport-ticket-cli-');
  try {
    const file = path.join(work, 'in.csv');
    fs.writeFileSync(file, 'number,subject,requester_email,status,created_at,body\n' +
      '77,Offline one,one@cli.example,pending,2024-01-02T03:04:05Z,First words\n' +
      '78,,two@cli.example,open,,x\n');
    const mapping = path.join(work, 'mapping.json');
    fs.writeFileSync(mapping, CREATE_CUSTOMERS);
    const errors = path.join(work, 'errors.csv');
    const run = runCli(['import', 'tickets', file, '--data-dir', work, '--mapping', mapping, '--errors', errors]);
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /completed: 1 created/);
    assert.match(fs.readFileSync(errors, 'utf8'), /\n2,3,subject,,/);
    const out = path.join(work, 'tickets.csv');
    const exported = runCli(['export', 'tickets', '--data-dir', work, '--format', 'csv', '--output', out]);
    assert.equal(exported.status, 0, exported.stderr);
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /,77,.*Offline one,pending,.*2024-01-02T03:04:05.*First words/);
  } finally {
    removeDir(work);
  }
});
