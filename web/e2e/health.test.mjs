// Customer health in Debian's Chromium: a customer whose purchases stopped and who had a refund
// shows a low score with the reasons the score gives for itself; staff record a bad experience and
// close the loop with an outcome, and the score moves live on the page after a reload; the Health
// page draws the churn-risk chart and lists the customer first among those at risk. Checked with
// axe; screenshots go to e2e/artifacts/health-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, makeDataDir, removeDir, startServer, waitFor } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;
let dir;
let server;
let browser;
let customer;

before(async () => {
  dir = makeDataDir('rapport-e2e-health-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin',
    '--password-stdin'], `${PASSWORD}\n`);
  const token = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  server = await startServer({ dataDir: dir, token });
  customer = (await server.api('POST', '/customers', { body: { first_name: 'Gail', last_name: 'Gone', emails: [{ address: 'gail@example.com' }] } })).body;
  let last;
  for (const daysAgo of [400, 370, 340]) {
    last = (await server.api('POST', `/customers/${customer.id}/orders`, {
      body: { placed_at: new Date(Date.now() - daysAgo * DAY).toISOString(), currency: 'EUR', channel: 'web',
        lines: [{ description: 'Coffee beans', quantity: 2, unit_price: '14.00' }] },
    })).body;
  }
  assert.equal((await server.api('POST', `/orders/${last.id}/refunds`, { body: { amount: '14.00' } })).status, 201);
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/health`)).body.bad_experiences.length === 1,
    { message: 'the refund recorded as a bad experience' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `health-${name}.png`), fullPage: true });

async function signIn() {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill('ada@staff.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).waitFor();
  return page;
}

test('the customer page explains the score; staff record and close bad experiences', async () => {
  const page = await signIn();
  await page.goto(`/customers/${customer.id}`);
  const card = page.getByRole('region', { name: 'Health' });
  await card.waitFor();
  const score = Number(await card.getByTestId('health-score').textContent());
  assert.ok(score < 70, `score ${score}`);
  await card.getByRole('list', { name: 'Why this score' }).getByText(/^no purchase for \d+\.\d× the usual interval \(\d+ days\)/).waitFor();
  await card.getByText('1 open bad experience').waitFor();
  await card.getByText('a refund of 14.00').waitFor();
  await checkAccessibility(page, 'customer health card');

  await card.getByRole('button', { name: 'Record a bad experience' }).click();
  await card.getByLabel('What went wrong').fill('Parcel left in the rain');
  await card.getByRole('button', { name: 'Record' }).click();
  await card.getByText('Parcel left in the rain').waitFor();
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/health`)).body.bad_experiences_open === 2,
    { message: 'the staff record counted' });
  await page.reload();
  await card.getByText('2 open bad experiences').waitFor();
  const lower = Number(await card.getByTestId('health-score').textContent());
  assert.ok(lower < score, `${lower} < ${score}`);
  await shot(page, 'card');

  // Close the loop on the refund: recovered, with what was done.
  const refund = card.getByRole('listitem').filter({ hasText: 'a refund of 14.00' });
  await refund.getByRole('button', { name: 'Close the loop' }).click();
  await refund.getByLabel('Outcome').fill('Called, refunded shipping');
  await refund.getByRole('button', { name: 'Recovered' }).click();
  await card.getByText('1 closed').waitFor();
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/health`)).body.bad_experiences_open === 1,
    { message: 'the recovery counted' });
  await page.reload();
  await card.getByText('1 open bad experience').waitFor();
  assert.ok(Number(await card.getByTestId('health-score').textContent()) > lower);
  await page.context().close();
});

test('the Health page draws the risk chart and lists who is at risk', async () => {
  const page = await signIn();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Health' }).click();
  await page.getByRole('heading', { name: 'Customer health' }).waitFor();
  await page.getByTestId('risk-now').waitFor();
  await page.getByRole('img', { name: /Customers per churn risk/ }).or(page.getByText('The daily figures start')).first().waitFor();
  await page.getByRole('combobox', { name: 'Churn risk' }).selectOption('');
  const row = page.getByRole('row').filter({ hasText: 'Gail Gone' });
  await row.waitFor();
  await checkAccessibility(page, 'health page');
  await shot(page, 'page');
  await row.getByRole('link', { name: 'Gail Gone' }).click();
  await page.getByRole('heading', { name: 'Gail Gone' }).waitFor();
  await page.context().close();
});

test('an administrator sends refunds\' follow-ups to a queue; the ticket is linked on the customer page', async () => {
  const queue = (await server.api('POST', '/queues', { body: { name: 'Customer care' } })).body;
  const page = await signIn();
  await page.goto('/settings/follow-ups');
  const form = page.getByRole('form', { name: 'Follow-ups' });
  await form.waitFor();
  // A ticket without a queue is refused, named beside the queue picker.
  await form.getByLabel('A refund').selectOption('ticket');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('is required while a follow-up opens a ticket').waitFor();
  await form.getByLabel('Queue for follow-up tickets').selectOption({ label: 'Customer care' });
  await form.getByLabel('Due after (hours)').fill('48');
  await checkAccessibility(page, 'follow-up settings');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('status').getByText('Saved.').waitFor();
  await shot(page, 'follow-up-settings');
  const saved = (await server.api('GET', '/health/settings')).body;
  assert.equal(saved.follow_up_as.refund, 'ticket');
  assert.equal(saved.follow_up_queue_id, queue.id);
  assert.ok(saved.follow_up_causes.includes('refund'));

  const kai = (await server.api('POST', '/customers', { body: { first_name: 'Kai', last_name: 'Kettle' } })).body;
  const placed = (await server.api('POST', `/customers/${kai.id}/orders`, {
    body: { currency: 'EUR', channel: 'web', lines: [{ description: 'Kettle', quantity: 1, unit_price: '60.00' }] },
  })).body;
  assert.equal((await server.api('POST', `/orders/${placed.id}/refunds`, { body: { amount: '60.00' } })).status, 201);
  const experience = await waitFor(async () => (await server.api('GET', `/customers/${kai.id}/health`)).body
    .bad_experiences.find((e) => e.follow_up_ticket_id), { message: 'the follow-up ticket' });

  await page.goto(`/customers/${kai.id}`);
  const card = page.getByRole('region', { name: 'Health' });
  await card.getByText('a refund of 60.00').waitFor();
  await card.getByRole('link', { name: 'Follow-up ticket' }).click();
  await page.waitForURL(`**/support/tickets/${experience.follow_up_ticket_id}`);
  await page.getByRole('heading', { name: /Follow up: a refund of 60\.00/ }).waitFor();
  await shot(page, 'follow-up-ticket');
  await page.context().close();
});

test('home\'s "My customers at risk" and "Recent detractors" update live', async () => {
  const adaId = (await server.api('GET', '/users')).body.data.find((u) => u.email === 'ada@staff.example').id;
  const hal = (await server.api('POST', '/customers', { body: { first_name: 'Hal', last_name: 'Home', owner_id: adaId } })).body;
  const page = await signIn();
  await page.goto('/');
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  const atRisk = page.getByRole('region', { name: /My customers at risk/ });
  const detractors = page.getByRole('region', { name: 'Recent detractors' });
  await detractors.getByText('No recent detractors.').waitFor();
  await atRisk.getByText('No customers at high risk.').waitFor();

  // Hal answers NPS 0 elsewhere: the detractor shows without a reload (bad_experience.recorded).
  const nps = (await server.api('POST', '/surveys', { body: { name: 'Live NPS', kind: 'nps' } })).body;
  const invitation = (await server.api('POST', `/surveys/${nps.id}/invitations`, { body: { customer_id: hal.id } })).body;
  const answer = (body) => fetch(server.baseUrl + new URL(invitation.link).pathname, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await answer({ question: 'score', answer: 0 })).status, 200);
  assert.equal((await answer({ question: 'why', answer: 'It never arrived.' })).status, 200);
  await detractors.getByRole('link', { name: 'Hal Home' }).waitFor();
  await detractors.getByText(/NPS 0 on/).waitFor();

  // Bands that a second bad experience crosses: Hal goes high risk and joins the list live
  // (health.risk_changed), with no reload of the page.
  assert.equal((await server.api('PUT', '/health/settings', { body: { high_below: 60 } })).status, 200);
  assert.equal((await server.api('POST', `/customers/${hal.id}/bad-experiences`, { body: { summary: 'Shouted at on the phone' } })).status, 201);
  await atRisk.getByRole('link', { name: 'Hal Home' }).waitFor();
  const risk = (await server.api('GET', `/customers/${hal.id}/health`)).body;
  assert.equal(risk.risk, 'high');
  await checkAccessibility(page, 'home health sections');
  await shot(page, 'home-live');
  await page.context().close();
});
