// End-to-end: the real server with demo data, driven through Debian's Chromium by playwright-core
// (never a downloaded browser). Each screen is checked with axe-core (no serious or critical
// violations) and for Content-Security-Policy refusals, and photographed into e2e/artifacts/.
//
//   RAPPORT_BIN   the rapport binary; its web/ directory holds the built app (make build-test)
//   CHROMIUM      the browser (default /usr/bin/chromium)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';
const PASSWORD = 'correct horse battery staple';
const CUSTOMERS = 3000;

let dir;
let server;
let browser;
let north; // a customer owned by Sam (team North)
let south; // a customer owned by Sol (team South)
let northValue; // north's value after the test's own order (demo orders included)
const csp = [];

before(async () => {
  dir = makeDataDir('rapport-e2e-');
  // The demo takes ~15 s on a quiet machine and twice that under a loaded CI runner: the limit only
  // stops a hang.
  cliOk(['demo', '--data-dir', dir, '--customers', String(CUSTOMERS), '--seed', '7'], '', { timeoutMs: 180_000 });
  for (const [email, name, role] of [['ada@staff.example', 'Ada Admin', 'admin'], ['sam@staff.example', 'Sam Seller', 'sales'], ['sol@staff.example', 'Sol Seller', 'sales']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', email, '--name', name, '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const api = async (method, p, body) => {
    const res = await server.api(method, p, { body });
    assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${res.text}`);
    return res.body;
  };
  const users = Object.fromEntries((await api('GET', '/users')).data.map((u) => [u.name, u.id]));
  const teamNorth = await api('POST', '/teams', { name: 'North' });
  const teamSouth = await api('POST', '/teams', { name: 'South' });
  await api('PATCH', `/users/${users['Sam Seller']}`, { teams: [teamNorth.id] });
  await api('PATCH', `/users/${users['Sol Seller']}`, { teams: [teamSouth.id] });
  const page = await api('GET', '/customers?limit=2&sort=display_name');
  north = await api('PATCH', `/customers/${page.data[0].id}`, { owner_id: users['Sam Seller'] });
  south = await api('PATCH', `/customers/${page.data[1].id}`, { owner_id: users['Sol Seller'] });
  await api('POST', '/products', { sku: 'LP-1', name: 'Kind of Blue', category: 'jazz', price: '12.99', currency: 'USD' });
  await api('POST', `/customers/${north.id}/orders`, { external_id: 'W-1001', currency: 'USD', channel: 'web', lines: [{ sku: 'LP-1', quantity: 2 }] });
  northValue = await api('GET', `/customers/${north.id}/value`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

async function newPage(viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) csp.push(message.text());
  });
  page.setDefaultTimeout(15_000);
  return page;
}

async function signIn(page, email) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The app opens on Home; these tests start from the customers list.
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor();
  // On a phone the navigation sits behind the Menu button.
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

test('sign in, find a customer by email from anywhere, and work on their page', async () => {
  const page = await newPage();
  await page.goto('/');
  await checkAccessibility(page, 'sign-in');
  await page.getByLabel('Email').fill('ada@staff.example');
  await page.getByLabel('Password').fill('wrong password entirely');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('The email or password is wrong').waitFor();
  await shot(page, 'sign-in');
  await signIn(page, 'ada@staff.example');
  await page.getByText(/customers/).first().waitFor();
  await checkAccessibility(page, 'customers list');
  await shot(page, 'customers-list');

  // Global search by email, from the keyboard: "/" focuses it.
  const target = north;
  await page.keyboard.press('/');
  await page.keyboard.type(target.emails[0].address);
  await page.getByRole('option', { name: new RegExp(target.display_name) }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: target.display_name }).waitFor();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  // Money shows with its currency, in the reader's locale (en-US here).
  const money = (amount, currency) => currency
    ? new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(Number(amount))
    : new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(amount));
  await page.locator('dd', { hasText: money(northValue.lifetime_value, northValue.currency) }).first().waitFor();
  await checkAccessibility(page, 'customer page');
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.getByRole('rowheader', { name: 'W-1001' }).waitFor();
  await page.getByText('2 × Kind of Blue').waitFor();
  await page.getByRole('row', { name: /W-1001/ }).getByText('$25.98').waitFor();
  await checkAccessibility(page, 'customer orders');
  await page.getByRole('tab', { name: 'Timeline' }).click();

  // A note appears in the timeline at once.
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByLabel('Subject').fill('Asked about the spring catalogue');
  await page.getByLabel('Note', { exact: true }).fill('Call back on Monday with prices.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.timeline-entry').first().getByText('Asked about the spring catalogue').waitFor();
  await shot(page, 'customer-page');

  // An invalid email is refused at the field before anything is sent...
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Email 1').fill('not-an-email');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.field-error', { hasText: 'must be a valid email address' }).waitFor();
  // ...and one the server refuses (taken by another customer) is shown at the same field.
  await page.getByLabel('Email 1').fill(south.emails[0].address.toUpperCase());
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.field-error', { hasText: /already has this email|already belongs to customer|already in use/ }).waitFor();
  await checkAccessibility(page, 'customer edit form');
  await shot(page, 'customer-edit-errors');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // A change made elsewhere meanwhile: saving gets the reload prompt, and reloading shows it.
  await page.getByRole('button', { name: 'Edit' }).click();
  const changed = await server.api('PATCH', `/customers/${target.id}`, { body: { last_name: 'Changed-Elsewhere' } });
  assert.equal(changed.status, 200);
  await page.getByLabel('First name').fill('Conflicting');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Someone else changed this customer').waitFor();
  await shot(page, 'customer-conflict');
  await page.getByRole('button', { name: 'Reload' }).click();
  await page.getByRole('heading', { level: 1, name: /Changed-Elsewhere/ }).waitFor();
  await page.context().close();
});

test('the customers list scrolls through thousands of customers, rendering only what is visible', async () => {
  const page = await newPage();
  await signIn(page, 'ada@staff.example');
  const grid = page.locator('.grid-body');
  await page.locator('.grid-row[data-row="0"]').waitFor();
  // Keyset pages of 100 arrive as the list nears its end; under a sanitizer build on a busy
  // CI machine that takes a while, so the bound is generous.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await grid.evaluate((element) => { element.scrollTop = element.scrollHeight; });
    const count = await page.locator('.list-count').textContent();
    if (/^3000 customers/.test(count ?? '')) break;
    await page.waitForTimeout(200);
  }
  await page.getByText(/^3000 customers/).waitFor({ timeout: 5_000 });
  const rendered = await page.locator('.grid-body .grid-row').count();
  assert.ok(rendered < 80, `only the visible rows are in the DOM (${rendered})`);
  // The last page can arrive after the loop's last scroll, which then sits above the new end:
  // scroll once more to the bottom the count says there is (a busy machine lost this race).
  await grid.evaluate((element) => { element.scrollTop = element.scrollHeight; });
  await page.locator(`.grid-row[data-row="${CUSTOMERS - 1}"]`).waitFor();
  await shot(page, 'customers-list-scrolled');

  // A filter with a nested group, saved as a shared view.
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByRole('button', { name: 'Add group' }).click();
  await page.getByLabel('Field of condition 1.1').selectOption('tags');
  await page.getByLabel('Value of condition 1.1').fill('vip');
  await page.getByLabel('Field of condition 1.2').selectOption('tags');
  await page.getByLabel('Value of condition 1.2').fill('referral');
  // The filtered list replaces the 3000 rows (it shows "N customers", or "100+" when it pages).
  await page.waitForFunction(() => {
    const text = document.querySelector('.list-count')?.textContent ?? '';
    return /^\d+\+? customers/.test(text) && !text.startsWith('3000') && !text.startsWith('0 ');
  });
  await page.locator('.views summary').click();
  await page.getByLabel('Save this view as').fill('VIP or referral');
  await page.getByLabel('Share with everyone').check();
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('button', { name: 'VIP or referral', exact: true }).waitFor();
  await checkAccessibility(page, 'customers list with filters and views');
  await shot(page, 'customers-list-filtered');
  await page.context().close();
});

test('a sales user cannot open another team\'s customer, and sees only what their role allows', async () => {
  const page = await newPage();
  await signIn(page, 'sam@staff.example');
  await page.getByText(/^1 customers/).waitFor();
  await page.locator('.views summary').click();
  await page.getByText('by Ada Admin').waitFor();
  await page.goto(`/customers/${south.id}`);
  await page.getByText(/Not found/).waitFor();
  await shot(page, 'sales-other-team');
  await page.goto(`/customers/${north.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Delete' }).count(), 1, 'sales may delete their own');
  await page.goto('/settings');
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0, 'no admin settings for sales');
  // Sales may export their own customers but import nothing: the screen shows the export half only.
  await page.getByRole('link', { name: 'Import & export' }).click();
  await page.getByRole('heading', { level: 2, name: 'Export', exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Import a file' }).count(), 0, 'no import form for sales');
  await page.context().close();
});

test('a phone-sized screen works: menu, list and customer page', async () => {
  const page = await newPage({ width: 375, height: 740 });
  await signIn(page, 'ada@staff.example');
  await page.locator('.grid-row[data-row="0"]').waitFor();
  await checkAccessibility(page, 'phone list');
  await shot(page, 'phone-list');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Companies' }).click();
  await page.getByRole('heading', { name: 'Companies' }).waitFor();
  await checkAccessibility(page, 'companies');
  await shot(page, 'phone-companies');
  await page.goto(`/customers/${north.id}`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
  await shot(page, 'phone-customer');
  await page.goto('/settings/tokens');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await checkAccessibility(page, 'settings');
  await page.context().close();
});

test('every admin screen passes axe: companies, new customer, settings tabs', async () => {
  const page = await newPage();
  await signIn(page, 'ada@staff.example');
  await page.goto('/companies');
  await page.getByRole('heading', { name: 'Companies' }).waitFor();
  await page.locator('a[href^="/companies/cmp_"]').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await checkAccessibility(page, 'company page');
  await shot(page, 'company-page');
  await page.goto('/customers/new');
  await page.getByRole('heading', { name: 'New customer' }).waitFor();
  await checkAccessibility(page, 'new customer');
  for (const tab of ['profile', 'tokens', 'users', 'teams', 'roles', 'custom-fields']) {
    await page.goto(`/settings/${tab}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await checkAccessibility(page, `settings ${tab}`);
    await shot(page, `settings-${tab}`);
  }
  await page.context().close();
});

test('import a customers file from the browser: dry run, the real run with progress and errors, revert; export', async () => {
  const search = async () => (await server.api('GET', '/customers?q=Quillfeather&limit=50')).body.data.length;
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-upload-'));
  const file = path.join(uploads, 'new-customers.csv');
  // Row 2 has a bad email; row 4 repeats row 1's email (a duplicate within the file).
  fs.writeFileSync(file, [
    'first_name,last_name,email,phone',
    'Imogen,Quillfeather,imogen.q@import.example,+44 20 7946 0001',
    'Ivo,Quillfeather,not-an-email,',
    '"Isla, Jr.",Quillfeather,isla.q@import.example,',
    'Iris,Quillfeather,imogen.q@import.example,',
    '',
  ].join('\r\n'));
  try {
    assert.equal(await search(), 0);
    const page = await newPage();
    await signIn(page, 'ada@staff.example');
    await page.getByRole('link', { name: 'Import & export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import & export' }).waitFor();
    await page.getByText('No imports yet').waitFor();
    await checkAccessibility(page, 'import & export (empty)');

    // The dry run: every row checked, nothing changed.
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByText('new-customers.csv, 221 B, CSV — columns: first_name, last_name, email, phone').waitFor();
    await page.getByLabel('Records in the file').selectOption('customers');
    assert.equal(await page.getByRole('checkbox', { name: /^Dry run/ }).isChecked(), true, 'dry run is the default');
    await page.getByRole('button', { name: 'Start dry run' }).click();
    const dryBar = page.getByRole('progressbar', { name: 'Dry run progress' });
    await page.locator('[role="progressbar"][aria-valuenow="100"]').waitFor();
    assert.equal(await dryBar.getAttribute('aria-valuenow'), '100');
    await page.locator('.job-panel .notice', { hasText: 'Dry run, nothing changed' }).waitFor();
    const counts = async () => Object.fromEntries(await page.locator('.job-panel .job-counts > div').evaluateAll((items) =>
      items.map((d) => [d.querySelector('dt').textContent, Number(d.querySelector('dd').textContent)])));
    assert.deepEqual(await counts(), { 'Rows read': 4, 'Would create': 2, 'Would update': 0, Unchanged: 0, Refused: 2 });
    assert.equal(await page.getByRole('button', { name: 'Revert import' }).count(), 0, 'a dry run has nothing to revert');
    assert.equal(await search(), 0, 'the dry run changed nothing');

    // The real run: progress to 100 %, the counts, the error report naming row and column.
    await page.getByRole('checkbox', { name: /^Dry run/ }).uncheck();
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await page.getByRole('heading', { level: 2, name: 'Import: new-customers.csv' }).waitFor();
    await page.locator('[role="progressbar"][aria-label="Import progress"][aria-valuenow="100"]').waitFor();
    assert.equal(await bar.getAttribute('aria-valuenow'), '100');
    await page.locator('.job-panel .notice', { hasText: '2 created, 0 updated, 0 unchanged, 2 refused.' }).waitFor();
    assert.deepEqual(await counts(), { 'Rows read': 4, Created: 2, Updated: 0, Unchanged: 0, Refused: 2 });
    assert.equal(await search(), 2);
    const report = page.locator('.error-report');
    await report.locator('tbody tr').first().waitFor();
    const rows = await report.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0].slice(0, 4), ['2', '3', 'email', 'not-an-email']);
    assert.match(rows[0][4], /valid email/);
    assert.deepEqual(rows[1].slice(0, 3), ['4', '5', 'email']);
    assert.match(rows[1][4], /repeats row 1/);
    const download = report.getByRole('link', { name: 'Download error report' });
    const reportCsv = await page.evaluate(async (href) => (await fetch(href)).text(), await download.getAttribute('href'));
    assert.match(reportCsv, /^row,line,column,value,reason/);
    await checkAccessibility(page, 'import finished');
    await page.screenshot({ path: path.join(ARTIFACTS, 'import.png'), fullPage: true });

    // Revert, through the confirmation dialog.
    await page.getByRole('button', { name: 'Revert import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revert this import?' });
    await dialog.waitFor();
    await checkAccessibility(page, 'revert dialog');
    await dialog.getByRole('button', { name: 'Revert import' }).click();
    await page.getByText('Reverted: 2 removed.').waitFor();
    assert.equal(await search(), 0, 'the revert removed what the import created');
    const imports = page.getByRole('table', { name: 'Recent imports' });
    await imports.getByText('Reverted').waitFor();
    await imports.getByText(/^Dry run: 2 created/).waitFor();

    // Exports: the whole round when the server has them, else the screen says they are not there yet.
    const exportsLive = (await server.api('GET', '/exports?limit=1')).status === 200;
    if (exportsLive) {
      await page.getByLabel('Records to export').selectOption('customers');
      await page.getByLabel('Format', { exact: true }).selectOption('csv');
      await page.getByRole('button', { name: 'Start export' }).click();
      await page.locator('[role="progressbar"][aria-label="Export progress"][aria-valuenow="100"]').waitFor({ timeout: 30_000 });
      const link = page.getByRole('region', { name: 'Export: Customers as CSV' }).getByRole('link', { name: /^Download / });
      await link.waitFor();
      const exported = await page.evaluate(async (href) => { const r = await fetch(href); return { status: r.status, size: (await r.text()).length }; }, await link.getAttribute('href'));
      assert.equal(exported.status, 200);
      assert.ok(exported.size > 0, 'the export file has content');
    } else {
      await page.getByText('Exports are not available on this server yet.').waitFor();
    }

    // A phone-sized screen: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.waitForTimeout(100);
    const { overflow, widest } = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      widest: [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    }));
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px: ${widest.join(', ')})`);
    await checkAccessibility(page, 'import & export on a phone');
    await page.context().close();
  } finally {
    fs.rmSync(uploads, { recursive: true, force: true });
  }
});

test('time to first render, measured on localhost (recorded, not asserted)', async () => {
  const page = await newPage();
  await signIn(page, 'ada@staff.example');
  const timings = {};
  const measure = async (name, url, ready) => {
    const samples = [];
    for (let i = 0; i < 5; i++) {
      await page.goto('about:blank');
      const start = Date.now();
      await page.goto(url);
      await ready();
      samples.push(Date.now() - start);
    }
    samples.sort((a, b) => a - b);
    timings[name] = { median_ms: samples[2], samples_ms: samples };
  };
  await measure('customers list', '/customers', () => page.locator('.grid-row[data-row="0"]').waitFor());
  await measure('customer page', `/customers/${north.id}`, () => page.locator('.timeline-entry').first().waitFor());
  fs.writeFileSync(path.join(ARTIFACTS, 'timings.json'), JSON.stringify(timings, null, 2));
  process.stdout.write(`first render on localhost: ${JSON.stringify(timings)}\n`);
  await page.context().close();
});

test('live updates: the shell shows Live and the customers list announces a customer created elsewhere', async () => {
  const page = await newPage();
  await signIn(page, 'ada@staff.example');
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  const created = await server.api('POST', '/customers', { body: { first_name: 'Livia', last_name: 'Streamed' } });
  assert.equal(created.status, 201);
  const note = page.locator('.new-records');
  await note.getByText('1 new customer since this list was loaded.').waitFor();
  await checkAccessibility(page, 'customers list with a live note');
  await shot(page, 'live-new-customer');
  await note.getByRole('button', { name: 'Show' }).click();
  await note.waitFor({ state: 'detached' });
  await page.context().close();
});

test('no screen tripped the Content-Security-Policy', () => {
  assert.deepEqual(csp, []);
});
