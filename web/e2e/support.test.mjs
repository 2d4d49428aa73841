// End-to-end: the agent's workspace in Debian's Chromium against the real server. An agent opens
// the inbox and sees a ticket created over the API appear live, opens it from the keyboard,
// replies and writes a note (shown distinct), sees a colleague's presence, and a colleague's reply
// makes the first agent's send answer "changed meanwhile"; a customer's hostile HTML mail is
// shown only sanitised in a sandboxed frame; Home's "My tickets" lists an agent's open tickets and
// those with a response target (breaching soon), live. Every screen is checked with axe and photographed
// into e2e/artifacts/support-*.png. Same variables as app.test.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';
const PASSWORD = 'correct horse battery staple';

let dir;
let server;
let browser;
let ticket;
// Every Content-Security-Policy report, the hostile mail's included: its handlers must never
// reach a parser of the page (sanitize.ts), so not even a blocked one may show.
const csp = [];

before(async () => {
  dir = makeDataDir('rapport-e2e-support-');
  for (const [email, name, role] of [['ada@staff.example', 'Ada Agent', 'admin'], ['sue@staff.example', 'Sue Support', 'support']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', email, '--name', name, '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

async function api(method, p, body) {
  const res = await server.api(method, p, { body });
  assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${res.text}`);
  return res.body;
}

/** The ticket once `ok(ticket)` holds (changes after a reply land a moment later). */
async function waitForTicket(ok) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const current = await api('GET', `/tickets/${ticket.id}`);
    if (ok(current)) return current;
  }
  assert.fail('the ticket never reached the expected state');
}

async function agentPage(email) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: server.baseUrl, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) csp.push(message.text());
  });
  page.on('dialog', (dialog) => dialog.dismiss());
  page.setDefaultTimeout(15_000);
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Good to see you/ }).waitFor(); // the app opens on Home
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  return page;
}

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `support-${name}.png`), fullPage: true });

test('the inbox shows a ticket opened elsewhere live; the agent opens it, replies and notes', async () => {
  const page = await agentPage('ada@staff.example');
  await page.getByRole('link', { name: 'Support' }).click();
  await page.getByRole('heading', { name: 'Support' }).waitFor();
  await page.getByRole('button', { name: /^Unassigned/ }).click();
  await page.getByText('No tickets in this view.').waitFor();

  ticket = await api('POST', '/tickets', {
    subject: 'My parcel never arrived', channel: 'email', priority: 'high',
    requester: { email: 'grace@example.com', name: 'Grace Hopper' },
    message: { body_text: 'Hello, order W-77 has not arrived. Can you help?' },
  });
  const row = page.getByRole('row').filter({ hasText: 'My parcel never arrived' });
  await row.waitFor();
  await page.getByRole('button', { name: /^Unassigned\s*1$/ }).waitFor();
  await checkAccessibility(page, 'inbox');
  await shot(page, 'inbox');

  // Keyboard: j puts the cursor on the first row, x selects it, Enter opens it.
  await page.getByRole('heading', { name: 'Support' }).click();
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.getByText('1 selected:').waitFor();
  await page.keyboard.press('x');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /#\d+ My parcel never arrived/ }).waitFor();
  await page.getByText('order W-77 has not arrived').waitFor();
  await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();

  await page.getByLabel('Reply', { exact: true }).fill('Sorry about that, Grace. I am checking with the courier.');
  // A file goes up as it is picked and rides on the reply; one picked by mistake is removed.
  const label = 'Label for the return: parcel W-77\n';
  await page.getByLabel('Attach files').setInputFiles([
    { name: 'return-label.txt', mimeType: 'text/plain', buffer: Buffer.from(label) },
    { name: 'wrong.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one') },
  ]);
  const picked = page.getByRole('list', { name: 'Files to send' });
  await picked.getByText('wrong.txt').waitFor();
  await page.getByRole('button', { name: 'Remove wrong.txt' }).click();
  await picked.getByText('uploading…').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Send reply' }).click();
  const reply = page.locator('.message-staff').filter({ hasText: 'checking with the courier' });
  await reply.waitFor();
  const download = reply.getByRole('list', { name: 'Attachments' }).getByRole('link', { name: 'return-label.txt' });
  assert.equal(await page.getByRole('list', { name: 'Files to send' }).count(), 0, 'the composer forgets sent files');
  assert.equal(await reply.getByRole('link', { name: 'wrong.txt' }).count(), 0);
  const href = await download.getAttribute('href');
  assert.equal(await page.evaluate((url) => fetch(url).then((r) => r.text()), href), label);
  await page.getByRole('radio', { name: 'Internal note' }).check();
  await page.getByText('Internal: only staff see notes').waitFor();
  await page.getByLabel('Note', { exact: true }).fill('Courier ticket C-991 opened.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const note = page.locator('.message-note').filter({ hasText: 'Courier ticket C-991' });
  await note.waitFor();
  await note.getByText('Internal note').waitFor();
  const [noteBg, replyBg] = await Promise.all([
    note.evaluate((el) => getComputedStyle(el).backgroundColor),
    page.locator('.message-staff').first().evaluate((el) => getComputedStyle(el).backgroundColor),
  ]);
  assert.notEqual(noteBg, replyBg, 'a note must look different from a reply');
  await checkAccessibility(page, 'ticket page');
  await shot(page, 'ticket');
  await page.context().close();
});

test('a colleague\'s presence shows, and their reply makes the first agent\'s send answer "changed meanwhile"', async () => {
  const ada = await agentPage('ada@staff.example');
  const sue = await agentPage('sue@staff.example');
  await ada.goto(`/support/tickets/${ticket.id}`);
  await ada.getByRole('heading', { name: /My parcel never arrived/ }).waitFor();
  await sue.goto(`/support/tickets/${ticket.id}`);
  await sue.getByRole('heading', { name: /My parcel never arrived/ }).waitFor();
  await ada.locator('.presence').getByText('Sue Support is viewing').waitFor();
  await sue.locator('.presence').getByText('Ada Agent is viewing').waitFor();

  await ada.getByLabel('Reply', { exact: true }).fill('The courier says it will arrive tomorrow.');
  await sue.locator('.presence').getByText('Ada Agent is typing…').waitFor();
  await sue.getByLabel('Reply', { exact: true }).fill('I have sent you a replacement today.');
  await sue.getByRole('button', { name: 'Send reply' }).click();
  await sue.locator('.message-staff').filter({ hasText: 'replacement today' }).waitFor();

  await ada.getByRole('button', { name: 'Send reply' }).click();
  const conflict = ada.getByRole('alert').filter({ hasText: 'Another agent replied to or changed this ticket' });
  await conflict.waitFor();
  await conflict.getByText('1 new message').waitFor();
  await ada.locator('.message-fresh').filter({ hasText: 'replacement today' }).waitFor();
  await checkAccessibility(ada, 'ticket with a stale reply');
  await shot(ada, 'changed-meanwhile');
  await conflict.getByRole('button', { name: 'Send anyway' }).click();
  await ada.locator('.message-staff').filter({ hasText: 'arrive tomorrow' }).waitFor();
  await conflict.waitFor({ state: 'detached' });

  // Leaving the ticket clears the presence at once.
  await sue.context().close();
  await ada.locator('.presence').getByText('Sue Support is viewing').waitFor({ state: 'detached' });
  await ada.context().close();
});

test('a customer\'s hostile HTML mail shows only sanitised, in a sandboxed frame, images blocked', async () => {
  await api('POST', `/tickets/${ticket.id}/messages`, {
    author_type: 'customer', kind: 'reply', body_text: 'Thanks! Here is a photo.',
    body_html: '<p>Thanks! <b>Here</b> is a photo.</p><img src="https://tracker.example/p.gif" alt="photo">'
      + '<script>parent.window.pwned = true</script><img src=x onerror="parent.window.pwned = true">',
  });
  const page = await agentPage('ada@staff.example');
  await page.goto(`/support/tickets/${ticket.id}`);
  await page.getByText('Thanks! Here is a photo.').waitFor();
  await page.getByRole('button', { name: 'Show the formatted email' }).click();
  const frame = page.locator('.message-html iframe');
  assert.equal(await frame.getAttribute('sandbox'), '');
  const srcdoc = await frame.getAttribute('srcdoc');
  assert.ok(!/script|onerror|tracker\.example/.test(srcdoc), srcdoc);
  await page.getByText('1 remote image was blocked').waitFor();
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(csp, []);
  await shot(page, 'html-mail');

  // The customer page lists the ticket and its timeline links to it.
  await page.getByRole('link', { name: 'Open the customer page' }).click();
  await page.getByRole('tab', { name: 'Tickets' }).click();
  await page.getByRole('tabpanel').getByRole('link', { name: /My parcel never arrived/ }).waitFor();
  await checkAccessibility(page, 'customer tickets');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.locator('.timeline-entry').getByRole('link', { name: /My parcel never arrived/ }).first().click();
  await page.getByRole('heading', { name: /#\d+ My parcel never arrived/ }).waitFor();
  await page.context().close();
});

test('a canned reply fills in the customer and the agent, and sets status, priority and tags with the reply', async () => {
  await api('POST', '/support/canned-replies', {
    name: 'Courier delay', shared: true,
    body: 'Hi {{customer.first_name}}, the courier confirmed a delay on #{{ticket.number}}.\n{{agent.name}}',
    actions: { status: 'pending', priority: 'urgent', add_tags: ['courier'] },
  });
  const page = await agentPage('ada@staff.example');
  await page.goto(`/support/tickets/${ticket.id}`);
  await page.getByRole('heading', { name: /#\d+ My parcel never arrived/ }).waitFor();
  await page.getByLabel('Insert a canned reply').selectOption({ label: 'Courier delay' });
  // (By its place, not its label: a filled textarea's value joins its accessible name.)
  const reply = page.locator('.composer textarea');
  await page.waitForFunction(() => document.querySelector('.composer textarea')?.value.includes('courier confirmed'));
  assert.equal(await reply.inputValue(), `Hi Grace, the courier confirmed a delay on #${ticket.number}.\nAda Agent`);
  await page.getByText('the canned reply also sets priority urgent, tags +courier').waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Then set' }).inputValue(), 'pending');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.locator('.message-staff').filter({ hasText: 'courier confirmed a delay' }).waitFor();
  const after = await waitForTicket((t) => t.priority === 'urgent');
  assert.equal(after.status, 'pending');
  assert.ok(after.tags.includes('courier'), after.tags);
  await page.context().close();
});

test('an agent logs a phone call as a new ticket: the summary is an internal note, nothing is mailed', async () => {
  const page = await agentPage('ada@staff.example');
  await page.goto('/support');
  await page.getByRole('link', { name: 'New ticket' }).click();
  await page.getByRole('heading', { name: 'New ticket' }).waitFor();
  await page.getByRole('button', { name: 'Open ticket' }).click();
  await page.getByText('Say what it is about.').waitFor();
  await page.getByLabel('Subject').fill('Called about a refund');
  await page.getByLabel("Customer's e-mail or phone").fill('linus@example.com');
  await page.getByLabel("Customer's name (when new)").fill('Linus Pauling');
  await page.getByLabel('What was said (internal note)').fill('Wants the refund for W-80 to go to a new card.');
  await checkAccessibility(page, 'new ticket');
  await page.getByRole('button', { name: 'Open ticket' }).click();
  await page.getByRole('heading', { name: /#\d+ Called about a refund/ }).waitFor();
  await page.locator('.message-note').filter({ hasText: 'refund for W-80' }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop();
  const logged = await api('GET', `/tickets/${id}`);
  assert.equal(logged.channel, 'phone');
  const messages = await api('GET', `/tickets/${id}/messages`);
  assert.deepEqual(messages.data.map((m) => [m.kind, m.delivery ?? null]), [['note', null]]);
  await page.context().close();
});

test('the reports draw the day\'s tickets as a chart and count the solved one', async () => {
  // The first test's ticket is solved now, so today shows one opened and one solved.
  const current = await api('GET', `/tickets/${ticket.id}`);
  const solvedNow = await server.api('PATCH', `/tickets/${ticket.id}`, { body: { status: 'solved' }, headers: { 'If-Match': `"v${current.version}"` } });
  assert.equal(solvedNow.status, 200, solvedNow.text);
  const page = await agentPage('ada@staff.example');
  await page.goto('/support');
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Support reports' }).waitFor();
  const chart = page.getByRole('img', { name: 'Tickets per day' });
  await chart.waitFor();
  assert.ok((await chart.locator('rect').count()) >= 2, 'bars for opened and solved');
  const solved = page.locator('.report-totals .card').filter({ hasText: /^Solved/ });
  await solved.getByText(/^[1-9]\d*$/).waitFor();
  await page.getByRole('table', { name: 'By queue' }).waitFor();
  // Satisfaction counts ticket and chat ratings, told apart per channel.
  const channels = page.getByRole('table', { name: 'Satisfaction by channel' });
  await channels.getByRole('rowheader', { name: 'Tickets' }).waitFor();
  await channels.getByRole('rowheader', { name: 'Chats' }).waitFor();
  // Per queue and per agent, the same figures are drawn as bars too.
  for (const [section, row] of [['By queue', 'No queue'], ['By agent', /Ada Agent|You|Unassigned/]]) {
    const part = page.locator('.report-breakdown').filter({ has: page.getByRole('heading', { name: section }) });
    const bars = part.getByRole('img', { name: 'Tickets' }).locator('rect title');
    const titles = await bars.allTextContents();
    assert.ok(titles.some((text) => new RegExp(`^(${row.source ?? row}): [1-9]\\d* opened$`).test(text)), `${section}: ${titles}`);
    await part.getByRole('img', { name: 'Response times' }).waitFor();
  }
  await checkAccessibility(page, 'reports');
  await shot(page, 'reports');
  // One agent's figures: Sue was assigned nothing, so her report opens and solves none.
  await page.getByLabel('Agent').selectOption({ label: 'Sue Support' });
  await page.locator('.report-totals .card').filter({ hasText: /^Opened/ }).getByText(/^0$/).waitFor();
  await page.getByLabel('Agent').selectOption({ label: 'All agents' });
  await solved.getByText(/^[1-9]\d*$/).waitFor();
  await page.context().close();
});

test('home lists my open tickets and, with a response target, those breaching soon — live', async () => {
  const sueId = (await api('GET', '/users')).data.find((u) => u.email === 'sue@staff.example').id;
  const week = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
    .map((day) => [day, [{ start: '00:00', end: '24:00' }]]));
  const calendar = await api('POST', '/support/calendars', { name: 'Home clock', time_zone: 'UTC', week });
  const policy = await api('POST', '/support/sla-policies', { name: 'Home targets', warning_minutes: 10,
    targets: { normal: { first_response: { minutes: 60 } } } });
  const timed = await api('POST', '/queues', { name: 'Timed', calendar_id: calendar.id, sla_policy_id: policy.id });
  const page = await agentPage('sue@staff.example');
  const mine = page.getByRole('region', { name: /My tickets/ });
  await mine.getByText('No open tickets.').waitFor();
  await mine.getByText('No response targets close.').waitFor();

  // Opened and assigned elsewhere: both show without a reload (ticket.* events).
  const urgent = await api('POST', '/tickets', { subject: 'Card charged twice', queue_id: timed.id, assignee_id: sueId,
    requester: { email: 'hal@example.com' }, message: { body_text: 'Twice!' } });
  const calm = await api('POST', '/tickets', { subject: 'Change my address', assignee_id: sueId,
    requester: { email: 'ida@example.com' }, message: { body_text: 'New address' } });
  const soon = mine.getByRole('list').first();
  await soon.getByRole('link', { name: `#${urgent.number} Card charged twice` }).waitFor();
  assert.match(await soon.getByRole('listitem').first().textContent(), /target /);
  assert.equal(await soon.getByRole('link', { name: /Change my address/ }).count(), 0, 'no target, not breaching');
  const open = mine.getByRole('list').nth(1);
  await open.getByRole('link', { name: `#${calm.number} Change my address` }).waitFor();
  await open.getByRole('link', { name: `#${urgent.number} Card charged twice` }).waitFor();
  await checkAccessibility(page, 'home my tickets');
  await shot(page, 'home-my-tickets');
  await open.getByRole('link', { name: `#${calm.number} Change my address` }).click();
  await page.waitForURL(`**/support/tickets/${calm.id}`);
  await page.context().close();
});

test('the support screens tripped no Content-Security-Policy', () => {
  assert.deepEqual(csp, []);
});
