// End-to-end: the help center in Debian's Chromium against the real server. A manager writes an
// article in the app with the live preview (a script tag in the Markdown stays text), saves it as
// a draft (not public yet), publishes it, and the public page shows it. The public home, article
// and search pages pass axe, fit a 375 px phone without horizontal scrolling, and search works
// with JavaScript disabled; with it, search as you type suggests the article. Screenshots go to
// e2e/artifacts/helpcenter-*.png. Same variables as app.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium, signedInPage } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let browser;
let slug;

before(async () => {
  dir = makeDataDir('rapport-e2e-helpcenter-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'max@staff.example', '--name', 'Max Manager', '--role', 'manager', '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const category = await server.api('POST', '/kb/categories', { body: { name: 'Shipping & delivery' } });
  assert.equal(category.status, 201, category.text);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `helpcenter-${name}.png`), fullPage: true });

async function noHorizontalScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${what}: the page scrolls sideways by ${overflow}px at 375px`);
}

test('staff write, preview and publish an article; the public page shows it', async () => {
  const page = await signedInPage(browser, server.baseUrl, 'max@staff.example', PASSWORD);

  await page.getByRole('link', { name: 'Help center' }).click();
  await page.getByRole('heading', { name: 'Help center' }).waitFor();
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Title').fill('How long does delivery take?');
  await page.getByLabel('Category').selectOption({ label: 'Shipping & delivery' });
  await page.getByLabel('Tags (comma-separated)').fill('shipping, delivery');
  await page.getByLabel('Topic').fill('shipping-times');
  await page.getByLabel('Article (Markdown)').fill('Parcels are **shipped within two days**.\n\n<script>window.pwned = 1</script>');
  const preview = page.getByTestId('kb-preview');
  await preview.locator('strong', { hasText: 'shipped within two days' }).waitFor();
  assert.match(await preview.innerText(), /<script>window\.pwned = 1<\/script>/, 'the script tag shows as text');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await checkAccessibility(page, 'article editor');
  await shot(page, 'editor');

  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved as a draft.' }).waitFor();
  const list = (await server.api('GET', '/kb/articles')).body.data;
  slug = list.find((a) => a.title === 'How long does delivery take?').slug;
  const beforePublish = await server.api('GET', `/help/articles/${slug}`, { raw: true, token: null });
  assert.equal(beforePublish.status, 404, 'a draft is not public');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved and published.' }).waitFor();
  await page.getByRole('heading', { name: 'Revisions' }).waitFor();
  await page.locator('.kb-revisions li', { hasText: 'Version 2 ·' }).waitFor();

  const visitor = await browser.newPage({ baseURL: server.baseUrl });
  await visitor.goto(`/help/articles/${slug}`);
  await visitor.getByRole('heading', { name: 'How long does delivery take?' }).waitFor();
  await visitor.getByText('shipped within two days').waitFor();
  await visitor.close();
  await page.context().close();
});

test('the public pages pass axe and fit a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  for (const [name, url] of [['home', '/help'], ['article', `/help/articles/${slug}`], ['search', '/help/search?q=delivery']]) {
    await page.goto(url);
    await page.getByRole('search').waitFor();
    await checkAccessibility(page, `public ${name}`);
    await noHorizontalScroll(page, `public ${name}`);
    await shot(page, `public-${name}`);
  }
  // The helpful vote is a plain form.
  await page.goto(`/help/articles/${slug}`);
  await page.getByRole('button', { name: 'Yes' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  // Search as you type.
  await page.goto('/help');
  await page.getByLabel('Search the help center').fill('deliv');
  await page.locator('#search-suggestions a', { hasText: 'How long does delivery take?' }).waitFor();
  await page.context().close();
});

test('search works with JavaScript disabled', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.baseUrl, viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/help');
  await page.getByLabel('Search the help center').fill('shipping');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/help\/search\?q=shipping/);
  await page.getByRole('link', { name: 'How long does delivery take?' }).click();
  await page.getByRole('heading', { name: 'How long does delivery take?' }).waitFor();
  await page.context().close();
});

test('categories are renamed in place; the article list filters by status', async () => {
  const page = await signedInPage(browser, server.baseUrl, 'max@staff.example', PASSWORD);
  await page.goto('/kb/articles');
  await page.getByLabel('Status').selectOption('draft');
  await page.getByText('No articles match.').waitFor();
  await page.getByLabel('Status').selectOption('published');
  await page.getByRole('link', { name: 'How long does delivery take?' }).waitFor();
  await checkAccessibility(page, 'article list');
  await page.getByRole('link', { name: 'Categories' }).click();
  await page.getByRole('button', { name: 'Edit Shipping & delivery' }).click();
  await page.getByRole('form', { name: 'Edit Shipping & delivery' }).getByLabel('Name').fill('Shipping');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Shipping', { exact: true }).waitFor();
  await checkAccessibility(page, 'categories');
  const home = await server.api('GET', '/help', { raw: true, token: null });
  assert.ok(home.text.includes('>Shipping</a>'), 'the public home shows the new name');
  await page.context().close();
});
