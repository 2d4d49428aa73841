// Loyalty in the browser: an order earns points that show on the customer's Loyalty tab (pending
// for a 14-day window in one programme — and released by the member job for an order recorded
// after its window passed — available at once with a 0-day window), a refund takes
// them back, staff grant and adjust with a reason from the page (support cannot adjust), and the
// Settings → Loyalty screen; a voucher issued on the page and redeemed on a new order, and the
// tier upgrade that order brings; a stamp card added in Settings, filled by orders and shown on the
// Loyalty tab; the referral code and referrals, and a refused referral in Settings; a replay of past
// orders started in Settings, its progress bar followed to the end. Each screen is
// checked with axe and photographed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium, signedInPage } from './browser.mjs';

const PASSWORD = 'correct horse battery staple';
let dir;
let server;
let browser;
let customer;
let api;
let token;

before(async () => {
  dir = makeDataDir('rapport-e2e-loyalty-');
  for (const [email, name, role] of [['ada@staff.example', 'Ada Admin', 'admin'], ['sue@staff.example', 'Sue Support', 'support']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', email, '--name', name, '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
  token = createToken(dir, 'e2e');
  server = await startServer({ dataDir: dir, token });
  api = async (method, p, body) => {
    const res = await server.api(method, p, { body });
    assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${res.text}`);
    return res.body;
  };
  customer = await api('POST', '/customers', { first_name: 'Nina', last_name: 'Simone' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const signedIn = (email) => signedInPage(browser, server.baseUrl, email, PASSWORD, { width: 1280, height: 860 });

async function openLoyaltyTab(page) {
  await page.goto(`/customers/${customer.id}`);
  await page.getByRole('tab', { name: 'Loyalty' }).click();
}

test('Settings → Loyalty sets up the programme; an order earns points that a refund takes back', async () => {
  const page = await signedIn('ada@staff.example');
  await page.goto('/settings/loyalty');
  await page.getByRole('heading', { name: 'Loyalty programme' }).waitFor();
  await page.getByLabel('Programme name').fill('Vinyl Club');
  await page.getByLabel('What the points are called').fill('notes');
  await page.getByLabel('Currency').fill('USD');
  await page.getByLabel('Return window (days points stay pending)').fill('0');
  await page.getByLabel('First-order bonus').fill('5');
  await page.getByLabel('Referrals one customer may bring').fill('5');
  await page.getByRole('button', { name: 'Save programme' }).click();
  await page.getByText('Saved. New orders earn by these rules.').waitFor();
  await checkAccessibility(page, 'settings: loyalty');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-settings.png') });
  const programmes = await api('GET', '/loyalty/programmes');
  assert.equal(programmes.data[0].points_name, 'notes');
  assert.equal(programmes.data[0].pending_days, 0);
  assert.deepEqual(programmes.data[0].referral_limits, { network_per_week: 3, referrer_cap: 5, referrer_cap_days: 30 });

  // A second programme in EUR with a 14-day window: its points stay pending.
  await api('PUT', '/loyalty/programmes/eur-club', { name: 'Euro Club', currency: 'EUR', pending_days: 14, earn: { spend: { points: 1 } } });
  const order = await api('POST', `/customers/${customer.id}/orders`, { currency: 'USD', channel: 'web', lines: [{ description: 'Blue LP', quantity: 2, unit_price: '20.00' }] });
  await api('POST', `/customers/${customer.id}/orders`, { currency: 'EUR', channel: 'web', lines: [{ description: 'Euro LP', quantity: 1, unit_price: '30.00' }] });
  await waitFor(async () => (await api('GET', `/customers/${customer.id}/loyalty`)).balance.available === 45, { message: 'points earned' });
  await waitFor(async () => (await api('GET', `/customers/${customer.id}/loyalty?programme=eur-club`)).balance.pending === 30, { message: 'pending points' });

  await openLoyaltyTab(page);
  await page.getByRole('heading', { name: 'Vinyl Club' }).waitFor();
  assert.equal((await page.getByTestId('loyalty-available').textContent()).trim(), '45 notes');
  assert.equal((await page.getByTestId('loyalty-pending').textContent()).trim(), '0 notes');
  await page.getByRole('rowheader', { name: `Earned for order ${order.id}` }).waitFor();
  await page.getByRole('rowheader', { name: 'Bonus: first order' }).waitFor();
  await checkAccessibility(page, 'customer: loyalty');

  // Half the order refunded: half its points come back off.
  await api('POST', `/orders/${order.id}/refunds`, { amount: '20.00' });
  await waitFor(async () => (await api('GET', `/customers/${customer.id}/loyalty`)).balance.available === 25, { message: 'refund reversal' });
  await page.reload();
  await page.getByRole('tab', { name: 'Loyalty' }).click();
  await page.getByText('25 notes').waitFor();
  await page.getByRole('rowheader', { name: /refunded or cancelled/ }).waitFor();

  // An adjustment needs its reason; with it, the balance moves.
  await page.getByLabel('What').selectOption('adjustments');
  await page.getByLabel('Points', { exact: true }).fill('-5');
  await page.getByRole('button', { name: 'Adjust the balance' }).click();
  await page.getByText('Say why the balance changes.').waitFor();
  await page.getByLabel('Reason', { exact: true }).fill('Scratched sleeve already credited');
  await page.getByRole('button', { name: 'Adjust the balance' }).click();
  await page.getByText('Done. Available now: 20 notes.').waitFor();
  await page.getByRole('rowheader', { name: 'Adjustment: Scratched sleeve already credited' }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-card.png'), fullPage: true });
});

test('support grants goodwill from the customer page but is not offered adjustments', async () => {
  const page = await signedIn('sue@staff.example');
  await openLoyaltyTab(page);
  await page.getByRole('heading', { name: 'Vinyl Club' }).waitFor();
  const options = await page.getByLabel('What').locator('option').allTextContents();
  assert.deepEqual(options, ['Grant goodwill points', 'Redeem points']);
  await page.getByLabel('Points', { exact: true }).fill('10');
  await page.getByLabel('Reason (optional)').fill('Late parcel');
  await page.getByRole('button', { name: 'Grant goodwill points' }).click();
  await page.getByText('Done. Available now: 30 notes.').waitFor();
  await checkAccessibility(page, 'customer: loyalty (support)');
});

test('a voucher issued on the customer page is redeemed on a new order, and the tier upgrade shows', async () => {
  await api('PUT', '/loyalty/programmes/points/tiers', {
    basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 30,
    tiers: [{ name: 'Gold', threshold: 100, multiplier: 1, free_shipping: true, support_priority: 'high' }],
  });
  const page = await signedIn('sue@staff.example');
  await openLoyaltyTab(page);
  await page.getByRole('heading', { name: 'Vinyl Club' }).waitFor();
  // Earned so far: 40 + 5 bonus − 20 refunded = 25 (grants and adjustments do not count).
  await page.getByTestId('loyalty-tier').getByText('None yet').waitFor();
  assert.equal((await page.getByTestId('loyalty-tier-progress').textContent()).trim(), '75 notes to Gold');

  await page.getByText('Issue a voucher').click();
  await page.getByLabel('Amount off').fill('5.00');
  await page.getByLabel('Currency').fill('USD');
  await page.getByLabel('Why (on the timeline)').fill('Sorry for the scratched sleeve');
  await page.getByRole('button', { name: 'Issue voucher' }).click();
  const code = (await page.getByTestId('issued-code').textContent()).trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  assert.equal((await page.getByTestId(`voucher-state-${code}`).textContent()).trim(), 'Available');
  await checkAccessibility(page, 'customer: vouchers');

  // The shop places the next order with the code: 5.00 off, and its points reach Gold.
  const placed = await api('POST', '/orders', {
    customer_id: customer.id, currency: 'USD', channel: 'web',
    lines: [{ description: 'Box set', quantity: 1, unit_price: '100.00' }], voucher_codes: [code.toLowerCase()],
  });
  assert.equal(placed.total, '95.00');
  await waitFor(async () => (await api('GET', `/customers/${customer.id}/loyalty`)).tier?.current?.name === 'Gold', { message: 'the upgrade' });
  await page.reload();
  await page.getByRole('tab', { name: 'Loyalty' }).click();
  await page.getByTestId('loyalty-tier').getByText('Gold').waitFor();
  assert.equal((await page.getByTestId('loyalty-tier-progress').textContent()).trim(), 'Top tier');
  assert.equal((await page.getByTestId(`voucher-state-${code}`).textContent()).trim(), 'Used');
  await checkAccessibility(page, 'customer: tier and used voucher');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-tier-voucher.png'), fullPage: true });
});

test('Settings → Loyalty adds a stamp card; orders stamp it and a full card shows its voucher on the Loyalty tab', async () => {
  const espresso = await api('POST', '/products', { sku: 'ESP-E2E', name: 'Espresso', category: 'coffee', price: '2.50', currency: 'USD' });
  const page = await signedIn('ada@staff.example');
  await page.goto('/settings/loyalty');
  await page.getByText('New stamp card').click();
  const form = page.getByRole('form', { name: 'New stamp card' });
  await form.getByLabel('Name').fill('Coffee club');
  await form.getByLabel('Stamps to fill a card').fill('2');
  await form.getByLabel(/Categories that stamp/).fill('coffee');
  // Without a free item the server names the field.
  await form.getByRole('button', { name: 'Add stamp card' }).click();
  await form.getByText('must name the product a full card gives free').waitFor();
  await form.getByLabel('Free item').selectOption(espresso.id);
  await form.getByRole('button', { name: 'Add stamp card' }).click();
  await page.getByRole('row', { name: /Coffee club/ }).getByText('one stamp per order (category coffee)').waitFor();
  await checkAccessibility(page, 'settings: stamp cards');

  // Two coffee orders fill the card; the tab shows the new card and the voucher.
  for (let i = 0; i < 2; i++) {
    await api('POST', '/orders', { customer_id: customer.id, currency: 'USD', channel: 'store', lines: [{ product_id: espresso.id, quantity: 1, unit_price: '2.50' }] });
  }
  await waitFor(async () => (await api('GET', `/customers/${customer.id}/loyalty/stamp-cards`)).data[0]?.filled === 1, { message: 'card filled' });
  await openLoyaltyTab(page);
  const summary = page.getByTestId('stamp-summary-coffee-club');
  await summary.waitFor();
  assert.equal((await summary.textContent()).trim(), '0 of 2 stamps; 1 card filled');
  await page.getByTestId('stamp-card-coffee-club').getByText(/voucher …[2-9A-HJKMNP-Z]{4}, available/).waitFor();
  await checkAccessibility(page, 'customer: stamp cards');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-stamps.png'), fullPage: true });
});

test('the Loyalty tab shows the referral code and referrals; Settings → Loyalty lists a refused one with its signal', async () => {
  const { code } = await api('GET', `/customers/${customer.id}/loyalty/referral`);
  const friend = await api('POST', '/customers', { first_name: 'Miles', last_name: 'Davis', referral_code: code });
  // A referral to oneself, on an order: the order goes on, the referral is refused.
  await api('POST', '/orders', { customer_id: customer.id, currency: 'USD', channel: 'web', referral_code: code, lines: [{ description: 'LP', quantity: 1, unit_price: '10.00' }] });
  const page = await signedIn('ada@staff.example');
  await openLoyaltyTab(page);
  await page.getByTestId('referral-code').getByText(code).waitFor();
  assert.equal((await page.getByTestId(`referral-state-${friend.id}`).textContent()).trim(), 'Joined, no order yet');
  await checkAccessibility(page, 'customer: referrals');
  await page.goto('/settings/loyalty');
  await page.getByTestId(`refused-${customer.id}`).getByText('Refused: their own code').waitFor();
  assert.match(await page.getByTestId('referral-conversion').textContent(), /1 refused/);
  await checkAccessibility(page, 'settings: referrals');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-referrals.png'), fullPage: true });
});

test('Settings → Loyalty makes the new customer\'s referral reward a voucher; a bad value is shown on its field', async () => {
  const page = await signedIn('ada@staff.example');
  await page.goto('/settings/loyalty');
  const form = page.getByRole('form', { name: 'Referral rewards' });
  await form.waitFor();
  const referee = form.getByRole('group', { name: 'The new customer' });
  await referee.getByLabel('Reward').selectOption('voucher');
  await referee.getByLabel('Worth').selectOption('percent_off');
  await referee.getByLabel('Percent off').fill('10');
  // A currency the browser lets through and the server refuses: shown on the referee's field.
  await referee.getByLabel('Currency').fill('E1');
  await form.getByRole('button', { name: 'Save referral rewards' }).click();
  await referee.getByText(/ISO 4217/).waitFor();
  assert.equal((await api('GET', '/loyalty/programmes')).data[0].referral_rewards?.referee?.kind ?? 'points', 'points');
  await referee.getByLabel('Currency').fill('USD');
  await referee.getByLabel('Valid for (days, optional)').fill('30');
  await form.getByRole('button', { name: 'Save referral rewards' }).click();
  await form.getByText('Saved. Referrals rewarded from now on get these.').waitFor();
  const saved = (await api('GET', '/loyalty/programmes')).data[0].referral_rewards;
  assert.equal(saved.referrer.kind, 'points');
  assert.equal(saved.referee.kind, 'voucher');
  assert.deepEqual(saved.referee.voucher.value, { type: 'percent_off', percent: 10 });
  assert.equal(saved.referee.voucher.expires_in_days, 30);
  await checkAccessibility(page, 'settings: referral rewards');
});

test('Settings → Loyalty sets each rule\'s conditions: a category left out, a cap on the bonus per order, the review bonus multiplied; a bad minimum is shown on its field', async () => {
  const before = (await api('GET', '/loyalty/programmes')).data[0];
  const page = await signedIn('ada@staff.example');
  await page.goto('/settings/loyalty');
  await page.getByRole('spinbutton', { name: 'Bonus per order' }).fill('2');
  await page.getByRole('button', { name: 'Save programme' }).click();
  await page.getByText('Saved. New orders earn by these rules.').waitFor();
  const form = page.getByRole('form', { name: 'Earn rule conditions' });
  const perOrder = form.getByRole('group', { name: 'Bonus per order' });
  await perOrder.getByLabel('Minimum order (optional)').fill('ten');
  await perOrder.getByLabel('Categories left out').fill('Gift cards, Postage');
  await perOrder.getByLabel('At most (points, optional)').fill('10');
  await perOrder.getByLabel('Cap period').selectOption('month');
  await form.getByRole('group', { name: 'Points per amount spent' }).getByLabel('Categories left out').fill('Gift cards');
  await form.getByRole('group', { name: 'Published review bonus' }).getByLabel("The tier's earn multiplier applies").check();
  await form.getByRole('button', { name: 'Save rule conditions' }).click();
  await perOrder.getByText(/amount like 20\.00/).waitFor();
  assert.deepEqual((await api('GET', '/loyalty/programmes')).data[0].earn.per_order.excluded_categories, []);
  await perOrder.getByLabel('Minimum order (optional)').fill('15.00');
  await form.getByRole('button', { name: 'Save rule conditions' }).click();
  await form.getByText('Saved. New orders and events earn by these conditions.').waitFor();
  const earn = (await api('GET', '/loyalty/programmes')).data[0].earn;
  assert.deepEqual(earn.per_order, { points: 2, min_order: '15.00', excluded_products: [], excluded_categories: ['Gift cards', 'Postage'], cap: { points: 10, period: 'month' }, tier_multiplier: true });
  assert.deepEqual(earn.review_published, { points: before.earn.review_published.points, cap: null, tier_multiplier: true });
  assert.deepEqual(earn.spend.excluded_categories, ['Gift cards']);
  assert.equal(earn.first_order.points, before.earn.first_order.points);  // the programme form's, untouched
  await checkAccessibility(page, 'settings: earn rule conditions');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-earn-rules.png'), fullPage: true });
  // Put back for the tests after this one: no conditions, no bonus per order.
  const current = (await api('GET', '/loyalty/programmes')).data[0];
  await api('PUT', `/loyalty/programmes/${current.id}`, {
    ...current,
    earn: { ...current.earn, spend: { points: current.earn.spend.points, per: current.earn.spend.per }, per_order: 0, review_published: current.earn.review_published.points },
  });
});

test('Settings → Loyalty makes a published review earn a voucher instead of points', async () => {
  const page = await signedIn('ada@staff.example');
  await page.goto('/settings/loyalty');
  const form = page.getByRole('form', { name: 'Review reward' });
  const reviewer = form.getByRole('group', { name: 'The reviewer' });
  await reviewer.getByLabel('Reward').selectOption('voucher');
  await reviewer.getByLabel('Worth').selectOption('free_shipping');
  await reviewer.getByLabel('Valid for (days, optional)').fill('90');
  await form.getByRole('button', { name: 'Save review reward' }).click();
  await form.getByText('Saved. Reviews published from now on get this.').waitFor();
  const saved = (await api('GET', '/loyalty/programmes')).data[0];
  assert.deepEqual(saved.review_reward.voucher.value, { type: 'free_shipping' });
  assert.equal(saved.review_reward.voucher.expires_in_days, 90);
  assert.equal(saved.referral_rewards.referee.kind, 'voucher');  // the referral form's, untouched
  await checkAccessibility(page, 'settings: review reward');
  await api('PUT', `/loyalty/programmes/${saved.id}`, { ...saved, review_reward: { kind: 'points' } });
});

test('Settings → Loyalty replays past orders with a progress bar, and no order earns twice', async () => {
  const page = await signedIn('ada@staff.example');
  const programme = (await api('GET', '/loyalty/programmes')).data[0];
  const before = (await api('GET', `/customers/${customer.id}/loyalty?programme=${programme.id}`)).balance;
  await page.goto('/settings/loyalty');
  const section = page.getByRole('region', { name: 'Replay past orders' });
  await section.getByRole('button', { name: 'Replay past orders' }).click();
  await section.getByRole('progressbar', { name: 'Replay progress' }).waitFor();
  await section.getByText('Done', { exact: true }).waitFor();
  const [replay] = (await api('GET', `/loyalty/programmes/${programme.id}/replays`)).data;
  assert.equal(replay.status, 'done');
  assert.equal(replay.done, replay.total);
  assert.ok(replay.total > 0);
  await section.getByText(`${replay.total} of ${replay.total} orders`).waitFor();
  assert.equal(await section.getByRole('progressbar').getAttribute('aria-valuenow'), '100');
  // Every order had earned already, live: the replay changed nothing.
  assert.deepEqual((await api('GET', `/customers/${customer.id}/loyalty?programme=${programme.id}`)).balance, before);
  await checkAccessibility(page, 'settings: loyalty replay');
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-replay.png') });
});

// Fifteen days on: the server restarted under libfaketime (Debian's `faketime`), its clock 15 days
// ahead — time passes for the whole process, the scheduler's member job included; nothing in the
// server is a test back door. Last in the file, since the clock stays ahead until the end.
async function restartFifteenDaysLater() {
  await server.stopClean();
  const added = { LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', FAKETIME: '+15d', ASAN_OPTIONS: `${process.env.ASAN_OPTIONS ?? ''}:verify_asan_link_order=0` };
  const saved = Object.fromEntries(Object.keys(added).map((k) => [k, process.env[k]]));
  Object.assign(process.env, added);
  try {
    server = await startServer({ dataDir: dir, token });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('in the 14-day programme, pending points are released once the window has passed, and a refund takes back its share', async () => {
  const eur = `/customers/${customer.id}/loyalty?programme=eur-club`;
  const before = await api('GET', eur);
  assert.deepEqual(before.balance, { available: 0, pending: 30, debt: 0 });
  const orderId = before.history.data.find((h) => h.kind === 'earn').cause.slice('order:'.length);
  let page = await signedIn('ada@staff.example');
  await openLoyaltyTab(page);
  await page.getByLabel('Programme').selectOption('eur-club');
  await page.getByRole('heading', { name: 'Euro Club' }).waitFor();
  assert.equal((await page.getByTestId('loyalty-pending').textContent()).trim(), '30 points');
  assert.equal((await page.getByTestId('loyalty-available').textContent()).trim(), '0 points');
  await page.context().close();

  await restartFifteenDaysLater();
  await waitFor(async () => (await api('GET', eur)).balance.available === 30, { message: 'released by the member job' });
  page = await signedIn('ada@staff.example');
  await openLoyaltyTab(page);
  await page.getByLabel('Programme').selectOption('eur-club');
  await page.getByRole('heading', { name: 'Euro Club' }).waitFor();
  await page.getByTestId('loyalty-available').getByText('30 points').waitFor();
  assert.equal((await page.getByTestId('loyalty-pending').textContent()).trim(), '0 points');
  await page.getByRole('rowheader', { name: 'Became available (return window passed)' }).waitFor();
  await checkAccessibility(page, 'customer: released points');

  // Half the order refunded after the release: half its points are taken back from the available.
  await api('POST', `/orders/${orderId}/refunds`, { amount: '15.00' });
  await waitFor(async () => (await api('GET', eur)).balance.available === 15, { message: 'refund reversal' });
  await page.reload();
  await page.getByRole('tab', { name: 'Loyalty' }).click();
  await page.getByLabel('Programme').selectOption('eur-club');
  await page.getByTestId('loyalty-available').getByText('15 points').waitFor();
  await page.getByRole('rowheader', { name: `Taken back: order ${orderId} refunded or cancelled` }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'loyalty-released.png'), fullPage: true });
});
