// Issue 14's whole story in Debian's Chromium, on the demo shop (`rapport demo`: help center,
// guided flows, the bot on): a web page on another origin embeds the widget for a signed-in
// customer (identity verification); the visitor asks a question the help center answers and the
// bot answers with the article's link; the visitor asks for a person; an agent signed in to the
// app in a second browser context picks the chat up (seeing why the bot handed over), replies,
// the visitor sees it live; the chat ends with a rating; and the transcript is on the customer's
// timeline. The widget with the bot's buttons is checked with axe; screenshots go to
// e2e/artifacts/chatbot-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { cliOk, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';
import { signInAgent, startShopSite } from './chat_site.mjs';

const PASSWORD = 'correct horse battery staple';

let dir;
let server;
let browser;
let site;
let siteOrigin;
let customer;

before(async () => {
  dir = makeDataDir('rapport-e2e-chatbot-');
  cliOk(['demo', '--data-dir', dir, '--customers', '20', '--seed', '7']);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Agent', '--role', 'admin',
    '--password-stdin'], `${PASSWORD}\n`);
  const token = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  server = await startServer({ dataDir: dir, token });
  // Ada takes chats: the bot hands over to the queue rather than opening a ticket.
  assert.equal((await server.api('PUT', '/support/agents/me', { body: { available: true } })).status, 200);
  customer = (await server.api('GET', '/customers?limit=1')).body.data[0];
  const { identity_secret: secret } = (await server.api('GET', '/chat/settings')).body;
  const hash = crypto.createHmac('sha256', secret).update(customer.id).digest('hex');
  // The business's website: another origin; its server vouches for the signed-in customer.
  site = await startShopSite(server.baseUrl, {
    title: 'Help',
    body: '<p>Signed in.</p>',
    head: `<script>window.RapportChatSettings = { identity: { customer_id: ${JSON.stringify(customer.id)}, hash: "${hash}" } };</script>`,
  });
  siteOrigin = site.origin;
  const set = await server.api('PATCH', '/chat/settings', { body: { allowed_origins: [siteOrigin] } });
  assert.equal(set.status, 200, set.text);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (server) await server.stopClean();
  removeDir(dir);
});

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `chatbot-${name}.png`), fullPage: true });

const agentPage = () => signInAgent(browser, server.baseUrl, 'ada@staff.example', PASSWORD);

test('the bot answers, hands over on request, an agent finishes, and the chat is on the timeline', async () => {
  const agent = await agentPage();
  await agent.getByRole('link', { name: 'Chats' }).click();
  await agent.getByRole('heading', { name: 'Chats' }).waitFor();

  const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
  const visitor = await visitorContext.newPage();
  visitor.setDefaultTimeout(15_000);
  await visitor.goto(siteOrigin);
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  const panel = visitor.getByRole('dialog', { name: 'Help' });
  await panel.getByText(/I answer from our help center/).waitFor();

  // The bot answers from the help center, with the article's link, and asks whether it helped.
  await panel.getByLabel('Your message').fill('delivery time to germany?');
  await panel.getByRole('button', { name: 'Send' }).click();
  await panel.getByText('Did that answer your question?').waitFor();
  const link = panel.getByRole('link').first();
  assert.match(await link.getAttribute('href'), /\/help\/articles\/shipping-times$/);
  await checkAccessibility(visitor, 'the widget with the bot\'s answer and buttons');
  await shot(visitor, 'answer');

  // The visitor asks for a person with the bot's button.
  await panel.getByRole('group', { name: 'Choices' }).getByRole('button', { name: 'Talk to a person' }).click();
  await panel.getByText(/passing you to a person/).waitFor();

  // The agent is told, sees the bot's part and why it handed over, takes it and replies.
  await agent.getByRole('alert').filter({ hasText: 'A new chat is waiting.' }).waitFor();
  await agent.getByRole('button', { name: /Waiting/ }).first().click();
  const chatWindow = agent.getByRole('region', { name: /Visitor|Waiting/ }).first();
  await chatWindow.getByText('the visitor asked for a person').waitFor();
  await chatWindow.getByText('Did that answer your question?').waitFor();
  await chatWindow.getByRole('button', { name: 'Accept' }).click();
  await panel.getByText('An agent joined the chat.').waitFor();
  await chatWindow.getByLabel('Reply').fill('Hi, Ada here. Express to Germany takes 1 to 2 business days.');
  await chatWindow.getByRole('button', { name: 'Send' }).click();
  await panel.getByText('Hi, Ada here. Express to Germany takes 1 to 2 business days.').waitFor();
  await shot(agent, 'agent');

  // The chat ends with a rating, and the whole transcript is on the customer's timeline.
  await chatWindow.getByRole('button', { name: 'End chat' }).click();
  await panel.getByText('The chat has ended.').waitFor();
  await panel.getByRole('group', { name: 'Rate this chat' }).getByRole('button', { name: 'Good' }).click();
  await panel.getByText('Thank you for your rating.').waitFor();
  await shot(visitor, 'visitor');
  const chats = await server.api('GET', '/chats?view=all');
  const chat = chats.body.data.find((c) => c.customer_id === customer.id);
  assert.equal(chat.rating, 'good');
  assert.equal(chat.handoff_reason, 'asked');

  await agent.goto(`/customers/${customer.id}`);
  await agent.getByText(/delivery time to germany\?/).first().waitFor();
  await agent.getByText(/Express to Germany takes 1 to 2 business days/).first().waitFor();
  await shot(agent, 'timeline');
  await visitorContext.close();
});

test('an administrator sets up the chat and edits a guided flow in Settings', async () => {
  const admin = await agentPage();
  await admin.goto('/settings/chat');
  await admin.getByRole('heading', { name: 'Chat on your website' }).waitFor();
  await admin.getByText('/widget/rapport-chat.js').waitFor();
  assert.equal(await admin.getByLabel('When the chatbot answers').inputValue(), 'always');
  await admin.getByRole('heading', { name: 'Chatbot' }).waitFor();
  await checkAccessibility(admin, 'chat settings and the chatbot\'s flows');
  await shot(admin, 'settings');

  // Rename the returns flow's button; a dead link is refused in words and nothing changes.
  const flow = admin.getByRole('group', { name: /^Flow 1:/ });
  await flow.getByLabel('Button that opens it').first().fill('Send something back');
  await admin.getByRole('button', { name: 'Save the chatbot' }).click();
  await admin.getByText('Saved. New chats use it at once.').waitFor();
  const saved = (await server.api('GET', '/chat/bot')).body;
  assert.equal(saved.flows[0].label, 'Send something back');

  await flow.getByLabel('Step id').nth(1).fill('renamed');  // a step the first one leads to
  await admin.getByRole('button', { name: 'Save the chatbot' }).click();
  await admin.getByRole('alert').filter({ hasText: /Flow 1, step \d, button \d \(next\)/ }).waitFor();
  assert.equal((await server.api('GET', '/chat/bot')).body.version, saved.version);
});
