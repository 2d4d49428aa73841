// End-to-end: reviews in Debian's Chromium against the real server. A customer who bought a
// kettle writes a review with a script tag through a review request on a phone without
// JavaScript (German); an administrator finds it in the moderation queue, sees the text as text
// (no script runs), publishes it with a reply, and reads the product's stats; the customer page
// shows the Reviews card, where asking by e-mail without marketing consent is recorded, not sent; the
// automatic request after fulfilment is turned on; the shop widget shows it escaped. The public page and the app screens
// pass axe. Screenshots go to e2e/artifacts/reviews-*.png. Same variables as app.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium, signedInPage } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
const SCRIPT = '<script>window.__pwned = 1</script>';
let dir;
let server;
let browser;
let customer;
let kettle;
let order;

before(async () => {
  dir = makeDataDir('rapport-e2e-reviews-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const created = await server.api('POST', '/customers', { body: { first_name: 'Greta', last_name: 'Gruber', language: 'de', emails: [{ address: 'greta@example.com' }] } });
  assert.equal(created.status, 201, created.text);
  customer = created.body;
  kettle = (await server.api('POST', '/products', { body: { sku: 'K-1', name: 'Wasserkocher', price: '30.00', currency: 'EUR' } })).body;
  order = (await server.api('POST', `/customers/${customer.id}/orders`, { body: { currency: 'EUR', channel: 'web', status: 'fulfilled', lines: [{ sku: 'K-1', quantity: 1 }] } })).body;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `reviews-${name}.png`), fullPage: true });

test('a requested review with a script tag: written without JavaScript, moderated and shown as text', async () => {
  const sent = await server.api('POST', '/reviews/requests', { body: { customer_id: customer.id, order_id: order.id, product_id: kettle.id } });
  assert.equal(sent.status, 201, sent.text);
  const reviewPath = new URL(sent.body.link).pathname;

  // The public page on a phone: axe clean, no sideways scrolling (axe needs JavaScript to run).
  const checking = await browser.newPage({ viewport: { width: 375, height: 740 }, baseURL: server.baseUrl });
  await checking.goto(reviewPath);
  await checking.getByText('Wasserkocher').first().waitFor();
  assert.equal(await checking.locator('html').getAttribute('lang'), 'de');
  await checkAccessibility(checking, 'public review page');
  const overflow = await checking.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the public page scrolls sideways by ${overflow}px at 375px`);
  await checking.close();

  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'de-AT', baseURL: server.baseUrl });
  const writing = await phone.newPage();
  writing.setDefaultTimeout(15_000);
  await writing.goto(reviewPath);
  await writing.getByLabel('4 Sterne').check();
  await writing.getByLabel('Titel (optional)').fill(SCRIPT);
  await writing.getByLabel('Ihr Text (optional)').fill('Kocht schnell. <b>Gut</b>');
  await shot(writing, 'public-form');
  await writing.getByRole('button', { name: 'Bewertung senden' }).click();
  await writing.getByRole('heading', { name: 'Vielen Dank' }).waitFor();
  await shot(writing, 'public-thanks');
  await phone.close();

  // Staff moderate in the app.
  const page = await signedInPage(browser, server.baseUrl, 'ada@staff.example', PASSWORD);
  await page.getByRole('link', { name: 'Reviews' }).click();
  await page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
  const item = page.getByTestId('review-item').first();
  await item.getByText(SCRIPT, { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the review ran a script');
  await item.getByText('Verified buyer').waitFor();
  await checkAccessibility(page, 'reviews queue');
  await shot(page, 'queue');
  await item.getByRole('button', { name: 'Reply' }).click();
  await item.getByLabel('Public reply').fill('Danke, Greta!');
  await item.getByRole('button', { name: 'Save reply' }).click();
  await item.getByText('Danke, Greta!').waitFor();
  await item.getByRole('button', { name: 'Publish' }).click();
  await item.getByText('Published', { exact: true }).waitFor();

  await page.getByLabel('Status').selectOption('published');
  await page.getByLabel('Product').selectOption({ label: 'Wasserkocher' });
  const stats = page.getByTestId('review-stats');
  await stats.getByText('Average 4 of 5 from 1 published review.').waitFor();
  await checkAccessibility(page, 'review stats');
  await shot(page, 'stats');

  // The automatic request after fulfilment, set on the same page.
  const auto = page.getByRole('form', { name: 'Automatic review requests' });
  await auto.getByLabel(/Ask for a review by e-mail after an order/).check();
  await auto.getByLabel('Days after fulfilment').fill('5');
  await auto.getByRole('button', { name: 'Save' }).click();
  await auto.getByText('Saved.').waitFor();
  assert.equal((await server.api('GET', '/reviews/settings')).body.auto_request_days, 5);
  await checkAccessibility(page, 'review settings');

  await page.goto(`/customers/${customer.id}`);
  const card = page.getByRole('region', { name: 'Reviews' });
  await card.getByText(SCRIPT, { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // Asked by e-mail: Greta never gave marketing consent, so the request is recorded, not sent —
  // and the card says why.
  await card.getByRole('button', { name: 'Ask for a review by e-mail' }).click();
  await card.getByText(/Not sent: no marketing consent for e-mail/).waitFor();

  // The shop's widget: escaped, framable.
  const widget = await browser.newPage({ viewport: { width: 375, height: 600 }, baseURL: server.baseUrl });
  await widget.goto(`/public/reviews/widget?product_id=${kettle.id}`);
  await widget.getByText(SCRIPT, { exact: true }).waitFor();
  assert.equal(await widget.evaluate(() => window.__pwned), undefined);
  await checkAccessibility(widget, 'review widget');
  await shot(widget, 'widget');
  await widget.close();
  await page.context().close();
});
