// End-to-end: surveys in Debian's Chromium against the real server. An administrator defines an
// NPS survey in the app and invites a customer; the customer answers 3 on the public page on a
// phone-sized screen with JavaScript disabled (German, the customer's language), then the
// survey's results page shows the answer with its comment, and follows a customer filter. The public pages and the app screens
// pass axe. Screenshots go to e2e/artifacts/surveys-*.png. Same variables as app.test.mjs.
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

before(async () => {
  dir = makeDataDir('rapport-e2e-surveys-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const created = await server.api('POST', '/customers', { body: { first_name: 'Greta', last_name: 'Gruber', language: 'de', tags: ['vip'], emails: [{ address: 'greta@example.com' }] } });
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
  const page = await signedInPage(browser, server.baseUrl, 'ada@staff.example', PASSWORD);

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
  // The results as charts: today's one answer in the trend, and the breakdown by the chosen
  // group, each bar named by its title for screen readers.
  const today = new Date().toISOString().slice(0, 10);
  const trend = page.getByRole('img', { name: 'Answers and NPS per day' });
  assert.deepEqual(await trend.locator('rect title').allTextContents(), [`${today}: 1 answers`]);
  await page.getByLabel('Break down by').selectOption('lifecycle_stage');
  const groups = page.getByRole('img', { name: 'NPS by group' });
  await groups.locator('rect title', { hasText: /: -100 nps$/ }).waitFor({ state: 'attached' });
  assert.equal(await groups.locator('rect').count(), 1, 'one group: Greta\'s stage');
  await shot(page, 'results');

  // The results follow a customer filter built as on the customers list: a tag nobody has
  // leaves no answers; Greta's tag brings hers back.
  await page.getByRole('button', { name: /^Filter results/ }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('tags');
  await page.getByLabel('Value of condition 1').fill('nobody');
  const answers = page.locator('.report-totals .card', { hasText: 'Answers' });
  await answers.locator('strong', { hasText: /^0$/ }).waitFor();
  await page.getByLabel('Value of condition 1').fill('vip');
  await answers.locator('strong', { hasText: /^1$/ }).waitFor();
  await page.locator('.report-totals', { hasText: '−100' }).waitFor();
  await checkAccessibility(page, 'survey results filtered');
  await shot(page, 'results-filtered');

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
  await page.context().close();
});

test('a custom survey of three questions with a skip rule: built in the app, answered, counted', async () => {
  const page = await signedInPage(browser, server.baseUrl, 'ada@staff.example', PASSWORD);
  await page.getByRole('link', { name: 'Surveys' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Kitchen visit');
  await page.getByLabel('Kind').selectOption('custom');
  const form = page.getByRole('form', { name: 'Questions of the new survey' });
  await form.getByLabel('Text of question 1', { exact: true }).fill('How was the food?');
  await form.getByLabel("The survey's score (question 1)").check();
  await form.getByRole('button', { name: 'Add question' }).click();
  await form.getByLabel('Type of question 2').selectOption('single_choice');
  await form.getByLabel('Options of question 2 (one per line)').fill('Yes\nNo');
  // Question 2 has no text yet: the server's error shows on that field, and nothing is made.
  await form.getByRole('button', { name: 'Create survey' }).click();
  await form.getByText(/must not be empty/).waitFor();
  assert.equal(await form.getByLabel('Text of question 2', { exact: true }).getAttribute('aria-invalid'), 'true');
  await checkAccessibility(page, 'custom survey editor with an error');
  await form.getByLabel('Text of question 2', { exact: true }).fill('Would you come back?');
  await form.getByRole('button', { name: 'Add question' }).click();
  await form.getByLabel('Type of question 3').selectOption('text');
  await form.getByLabel('Text of question 3', { exact: true }).fill('What should we change?');
  await form.getByLabel('Show question 3', { exact: true }).selectOption('q2');
  await form.getByRole('group', { name: /that show question 3/ }).getByLabel('No').check();
  await shot(page, 'custom-editor');
  await form.getByRole('button', { name: 'Create survey' }).click();
  await page.getByRole('heading', { name: 'Kitchen visit' }).waitFor();
  await page.getByRole('region', { name: 'Questions' }).getByText(/only when q2 matches/).waitFor();

  // Invited by link (a customer not asked yet: the contact budget); answered on a phone without
  // JavaScript: 4 stars and "Yes" skips question 3.
  const karl = await server.api('POST', '/customers', { body: { first_name: 'Karl', emails: [{ address: 'karl@example.com' }] } });
  assert.equal(karl.status, 201, karl.text);
  await page.getByLabel('Customer id').fill(karl.body.id);
  await page.getByRole('button', { name: 'Invite' }).click();
  const link = await page.locator('[role="status"] code').innerText();
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'en-US', baseURL: server.baseUrl });
  const answering = await phone.newPage();
  answering.setDefaultTimeout(15_000);
  await answering.goto(new URL(link).pathname);
  await answering.getByLabel('4', { exact: true }).check();
  await answering.getByRole('button', { name: /Next|Weiter/ }).click();
  await answering.getByLabel('Yes', { exact: true }).check();
  await answering.getByRole('button', { name: /Next|Weiter/ }).click();
  await answering.getByRole('heading', { name: /Thank you|Vielen Dank/ }).waitFor();
  await phone.close();

  await page.reload();
  const answers = page.locator('.report-totals .card', { hasText: 'Answers' });
  await answers.locator('strong', { hasText: /^1$/ }).waitFor();
  await page.locator('.report-totals', { hasText: '4.00' }).waitFor();
  await checkAccessibility(page, 'custom survey results');
  await shot(page, 'custom-results');

  // A changed question after an answer makes version 2.
  await page.getByRole('button', { name: 'Edit questions' }).click();
  const editing = page.getByRole('form', { name: 'Edit the questions' });
  await editing.getByLabel('Text of question 3', { exact: true }).fill('What one thing should we change?');
  await editing.getByRole('button', { name: 'Save questions' }).click();
  await page.getByText('Saved as version 2.').waitFor();
  await page.context().close();
});
