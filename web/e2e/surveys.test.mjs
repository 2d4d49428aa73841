// End-to-end: surveys in Debian's Chromium against the real server. An administrator defines an
// NPS survey in the app and invites a customer; the customer answers 3 on the public page on a
// phone-sized screen with JavaScript disabled (German, the customer's language), then the
// survey's results page shows the answer with its comment. The public pages and the app screens
// pass axe. Screenshots go to e2e/artifacts/surveys-*.png. Same variables as app.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let browser;
let customer;

before(async () => {
  dir = makeDataDir('rapport-e2e-surveys-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const created = await server.api('POST', '/customers', { body: { first_name: 'Greta', last_name: 'Gruber', language: 'de', emails: [{ address: 'greta@example.com' }] } });
  assert.equal(created.status, 201, created.text);
  customer = created.body;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `surveys-${name}.png`), fullPage: true });

test('define, invite, answer 3 on the public page without JavaScript, see the result', async () => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill('ada@staff.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor(); // the app opens on Home

  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.getByRole('heading', { name: 'Surveys' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('After your order');
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.getByRole('heading', { name: 'After your order' }).waitFor();
  await page.getByLabel('Customer id').fill(customer.id);
  await page.getByRole('button', { name: 'Invite' }).click();
  const link = await page.locator('[role="status"] code').innerText();
  assert.match(link, /\/s\/[A-Za-z0-9_-]{22}$/);
  await checkAccessibility(page, 'survey page');
  await shot(page, 'survey');

  // The page on a phone: axe clean, no sideways scrolling (axe needs JavaScript to run).
  const surveyPath = new URL(link).pathname;
  const checking = await browser.newPage({ viewport: { width: 375, height: 740 }, baseURL: server.baseUrl });
  await checking.goto(surveyPath);
  await checking.getByText('Wie wahrscheinlich ist es').waitFor();
  assert.equal(await checking.locator('html').getAttribute('lang'), 'de');
  await checkAccessibility(checking, 'public survey question');
  const overflow = await checking.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the public page scrolls sideways by ${overflow}px at 375px`);
  await checking.close();

  // The customer answers on a phone with JavaScript off.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'de-AT', baseURL: server.baseUrl });
  const answering = await phone.newPage();
  answering.setDefaultTimeout(15_000);
  await answering.goto(surveyPath);
  await shot(answering, 'public-question');
  await answering.getByLabel('3', { exact: true }).check();
  await answering.getByRole('button', { name: 'Weiter' }).click();
  await answering.getByLabel('Was ist der wichtigste Grund für Ihre Bewertung?').fill('Die Lieferung war zu langsam.');
  await answering.getByRole('button', { name: 'Weiter' }).click();
  await answering.getByRole('heading', { name: 'Vielen Dank' }).waitFor();
  await shot(answering, 'public-thanks');
  await phone.close();
  const thanks = await browser.newPage({ baseURL: server.baseUrl });
  await thanks.goto(surveyPath);
  await thanks.getByRole('heading', { name: 'Vielen Dank' }).waitFor();
  await checkAccessibility(thanks, 'public survey thanks');
  await thanks.close();

  await page.reload();
  await page.getByRole('cell', { name: 'Die Lieferung war zu langsam.' }).waitFor();
  await page.locator('.report-totals', { hasText: '−100' }).waitFor();
  await shot(page, 'results');

  // You said, we did: a theme whose keyword the comment holds counts it at once; what was done
  // is written beside it.
  await page.getByRole('link', { name: 'All surveys' }).click();
  const themes = page.getByRole('region', { name: 'You said, we did' });
  await themes.getByLabel('Theme', { exact: true }).fill('Delivery');
  await themes.getByLabel('Keywords (comma-separated)').fill('Lieferung, parcel');
  await themes.getByRole('button', { name: 'Add theme' }).click();
  await themes.getByText('Added; 1 earlier answers mention it.').waitFor();
  await themes.getByRole('img', { name: /Answers per theme/ }).waitFor();
  await themes.getByRole('row', { name: /Delivery/ }).getByRole('cell', { name: '1', exact: true }).waitFor();
  await themes.getByLabel('What we did about Delivery').fill('Switched to a next-day courier');
  await themes.getByRole('form', { name: 'We did: Delivery' }).getByRole('button', { name: 'Save' }).click();
  await themes.getByText(/since /).waitFor();
  await checkAccessibility(page, 'surveys with themes');
  await shot(page, 'themes');
  await context.close();
});
