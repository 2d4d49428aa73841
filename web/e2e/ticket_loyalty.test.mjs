// Loyalty beside a ticket in the browser (issue 16: a support agent sees the customer's tier and
// grants a goodwill reward from the ticket): the ticket page's customer panel shows the tier, its
// support priority and the points; support grants goodwill points and issues a voucher whose
// reason names the ticket, and both land on the customer's ledger and timeline. A role without
// loyalty read sees no loyalty at all. Checked with axe and photographed.

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
let ticket;
let api;

before(async () => {
  dir = makeDataDir('rapport-e2e-ticket-loyalty-');
  for (const [email, name, role] of [['sue@staff.example', 'Sue Support', 'support'], ['max@staff.example', 'Max Desk', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', email, '--name', name, '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  api = async (method, p, body) => {
    const res = await server.api(method, p, { body });
    assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${res.text}`);
    return res.body;
  };
  await api('PUT', '/loyalty/programmes/club', {
    name: 'Coffee Club', points_name: 'beans', currency: 'EUR', pending_days: 0, earn: { spend: { points: 1, per: '1.00' } },
  });
  await api('PUT', '/loyalty/programmes/club/tiers', {
    basis: 'points_earned', window: { type: 'rolling', months: 12 }, grace_days: 30,
    tiers: [{ name: 'Gold', threshold: 50, multiplier: 1, free_shipping: true, support_priority: 'high' }],
  });
  customer = await api('POST', '/customers', { first_name: 'Nina', last_name: 'Simone', emails: [{ address: 'nina@example.com' }] });
  await api('POST', `/customers/${customer.id}/orders`, {
    currency: 'EUR', channel: 'web', lines: [{ description: 'Espresso beans', quantity: 2, unit_price: '30.00' }],
  });
  await waitFor(async () => (await server.api('GET', `/customers/${customer.id}/loyalty`)).body.tier?.current?.name === 'Gold',
    { message: 'the order\'s points and tier' });
  ticket = await api('POST', '/tickets', {
    subject: 'The grinder arrived broken', channel: 'email', requester: { email: 'nina@example.com' },
    message: { body_text: 'The burr grinder in my order was cracked.' },
  });
  assert.equal(ticket.customer_id, customer.id);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const signedIn = (email) => signedInPage(browser, server.baseUrl, email, PASSWORD, { width: 1280, height: 900 });

test('support sees the tier beside the ticket and grants goodwill and a voucher that name the ticket', async () => {
  const page = await signedIn('sue@staff.example');
  await page.goto(`/support/tickets/${ticket.id}`);
  const panel = page.locator('.ticket-loyalty');
  await panel.getByRole('heading', { name: 'Coffee Club' }).waitFor();
  assert.equal((await page.getByTestId('ticket-loyalty-summary').textContent()).trim(), 'Gold · 60 beans available');
  await panel.getByText('free shipping · high support priority').waitFor();

  await panel.getByText('Grant goodwill beans').click();
  const grant = panel.getByRole('form', { name: 'Grant goodwill points' });
  assert.equal(await grant.getByLabel('Reason').inputValue(), `Goodwill for ticket #${ticket.number}`);
  await grant.getByLabel('Points').fill('15');
  await grant.getByRole('button', { name: 'Grant' }).click();
  await page.getByTestId('ticket-loyalty-notice').getByText('Granted. Available now: 75 beans.').waitFor();
  await page.getByTestId('ticket-loyalty-summary').getByText('75 beans available').waitFor();

  await panel.getByText('Issue a voucher').click();
  const issue = panel.getByRole('form', { name: 'Issue a voucher' });
  assert.equal(await issue.getByLabel('Why (on the timeline)').inputValue(), `Goodwill for ticket #${ticket.number}`);
  await issue.getByLabel('Amount off').fill('5.00');
  await issue.getByLabel('Currency').fill('EUR');
  await issue.getByRole('button', { name: 'Issue voucher' }).click();
  const notice = (await page.getByTestId('ticket-loyalty-notice').getByText(/^Issued voucher/).textContent()).trim();
  const code = notice.match(/voucher ([2-9A-HJKMNP-Z-]+)\./)[1];
  await checkAccessibility(page, 'ticket: loyalty');
  await page.screenshot({ path: path.join(ARTIFACTS, 'ticket-loyalty.png'), fullPage: true });

  // The ledger and the customer's vouchers agree with what the page said.
  const member = await api('GET', `/customers/${customer.id}/loyalty`);
  assert.equal(member.balance.available, 75);
  const vouchers = (await api('GET', `/customers/${customer.id}/loyalty/vouchers`)).data;
  assert.deepEqual(vouchers.map((v) => v.code), [code]);
  const timeline = (await api('GET', `/customers/${customer.id}/timeline?kind=loyalty`)).data;
  const why = `Goodwill for ticket #${ticket.number}`;
  assert.ok(timeline.filter((t) => JSON.stringify(t).includes(why)).length >= 1, JSON.stringify(timeline));
});

test('a role that does not read loyalty sees the customer panel without it', async () => {
  await api('POST', '/roles', { name: 'desk_only', description: 'Tickets and customers, no loyalty',
    grants: { customers: { read: 'all' }, tickets: { read: 'all', edit: 'all' }, queues: { read: 'all' } } });
  const users = (await api('GET', '/users')).data;
  const max = users.find((u) => u.email === 'max@staff.example');
  await api('PATCH', `/users/${max.id}`, { roles: ['desk_only'] });
  const page = await signedIn('max@staff.example');
  await page.goto(`/support/tickets/${ticket.id}`);
  await page.getByRole('link', { name: 'Open the customer page' }).waitFor();
  assert.equal(await page.locator('.ticket-loyalty').count(), 0);
});
