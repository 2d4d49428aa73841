// Issue 15's loop in Debian's Chromium: a customer owned by Olive is invited to an NPS survey
// (the short single-use link the invitation answers with; its e-mail delivery is not built yet),
// answers 3 on the public page with JavaScript off; a follow-up task appears for Olive on her
// home screen, the customer's health drops with the reason shown; Olive completes the task with
// an outcome, and the bad experience is closed as recovered. Screenshots go to
// e2e/artifacts/loop-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, makeDataDir, removeDir, startServer, waitFor } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let browser;
let customer;
let link;

before(async () => {
  dir = makeDataDir('rapport-e2e-loop-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin',
    '--password-stdin'], `${PASSWORD}\n`);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'olive@staff.example', '--name', 'Olive Owner', '--role', 'manager',
    '--password-stdin'], `${PASSWORD}\n`);
  const token = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  server = await startServer({ dataDir: dir, token });
  const olive = (await server.api('GET', '/users')).body.data.find((u) => u.email === 'olive@staff.example');
  customer = (await server.api('POST', '/customers', {
    body: { first_name: 'Nina', last_name: 'Npsy', emails: [{ address: 'nina@example.com' }], owner_id: olive.id },
  })).body;
  assert.ok(customer.id, JSON.stringify(customer));
  // Follow-ups due within the hour, so the task is among today's on Olive's home screen.
  assert.equal((await server.api('PUT', '/health/settings', { body: { follow_up_hours: 1 } })).status, 200);
  const survey = (await server.api('POST', '/surveys', { body: { name: 'How likely', kind: 'nps' } })).body;
  const invitation = (await server.api('POST', `/surveys/${survey.id}/invitations`, { body: { customer_id: customer.id } })).body;
  assert.equal(invitation.status, 'sent', JSON.stringify(invitation));
  link = new URL(invitation.link).pathname;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `loop-${name}.png`), fullPage: true });

test('a detractor gets a follow-up; closing it closes the loop', async () => {
  const before = (await server.api('GET', `/customers/${customer.id}/health`)).body;

  // The customer answers 3 on a phone, without JavaScript.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'en-US', baseURL: server.baseUrl });
  const answering = await phone.newPage();
  answering.setDefaultTimeout(15_000);
  await answering.goto(link);
  await answering.getByLabel('3', { exact: true }).check();
  await answering.getByRole('button', { name: /Next|Continue|Weiter/ }).click();
  await answering.getByRole('textbox').fill('The parcel came a week late.');
  await answering.getByRole('button', { name: /Next|Continue|Send|Weiter/ }).click();
  await answering.getByRole('heading', { name: /Thank you/ }).waitFor();
  await phone.close();

  // The owner's home screen shows the follow-up and the detractor.
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/health`)).body.bad_experiences_open === 1,
    { message: 'the detractor recorded' });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill('olive@staff.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor();
  const detractors = page.getByRole('region', { name: 'Recent detractors' });
  await detractors.getByText(/NPS 3 on/).waitFor();
  await page.getByText(/Follow up: NPS 3 on/).first().waitFor();
  await checkAccessibility(page, 'home with a follow-up');
  await shot(page, 'home');

  // The customer page: the score dropped, with the reason; the task is on the Tasks card.
  await page.goto(`/customers/${customer.id}`);
  const health = page.getByRole('region', { name: 'Health' });
  await health.getByText(/^NPS 3 on \d{4}-\d{2}-\d{2}/).first().waitFor();
  const score = Number(await health.getByTestId('health-score').textContent());
  assert.ok(score < before.score, `${score} < ${before.score}`);
  await shot(page, 'customer');

  // Olive completes the follow-up with what she did.
  const task = (await server.api('GET', `/tasks?customer_id=${customer.id}`)).body.data[0];
  assert.match(task.title, /^Follow up: NPS 3 on/);
  const done = await server.api('PATCH', `/tasks/${task.id}`, {
    body: { status: 'done', outcome: 'Called, refunded shipping' }, headers: { 'if-match': `"v${task.version}"` },
  });
  assert.equal(done.status, 200, done.text);
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/health`)).body.bad_experiences_open === 0,
    { message: 'the loop closed' });
  await page.reload();
  await health.getByText('1 closed').waitFor();
  await health.getByText(/Called, refunded shipping/).waitFor({ state: 'attached' });
  assert.ok(Number(await health.getByTestId('health-score').textContent()) > score);
  await context.close();
});
