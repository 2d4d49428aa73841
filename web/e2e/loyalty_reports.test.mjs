// Loyalty reports in the browser: a small programme (two customers, one order each, a redemption,
// a tier, two referrals) shows its figures on Settings → Loyalty reports — the summary as of today,
// a chart per series with its table, the tier distribution, referral conversions and refusals per
// signal — and the period picker changes the periods. Checked with axe and photographed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium, signedInPage } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let browser;

before(async () => {
  dir = makeDataDir('rapport-e2e-loyalty-reports-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Admin', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const api = async (method, p, body) => {
    const res = await server.api(method, p, { body });
    assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${res.text}`);
    return res.body;
  };
  await api('PUT', '/loyalty/programmes/cups', { name: 'Cups', points_name: 'beans', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } } });
  await api('PUT', '/loyalty/programmes/cups/tiers', { basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 0, tiers: [{ name: 'Silver', threshold: 10 }] });
  for (const [name, price] of [['Nina', '25.00'], ['Otis', '5.00']]) {
    const customer = await api('POST', '/customers', { first_name: name, emails: [{ address: `${name.toLowerCase()}.s@gmail.com` }] });
    await api('POST', `/customers/${customer.id}/orders`, { currency: 'EUR', channel: 'web', lines: [{ description: 'Cup', quantity: 1, unit_price: price }] });
    await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/loyalty?programme=cups`)).body.balance?.available > 0, { message: 'points' });
    if (name === 'Nina') await api('POST', `/customers/${customer.id}/loyalty/redemptions`, { programme: 'cups', points: 5 });
    if (name === 'Nina') {
      // Two referrals this month, neither with an order yet: Pia linked, and Nina's own address
      // under a Gmail alias refused (same_email). Neither is a member: no points moved.
      const { code } = await api('GET', `/customers/${customer.id}/loyalty/referral`);
      await api('POST', '/customers', { first_name: 'Pia', referral_code: code });
      await api('POST', '/customers', { first_name: 'Quin', emails: [{ address: 'ninas+cups@gmail.com' }], referral_code: code });
    }
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

test('Settings → Loyalty reports draws the programme\'s series and the period picker changes them', async () => {
  const page = await signedInPage(browser, server.baseUrl, 'ada@staff.example', PASSWORD, { width: 1280, height: 900 });
  await page.goto('/settings/loyalty-reports');
  await page.getByRole('heading', { name: 'Loyalty reports' }).waitFor();
  const summary = page.getByTestId('loyalty-report-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /2 members, 25 beans outstanding \(0\.25 EUR at 0\.01 a point\), redemption rate 16\.7%/);
  for (const title of ['Members', 'Points (beans)', "Outstanding liability at each period's end", 'Redemption rate to date', "Members per tier at each period's end", 'Vouchers',
    'Referrals made in each period and what became of them', 'Referral conversion rate']) {
    await page.getByRole('img', { name: title, exact: true }).waitFor();
  }
  // The tier chart's table: this month, one member without a tier and one Silver.
  const tiers = page.locator('table', { has: page.locator('caption', { hasText: "Members per tier at each period's end" }) });
  const lastRow = tiers.locator('tbody tr').last();
  assert.deepEqual(await lastRow.locator('td').allInnerTexts(), ['1', '1']);
  assert.equal((await tiers.locator('tbody tr').count()), 12);
  // Referral conversions this month: two made, none qualified yet, one refused for its signal.
  const referrals = page.locator('table', { has: page.locator('caption', { hasText: 'Referrals made in each period' }) });
  assert.deepEqual(await referrals.locator('tbody tr').last().locator('td').allInnerTexts(), ['2', '0', '0', '1']);
  assert.equal(await page.getByTestId('loyalty-report-refusals').innerText(), '1 refused this period: same email 1.');
  await checkAccessibility(page, 'settings: loyalty reports');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-reports.png'), fullPage: true });
  // Per year: twelve years, the last holding the 30 beans issued.
  await page.getByLabel('Per', { exact: true }).selectOption('year');
  const points = page.locator('table', { has: page.locator('caption', { hasText: 'Points (beans)' }) });
  await waitFor(async () => (await points.locator('tbody tr').last().locator('th').innerText()) === String(new Date().getUTCFullYear()), { message: 'yearly periods' });
  assert.deepEqual(await points.locator('tbody tr').last().locator('td').allInnerTexts(), ['30', '5', '0']);
  await page.context().close();
});
