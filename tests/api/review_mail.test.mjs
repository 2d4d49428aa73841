// Review requests by e-mail over the real binary and a real SMTP server (aiosmtpd),
// docs/design/reviews.md § Collecting: a request mailed in the customer's language whose link
// takes one review, consent and a missing address recorded, the one contact budget shared with
// surveys, bad input refused naming the field with nothing stored, and the automatic request
// after fulfilment — about a product the customer has not reviewed, once per order.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createToken, freePort, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { startSmtpServer } from './lib/mail_servers.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

let dir;
let server;
let smtp;
let kettle;

before(async () => {
  dir = makeDataDir();
  const token = createToken(dir, 'admin');
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${port}`, 'security = "none"',
    'from_domain = "shop.example"', 'from = "hello@shop.example"',
    '[mail.outbox]', 'max_attempts = 50', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  smtp = await startSmtpServer({ port });
  server = await startServer({ dataDir: dir, token });
  kettle = expectStatus(await server.api('POST', '/products', { body: { sku: 'K-1', name: 'Kettle', price: '30.00', currency: 'EUR' } }), 201);
  expectStatus(await server.api('POST', '/products', { body: { sku: 'M-1', name: 'Mug', price: '8.00', currency: 'EUR' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

const CONSENTED = { consent: { email: { marketing: { status: 'granted', source: 'signup' } } } };
let made = 0;
async function customer(extra = {}) {
  made += 1;
  return expectStatus(await server.api('POST', '/customers', { body: {
    first_name: `Person${made}`, emails: [{ address: `p${made}@cust.example` }], ...CONSENTED, ...extra } }), 201);
}
const mailsTo = (address) => smtp.messages().filter((m) => m.rcptTos.includes(address));
function reviewLinkIn(mail) {
  const match = /\/r\/([A-Za-z0-9_-]{22})\b/.exec(mail.raw);
  assert.ok(match, 'the mail carries a review link');
  return `/r/${match[1]}`;
}
const request = (body) => server.api('POST', '/reviews/requests', { body });

test('a mailed request reaches the customer in their language, and its link takes one review', async () => {
  const ada = await customer({ first_name: 'Ada', language: 'de' });
  const order = expectStatus(await server.api('POST', `/customers/${ada.id}/orders`, { body: {
    currency: 'EUR', channel: 'web', status: 'fulfilled', lines: [{ sku: 'K-1', quantity: 1 }] } }), 201);
  const sent = expectStatus(await request({ customer_id: ada.id, order_id: order.id, product_id: kettle.id, delivery: 'email' }), 201);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.delivery, 'email');
  assert.equal(sent.link, null, 'a mailed link is for the inbox only');
  const address = ada.emails[0].address;
  await waitFor(() => mailsTo(address).length === 1, { message: 'no review request mail arrived' });
  const [mail] = mailsTo(address);
  assert.match(mail.raw, /Hallo Ada,/);
  assert.match(mail.raw, /^Subject: .*Kettle/m);
  assert.match(mail.raw, /^Auto-Submitted: auto-generated/m);
  const link = reviewLinkIn(mail);
  const form = await fetch(server.baseUrl + link);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /Kettle/);
  const saved = await fetch(server.baseUrl + link, { method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating: 5, text: 'Sehr gut' }) });
  assert.ok(saved.status === 200 || saved.status === 201 || saved.status === 303, `status ${saved.status}`);
  const again = await fetch(server.baseUrl + link, { method: 'POST',
    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating: 1 }) });
  assert.equal(again.status, 409, 'one review per link');
  const theirs = expectStatus(await server.api('GET', `/reviews?customer_id=${ada.id}`), 200).data;
  assert.equal(theirs.length, 1);
  assert.equal(theirs[0].request_id, sent.id);
  assert.equal(theirs[0].verified, true);
});

test('consent, a missing address and the one contact budget across surveys and reviews', async () => {
  const unconsented = await customer({ consent: undefined });
  const noConsent = expectStatus(await request({ customer_id: unconsented.id, delivery: 'email' }), 201);
  assert.equal(noConsent.status, 'no_consent');
  const mailless = expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Nomail', ...CONSENTED } }), 201);
  assert.equal(expectStatus(await request({ customer_id: mailless.id, delivery: 'email' }), 201).status, 'no_email');

  // Asked for a survey first: the review request that follows is throttled — recorded, no mail.
  const bea = await customer();
  const nps = expectStatus(await server.api('POST', '/surveys', { body: { name: 'NPS', kind: 'nps' } }), 201);
  const invited = expectStatus(await server.api('POST', `/surveys/${nps.id}/invitations`, {
    body: { customer_id: bea.id, delivery: 'email' } }), 201);
  assert.equal(invited.status, 'sent');
  const throttled = expectStatus(await request({ customer_id: bea.id, delivery: 'email' }), 201);
  assert.equal(throttled.status, 'throttled');
  await waitFor(() => mailsTo(bea.emails[0].address).length === 1, { message: 'the survey mail never came' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(mailsTo(bea.emails[0].address).length, 1, 'only the survey was mailed');
  assert.equal(mailsTo(unconsented.emails[0].address).length, 0);

});

test('bad requests and settings are refused naming the field, and store nothing', async () => {
  const cy = await customer();
  expectProblem(await request({ customer_id: cy.id, delivery: 'pigeon' }), 422, { field: 'delivery' });
  expectProblem(await request({ customer_id: null, delivery: 'email' }), 422, { field: 'customer_id' });
  expectProblem(await request({ customer_id: cy.id, delivery: 'email', expires_in_days: 0 }), 422, { field: 'expires_in_days' });
  expectProblem(await server.api('PUT', '/reviews/settings', { body: { auto_request_days: 400 } }), 422, { field: 'auto_request_days' });
  expectProblem(await server.api('PUT', '/reviews/settings', { body: { auto_request_days: 'soon' } }), 422, { field: 'auto_request_days' });
  expectProblem(await server.api('PUT', '/reviews/settings', { body: { surprise: true } }), 422, { field: 'surprise' });
  const settings = expectStatus(await server.api('GET', '/reviews/settings'), 200);
  assert.equal(settings.auto_request_days, null, 'off until turned on');
  assert.equal(settings.version, 0);
  // Cy was asked for nothing: a first ask still goes out.
  assert.equal(expectStatus(await request({ customer_id: cy.id }), 201).status, 'sent');
});

test('the automatic request after fulfilment asks about a product not yet reviewed, once per order', async () => {
  const on = expectStatus(await server.api('PUT', '/reviews/settings', { body: { auto_request_days: 0, expires_in_days: 14 } }), 200);
  assert.equal(on.auto_request_days, 0);
  expectProblem(await server.api('PUT', '/reviews/settings', { headers: { 'if-match': '"v99"' }, body: { auto_request_days: 1 } }), 412);
  const dan = await customer({ first_name: 'Dan' });
  // Dan reviewed the kettle already (on the shop's own site).
  expectStatus(await server.api('POST', '/reviews', { body: { customer_id: dan.id, product_id: kettle.id, rating: 4, source: 'own_site' } }), 201);
  const order = expectStatus(await server.api('POST', `/customers/${dan.id}/orders`, { body: {
    currency: 'EUR', channel: 'web', status: 'paid', lines: [{ sku: 'K-1', quantity: 1 }, { sku: 'M-1', quantity: 2 }] } }), 201);
  const address = dan.emails[0].address;
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(mailsTo(address).length, 0, 'nothing before fulfilment');
  expectStatus(await server.api('PATCH', `/orders/${order.id}`, { body: { status: 'fulfilled' } }), 200);
  await waitFor(() => mailsTo(address).length === 1, { message: 'no automatic request after fulfilment' });
  const [mail] = mailsTo(address);
  assert.match(mail.raw, /^Subject: .*Mug/m, 'about the product not yet reviewed');
  const page = await fetch(server.baseUrl + reviewLinkIn(mail));
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Mug/);
  // A change to the fulfilled order (a note) asks nothing more.
  expectStatus(await server.api('PATCH', `/orders/${order.id}`, { body: { notes: 'left at the door' } }), 200);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(mailsTo(address).length, 1, 'one request per order');
  // Turned off: the next fulfilled order asks nobody.
  expectStatus(await server.api('PUT', '/reviews/settings', { body: { auto_request_days: null } }), 200);
  const eli = await customer();
  const second = expectStatus(await server.api('POST', `/customers/${eli.id}/orders`, { body: {
    currency: 'EUR', channel: 'web', status: 'paid', lines: [{ sku: 'M-1', quantity: 1 }] } }), 201);
  expectStatus(await server.api('PATCH', `/orders/${second.id}`, { body: { status: 'fulfilled' } }), 200);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(mailsTo(eli.emails[0].address).length, 0);
});
