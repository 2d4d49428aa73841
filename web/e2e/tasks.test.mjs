// End-to-end: staff tasks and the home screen in Debian's Chromium against the real server. A
// salesperson signs in and lands on Home, adds a task on a customer's page, finds it under "My
// tasks", gets its reminder live as a notice, and completes it with an outcome that shows on the
// customer's timeline. Each screen is checked with axe and photographed into
// e2e/artifacts/tasks-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium, signedInPage } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let browser;
let customer;
let salId;

before(async () => {
  dir = makeDataDir('rapport-e2e-tasks-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sal@staff.example', '--name', 'Sal Sales', '--role', 'sales', '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  salId = (await server.api('GET', '/users')).body.data.find((u) => u.email === 'sal@staff.example').id;
  customer = (await server.api('POST', '/customers', { body: { first_name: 'Nora', last_name: 'North', owner_id: salId } })).body;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `tasks-${name}.png`), fullPage: true });

test('a task added on the customer page is reminded live, completed with an outcome, and on the timeline', async () => {
  const page = await signedInPage(browser, server.baseUrl, 'sal@staff.example', PASSWORD);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  await page.getByRole('heading', { name: 'My customers at risk' }).waitFor();
  await checkAccessibility(page, 'tasks home');
  await shot(page, 'home');

  await page.goto(`/customers/${customer.id}`);
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
  await page.getByRole('button', { name: 'Add task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Task').fill('Call Nora about her order');
  await form.getByLabel('Priority').selectOption('high');
  await form.getByRole('button', { name: 'Add task' }).click();
  const item = page.locator('li.task', { hasText: 'Call Nora about her order' });
  await item.waitFor();
  await checkAccessibility(page, 'tasks customer card');
  await shot(page, 'customer');

  // Its reminder, due in a moment, reaches Sal live as a notice.
  const task = (await server.api('GET', `/tasks?customer_id=${customer.id}`, { token: undefined })).body.data[0];
  assert.equal(task.assignee_id, salId);
  const res = await server.api('PATCH', `/tasks/${task.id}`, { body: { remind_at: new Date(Date.now() + 1500).toISOString() } });
  assert.equal(res.status, 200, res.text);
  await page.locator('.reminder-notices').getByText('Call Nora about her order').waitFor();

  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
  const mine = page.locator('.task-window-upcoming li.task', { hasText: 'Call Nora about her order' });
  await mine.waitFor();
  await checkAccessibility(page, 'tasks my tasks');
  await shot(page, 'mine');
  await mine.getByRole('button', { name: 'Complete Call Nora about her order' }).click();
  await mine.getByLabel('Outcome').fill('called, refunded shipping');
  await mine.getByRole('button', { name: 'Mark done' }).click();
  await mine.waitFor({ state: 'detached' });

  const done = (await server.api('GET', `/tasks/${task.id}`)).body;
  assert.equal(done.status, 'done');
  assert.equal(done.outcome, 'called, refunded shipping');
  await page.goto(`/customers/${customer.id}`);
  await page.getByText('Task completed: Call Nora about her order').waitFor();
  await page.context().close();
});

test('home lists my customers\' upcoming birthdays and renewals, soonest first, live', async () => {
  const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const birthdayIn = (n) => `1990-${inDays(n).slice(5)}`;
  const avoidLeap = [2, 5].some((n) => inDays(n).endsWith('02-29'));
  await server.api('POST', '/custom-fields', {
    body: { object_type: 'customer', key: 'renewal_date', label: 'Renewal date', type: 'date' } });
  const olga = (await server.api('POST', '/customers', {
    body: { first_name: 'Olga', last_name: 'Oak', owner_id: salId, custom_fields: { renewal_date: inDays(2) } } })).body;
  if (!avoidLeap) {
    await server.api('POST', '/customers', { body: { first_name: 'Piet', last_name: 'Pine', owner_id: salId, birthday: birthdayIn(5) } });
  }
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill('sal@staff.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  const list = page.getByRole('list', { name: 'Upcoming dates' });
  await list.getByText('in 2 days').waitFor();
  const rows = await list.getByRole('listitem').allTextContents();
  assert.match(rows[0], /^Olga Oak: renewal/);
  if (!avoidLeap) assert.match(rows[1], /^Piet Pine: birthday .*in 5 days/);
  // A birthday set elsewhere shows without a reload (the customer.updated event).
  const got = await server.api('GET', `/customers/${olga.id}`);
  await server.api('PATCH', `/customers/${olga.id}`, { body: { birthday: birthdayIn(1) }, headers: { 'if-match': `"v${got.body.version}"` } });
  await list.getByText('tomorrow').waitFor();
  await checkAccessibility(page, 'home upcoming dates');
  await shot(page, 'home-upcoming-dates');
  await list.getByRole('link', { name: 'Olga Oak' }).first().click();
  await page.getByRole('heading', { name: 'Olga Oak' }).waitFor();
  await page.context().close();
});
