// Sending surveys over the real binary and a real SMTP server (aiosmtpd), docs/design/surveys.md
// § Sending: one invitation by e-mail, a send to a filter worked through in the background with
// its progress, the starter's record access, refused sends that store nothing, a trigger after a
// solved ticket, and a send that survives kill -9 without asking anyone twice.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, createToken, freePort, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase';
let dir;
let token;
let olive;  // a user who may read only her own customers, and send surveys
let scoped;  // her token narrowed to surveys
let server;
let smtp;

before(async () => {
  dir = makeDataDir();
  token = createToken(dir, 'admin');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'olive@staff.example', '--name', 'Olive',
    '--role', 'viewer', '--password-stdin'], `${PASSWORD}\n`);
  olive = cliOk(['token', 'create', '--data-dir', dir, '--name', 'olive', '--user', 'olive@staff.example']);
  scoped = cliOk(['token', 'create', '--data-dir', dir, '--name', 'narrow', '--user', 'olive@staff.example',
    '--scope', 'surveys:create', '--scope', 'surveys:read']);
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${port}`, 'security = "none"',
    'from_domain = "shop.example"', 'from = "hello@shop.example"',
    '[mail.outbox]', 'max_attempts = 50', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  smtp = await startSmtpServer({ port });
  server = await startServer({ dataDir: dir, token });
});
after(async () => {
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

let made = 0;
async function customer(extra = {}) {
  made += 1;
  return expectStatus(await server.api('POST', '/customers', { body: {
    first_name: `Person${made}`, emails: [{ address: `p${made}@cust.example` }], ...extra } }), 201);
}
const survey = async (body) => expectStatus(await server.api('POST', '/surveys', { body }), 201);
const mailsTo = (address) => smtp.messages().filter((m) => m.rcptTos.includes(address));
/** The /s/<token> path in a mail's text part. */
function linkIn(mail) {
  const match = /\/s\/([A-Za-z0-9_-]{22})\b/.exec(mail.raw);
  assert.ok(match, 'the mail carries a survey link');
  return `/s/${match[1]}`;
}
async function finished(surveyId, sendId, as = undefined) {
  return waitFor(async () => {
    const send = expectStatus(await server.api('GET', `/surveys/${surveyId}/sends/${sendId}`, { token: as }), 200);
    return send.status !== 'running' && send;
  }, { timeoutMs: 30_000, message: 'the send never finished' });
}

test('one invitation by e-mail: the mail carries a working link, which the answer never showed', async () => {
  const nps = await survey({ name: 'Service NPS', kind: 'nps' });
  const ada = await customer({ first_name: 'Ada', language: 'de' });
  const invited = expectStatus(await server.api('POST', `/surveys/${nps.id}/invitations`, {
    body: { customer_id: ada.id, delivery: 'email' } }), 201);
  assert.equal(invited.status, 'sent');
  assert.equal(invited.delivery, 'email');
  assert.equal(invited.link, null, 'a mailed link is for the inbox only');
  const address = ada.emails[0].address;
  await waitFor(() => mailsTo(address).length === 1, { message: 'no invitation mail arrived' });
  const [mail] = mailsTo(address);
  assert.match(mail.raw, /Hallo Ada,/, 'German for a German customer');
  assert.match(mail.raw, /^Subject: .*Service NPS/m);
  assert.match(mail.raw, /^Auto-Submitted: auto-generated/m);
  const page = await fetch(server.baseUrl + linkIn(mail));
  assert.equal(page.status, 200);
  const answered = await fetch(server.baseUrl + linkIn(mail), { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: 'score', answer: 9 }) });
  assert.equal(answered.status, 200, await answered.text());
  const listed = expectStatus(await server.api('GET', `/surveys/${nps.id}/invitations`), 200).data;
  const row = listed.find((i) => i.id === invited.id);
  assert.equal(row.status, 'answering');
  assert.equal(row.mail.state, 'sent');
  // A customer without an address: recorded, no mail, no budget spent.
  const none = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Nomail' } }), 201);
  const refused = expectStatus(await server.api('POST', `/surveys/${nps.id}/invitations`, {
    body: { customer_id: none.id, delivery: 'email' } }), 201);
  assert.equal(refused.status, 'no_email');
});

test('a send to a filter asks each matching customer once, by e-mail, with its progress', async () => {
  const csat = await survey({ name: 'How was your order?', kind: 'csat' });
  const buyers = [];
  for (let i = 0; i < 5; i++) buyers.push(await customer({ lifecycle_stage: 'customer', tags: ['send-1'] }));
  const lead = await customer({ lifecycle_stage: 'lead', tags: ['send-1'] });
  const filter = { and: [{ field: 'tags', op: 'eq', value: 'send-1' }, { field: 'lifecycle_stage', op: 'eq', value: 'customer' }] };
  const started = expectStatus(await server.api('POST', `/surveys/${csat.id}/sends`, { body: { filter } }), 202);
  assert.equal(started.total, 5);
  const done = await finished(csat.id, started.id);
  assert.equal(done.status, 'done');
  assert.equal(done.processed, 5);
  assert.equal(done.sent, 5);
  assert.equal(done.progress, 100);
  for (const buyer of buyers) {
    await waitFor(() => mailsTo(buyer.emails[0].address).length === 1, { message: `no mail to ${buyer.emails[0].address}` });
  }
  assert.equal(mailsTo(lead.emails[0].address).length, 0, 'the lead does not match');
  // Sent again at once: each customer holds an open invitation, so nobody is asked twice.
  const again = expectStatus(await server.api('POST', `/surveys/${csat.id}/sends`, { body: { filter } }), 202);
  const second = await finished(csat.id, again.id);
  assert.equal(second.skipped, 5);
  assert.equal(second.sent, 0);
  const sends = expectStatus(await server.api('GET', `/surveys/${csat.id}/sends`), 200).data;
  assert.deepEqual(sends.map((s) => s.id), [again.id, started.id]);
  for (const buyer of buyers) assert.equal(mailsTo(buyer.emails[0].address).length, 1);
});

test('a send reaches only the customers its starter may read', async () => {
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const oliveUser = users.find((u) => u.email === 'olive@staff.example');
  expectStatus(await server.api('POST', '/roles', { body: { name: 'surveyor',
    grants: { customers: { read: 'own' }, surveys: { read: 'all', create: 'all' } } } }), 201);
  expectStatus(await server.api('PATCH', `/users/${oliveUser.id}`, { body: { roles: ['surveyor'] } }), 200);
  const hers = await customer({ tags: ['send-2'], owner_id: oliveUser.id });
  const notHers = await customer({ tags: ['send-2'] });
  const nps = await survey({ name: 'Owner NPS', kind: 'nps' });
  const started = expectStatus(await server.api('POST', `/surveys/${nps.id}/sends`, { token: olive,
    body: { filter: { field: 'tags', op: 'eq', value: 'send-2' } } }), 202);
  assert.equal(started.total, 1, 'the count is of her customers only');
  const done = await finished(nps.id, started.id, olive);
  assert.equal(done.sent, 1);
  await waitFor(() => mailsTo(hers.emails[0].address).length === 1, { message: 'her customer got no mail' });
  assert.equal(mailsTo(notHers.emails[0].address).length, 0, 'a customer she may not read was asked');
});

test('bad sends are refused naming the field, and store nothing', async () => {
  const nps = await survey({ name: 'Refusals', kind: 'nps' });
  expectProblem(await server.api('POST', `/surveys/${nps.id}/sends`, { body: {} }), 422, { field: 'filter' });
  expectProblem(await server.api('POST', `/surveys/${nps.id}/sends`, { body: {
    filter: { and: [{ field: 'tags', op: 'near', value: 'x' }] } } }), 422, { field: 'filter.and[0].op' });
  expectProblem(await server.api('POST', `/surveys/${nps.id}/sends`, { body: { filter: {}, delivery: 'link' } }), 422, { field: 'delivery' });
  expectProblem(await server.api('POST', `/surveys/${nps.id}/sends`, { body: { filter: {}, expires_in_days: 0 } }), 422, { field: 'expires_in_days' });
  expectProblem(await server.api('POST', `/surveys/${nps.id}/sends`, { body: { filter: {}, surprise: 1 } }), 422, { field: 'surprise' });
  expectProblem(await server.api('POST', '/surveys/srv_nope/sends', { body: { filter: {} } }), 404);
  // A scoped token's narrowing cannot be rebuilt for later batches: refused.
  expectProblem(await server.api('POST', `/surveys/${nps.id}/sends`, { token: scoped, body: { filter: {} } }), 403);
  assert.deepEqual(expectStatus(await server.api('GET', `/surveys/${nps.id}/sends`), 200).data, []);
  expectProblem(await server.api('PATCH', `/surveys/${nps.id}`, { body: { trigger: { on: 'no_purchase' } } }), 422, { field: 'trigger.days' });
  expectProblem(await server.api('PATCH', `/surveys/${nps.id}`, { body: { trigger: { on: 'birthday', days: 1 } } }), 422, { field: 'trigger.on' });
});

test('a survey triggered by a solved ticket asks its customer by e-mail, about the ticket', async () => {
  const after = await survey({ name: 'After support', kind: 'csat', trigger: { on: 'ticket_solved', days: 0 } });
  assert.deepEqual(after.trigger, { on: 'ticket_solved', days: 0 });
  const ticket = expectStatus(await server.api('POST', '/tickets', { body: {
    subject: 'Lost parcel', channel: 'email', requester: { email: 'tess@cust.example', name: 'Tess' },
    message: { body_text: 'Where is my parcel?' } } }), 201);
  expectStatus(await server.api('PATCH', `/tickets/${ticket.id}`, { body: { status: 'solved' } }), 200);
  const invitation = await waitFor(async () => {
    const listed = expectStatus(await server.api('GET', `/surveys/${after.id}/invitations`), 200).data;
    return listed[0];
  }, { message: 'the trigger asked nobody' });
  assert.equal(invitation.about.ticket_id, ticket.id);
  assert.equal(invitation.send_id, 'trigger:ticket_solved');
  assert.equal(invitation.delivery, 'email');
  await waitFor(() => mailsTo('tess@cust.example').some((m) => /\/s\/[A-Za-z0-9_-]{22}/.test(m.raw)),
    { message: 'no survey mail after the solved ticket' });
});

test('a send killed mid-way resumes after a restart and asks nobody twice', async () => {
  const nps = await survey({ name: 'Big send', kind: 'nps' });
  const records = Array.from({ length: 450 }, (_, i) => ({ first_name: `Bulk${i}`, tags: ['send-3'],
    emails: [{ address: `bulk${i}@cust.example` }] }));
  const batch = expectStatus(await server.api('POST', '/customers/batch', { body: { records } }), 200);
  assert.equal(batch.results.filter((r) => r.status === 'created').length, 450);
  const started = expectStatus(await server.api('POST', `/surveys/${nps.id}/sends`, { body: {
    filter: { field: 'tags', op: 'eq', value: 'send-3' } } }), 202);
  assert.equal(started.total, 450);
  await server.kill9();
  server = await startServer({ dataDir: dir, token });
  const done = await finished(nps.id, started.id);
  assert.equal(done.status, 'done');
  assert.equal(done.processed, 450);
  assert.equal(done.sent + done.skipped, 450);
  const invitations = expectStatus(await server.api('GET', `/surveys/${nps.id}/invitations`), 200).data;
  const customers = new Set(invitations.map((i) => i.customer_id));
  assert.equal(customers.size, invitations.length, 'a customer was asked twice');
  assert.equal(invitations.length, 450);
});
