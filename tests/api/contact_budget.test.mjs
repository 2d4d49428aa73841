// The one contact budget over the real binary (docs/design/surveys.md § Contact budget): the
// rapport.toml keys contact_budget_asks and contact_budget_days set the policy every ask runs
// under, and with contact_budget_counts_ticket_ratings the desk's "How did we do?" mail is an ask
// like a survey's — recorded in the budget, and held back (a throttled row, counted in the
// reports, never sent) when the budget is spent. Real SMTP (aiosmtpd) catches the mail; the
// asks are aged with sqlite3 while the server is stopped, as input_rules.test.mjs does.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectStatus } from './lib/expect.mjs';

let dir;
let server;
let smtp;

before(async () => {
  dir = makeDataDir();
  smtp = await startSmtpServer();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    'public_url = "https://desk.example"',
    // Two asks in 30 days, not the default one in 14: each figure is checked below.
    'contact_budget_asks = 2', 'contact_budget_days = 30', 'contact_budget_counts_ticket_ratings = true',
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${smtp.port}`, 'security = "none"', 'from_domain = "shop.example"',
    '[mail.outbox]', 'max_attempts = 50', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

let made = 0;
async function customer() {
  made += 1;
  return expectStatus(await server.api('POST', '/customers', { body: {
    first_name: `Person${made}`, emails: [{ address: `p${made}@cust.example` }] } }), 201);
}
let surveys = 0;
async function invite(customerId) {
  surveys += 1;
  const survey = expectStatus(await server.api('POST', '/surveys', { body: { name: `Ask ${surveys}`, kind: 'csat' } }), 201);
  return expectStatus(await server.api('POST', `/surveys/${survey.id}/invitations`, {
    body: { customer_id: customerId } }), 201).status;
}
// Moves every recorded ask of `customerId` `days` into the past, with the server stopped (one
// writer per database file).
async function ageAsks(customerId, days) {
  await server.stop({ keepDataDir: true });
  const aged = spawnSync('sqlite3', [path.join(dir, 'rapport.db'),
    `UPDATE contact_asks SET asked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${days} days') ` +
    `WHERE customer_id = '${customerId}'`], { encoding: 'utf8' });
  assert.equal(aged.status, 0, aged.stderr);
  server = await startServer({ dataDir: dir, token: server.token });
}

test('rapport.toml: contact_budget_asks and contact_budget_days set the one budget', async () => {
  const ann = await customer();
  assert.equal(await invite(ann.id), 'sent');
  assert.equal(await invite(ann.id), 'sent', 'contact_budget_asks = 2 lets a second ask through');
  assert.equal(await invite(ann.id), 'throttled', 'the third ask is over the budget');

  await ageAsks(ann.id, 20);
  assert.equal(await invite(ann.id), 'throttled', 'contact_budget_days = 30 still counts asks 20 days old');
  await ageAsks(ann.id, 31);
  assert.equal(await invite(ann.id), 'sent', 'asks older than 30 days no longer count');
});

const today = new Date().toISOString().slice(0, 10);
async function ticketFigures() {
  const report = expectStatus(await server.api('GET', `/support/reports?from=${today}&to=${today}`), 200);
  return report.satisfaction.by_channel.find((c) => c.channel === 'ticket');
}
async function solvedTicket(address, subject) {
  const ticket = expectStatus(await server.api('POST', '/tickets', { body: {
    subject, channel: 'email', requester: { email: address }, message: { body_text: subject } } }), 201);
  expectStatus(await server.api('PATCH', `/tickets/${ticket.id}`, { body: { status: 'solved' } }), 200);
  return ticket;
}
const ratingMailsTo = (address) => smtp.messages().filter((m) => m.rcptTos.includes(address) && m.raw.includes('How did we do?'));

test('a ticket rating is an ask in the one budget: recorded, counted, and held back when spent', async () => {
  const bo = await customer();
  const address = bo.emails[0].address;
  const before = await ticketFigures();

  // Two solved tickets: two rating mails, and two asks recorded against Bo …
  const first = await solvedTicket(address, 'Broken lid');
  await solvedTicket(address, 'Late parcel');
  await waitFor(() => ratingMailsTo(address).length === 2, { message: 'the two rating requests' });
  assert.equal(first.customer_id, bo.id);
  // … so a survey, asked third, is over the budget of two.
  assert.equal(await invite(bo.id), 'throttled', 'the rating requests were recorded as asks');

  // A third solved ticket's rating request is held back: on record, never mailed.
  const held = await solvedTicket(address, 'Wrong colour');
  await waitFor(async () => (await ticketFigures()).held_back === before.held_back + 1,
    { message: 'the held-back rating request in the report' });
  const figures = await ticketFigures();
  assert.equal(figures.requests, before.requests + 2, 'a held-back request is no request in the response rate');

  // Someone else's rating still goes; by the time it has, Bo's third would have too.
  const cy = await customer();
  await solvedTicket(cy.emails[0].address, 'Scratched mug');
  await waitFor(() => ratingMailsTo(cy.emails[0].address).length === 1, { message: 'Cy\'s rating request' });
  assert.equal(ratingMailsTo(address).length, 2, `no rating mail for ${held.id}`);
});
