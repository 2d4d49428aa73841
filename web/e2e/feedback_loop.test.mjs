// Issue 15's loop in Debian's Chromium: staff filter the customers list and send an NPS survey to
// it by e-mail (the send's progress in the app), the invitation reaches a real SMTP server
// (aiosmtpd), the customer follows the mailed link and answers 3 on the public page with
// JavaScript off; a follow-up task appears for the owner, Olive, on her home screen, the
// customer's health drops with the reason shown; Olive completes the task with an outcome on the
// customer page and tells the customer it by e-mail (it reaches the SMTP server and the
// timeline), and the bad experience is closed as recovered. Screenshots go to e2e/artifacts/loop-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cliOk, makeDataDir, removeDir, startServer, waitFor } from '../../tests/api/lib/server.mjs';
import { startSmtpServer } from '../../tests/api/lib/mail_servers.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let smtp;
let browser;
let customer;

before(async () => {
  dir = makeDataDir('rapport-e2e-loop-');
  smtp = await startSmtpServer();
  fs.writeFileSync(path.join(dir, 'rapport.toml'), [
    '[mail.smtp]', 'host = "127.0.0.1"', `port = ${smtp.port}`, 'security = "none"', 'from_domain = "shop.test"',
    '[mail.outbox]', 'first_retry_seconds = 1', 'max_retry_seconds = 1', '',
  ].join('\n'));
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin',
    '--password-stdin'], `${PASSWORD}\n`);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'olive@staff.example', '--name', 'Olive Owner', '--role', 'manager',
    '--password-stdin'], `${PASSWORD}\n`);
  const token = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  server = await startServer({ dataDir: dir, token });
  const olive = (await server.api('GET', '/users')).body.data.find((u) => u.email === 'olive@staff.example');
  customer = (await server.api('POST', '/customers', {
    body: { first_name: 'Nina', last_name: 'Npsy', emails: [{ address: 'nina@example.com' }], owner_id: olive.id, tags: ['loop'] },
  })).body;
  assert.ok(customer.id, JSON.stringify(customer));
  const other = await server.api('POST', '/customers', {
    body: { first_name: 'Otto', last_name: 'Other', emails: [{ address: 'otto@example.com' }], tags: ['loop'] },
  });
  assert.equal(other.status, 201);
  // Follow-ups due within the hour, so the task is among today's on Olive's home screen.
  assert.equal((await server.api('PUT', '/health/settings', { body: { follow_up_hours: 1 } })).status, 200);
  assert.equal((await server.api('POST', '/surveys', { body: { name: 'How likely', kind: 'nps' } })).status, 201);
  browser = await launchChromium();
});

const signIn = async (page, email) => {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor();
};

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  await smtp?.stop();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `loop-${name}.png`), fullPage: true });

test('a survey sent to a filter reaches the SMTP server; a detractor gets a follow-up; closing it closes the loop', async () => {
  const before = (await server.api('GET', `/customers/${customer.id}/health`)).body;

  // Ada filters the customers list by the tag and sends the survey to it by e-mail.
  const staff = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  const sending = await staff.newPage();
  sending.setDefaultTimeout(15_000);
  await signIn(sending, 'ada@staff.example');
  await sending.goto('/customers');
  await sending.getByRole('button', { name: /^Filters/ }).click();
  await sending.getByRole('button', { name: 'Add condition' }).click();
  await sending.getByLabel('Field of condition 1').selectOption('tags');
  await sending.getByLabel('Value of condition 1').fill('loop');
  await sending.getByText(/^2 customers/).waitFor();
  await sending.getByRole('button', { name: 'Send survey' }).click();
  const form = sending.getByRole('form', { name: 'Send a survey to these customers' });
  await form.getByLabel('Survey').selectOption({ label: 'How likely' });
  await form.getByRole('button', { name: 'Send by e-mail' }).click();
  await form.getByRole('progressbar', { name: 'Send progress' }).waitFor();
  await form.getByText('2 of 2 customers').waitFor();
  await form.getByText('Done', { exact: true }).waitFor();
  await checkAccessibility(sending, 'customers list sending a survey');
  await shot(sending, 'send');
  await staff.close();

  // The invitation reaches the SMTP server, with a short single-use link.
  const mail = await waitFor(() => smtp.messages().find((m) => m.rcptTos.includes('nina@example.com')),
    { timeoutMs: 20_000, message: 'no invitation mail reached the SMTP server' });
  assert.ok(smtp.messages().some((m) => m.rcptTos.includes('otto@example.com')), 'the other customer was asked too');
  const link = /\/s\/[A-Za-z0-9_-]{22}\b/.exec(mail.raw)?.[0];
  assert.ok(link, 'the mail carries the survey link');

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
  // Olive's clock at local noon, whatever the hour in UTC: a follow-up due within the hour is then
  // due today on her home screen (at 23:30 UTC it would otherwise fall on tomorrow).
  const offset = 12 - new Date().getUTCHours();
  const timezoneId = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US', timezoneId });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, 'olive@staff.example');
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

  // Olive completes the follow-up on the Tasks card with what she did, and tells the customer.
  const task = (await server.api('GET', `/tasks?customer_id=${customer.id}`)).body.data[0];
  assert.match(task.title, /^Follow up: NPS 3 on/);
  const tasks = page.getByRole('region', { name: 'Tasks' });
  await tasks.getByRole('button', { name: `Complete ${task.title}` }).click();
  const closing = tasks.getByRole('form', { name: `Complete ${task.title}` });
  await closing.getByLabel('Outcome', { exact: true }).fill('Called, refunded shipping');
  await closing.getByLabel('Tell the customer by e-mail').check();
  await checkAccessibility(page, 'closing the loop');
  await closing.getByRole('button', { name: 'Mark done' }).click();
  await closing.waitFor({ state: 'detached' }); // done: the card lists open tasks only
  const told = await waitFor(() => smtp.messages().find((m) => m.rcptTos.includes('nina@example.com') &&
    /Called, refunded shipping/.test(m.raw)), { timeoutMs: 20_000, message: 'the customer was not told the outcome' });
  assert.match(told.raw, /Hello Nina,/);
  const timeline = (await server.api('GET', `/customers/${customer.id}/timeline`)).body.data;
  assert.ok(timeline.some((e) => e.kind === 'task_outcome_sent'), 'the outcome sent is on the timeline');
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/health`)).body.bad_experiences_open === 0,
    { message: 'the loop closed' });
  await page.reload();
  await health.getByText('1 closed').waitFor();
  await health.getByText(/Called, refunded shipping/).waitFor({ state: 'attached' });
  assert.ok(Number(await health.getByTestId('health-score').textContent()) > score);
  await context.close();
});
