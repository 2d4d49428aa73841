// End-to-end live chat in Debian's Chromium: a test web page on another origin embeds the widget
// with one script tag; a visitor opens it and writes (a <script> tag in the text); an agent signed
// in to the app in a second browser context sees the new chat arrive live, opens it, accepts and
// replies; each sees the other typing, live; the visitor sees the reply; the agent ends the chat and
// the visitor rates it. The text is shown as text everywhere (nothing runs). The inbox and the
// page with the widget are checked with axe; screenshots go to e2e/artifacts/chat-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from '../../tests/api/lib/server.mjs';
import { ARTIFACTS, checkAccessibility, launchChromium } from './browser.mjs';
import { signInAgent, startShopSite } from './chat_site.mjs';

const PASSWORD = 'correct horse battery staple';
const HOSTILE = 'Hi <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';

let dir;
let server;
let browser;
let site;
let siteOrigin;

before(async () => {
  dir = makeDataDir('rapport-e2e-chat-');
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada Agent', '--role', 'admin',
    '--password-stdin'], `${PASSWORD}\n`);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sue@staff.example', '--name', 'Sue Support', '--role', 'support',
    '--password-stdin'], `${PASSWORD}\n`);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'e2e') });
  const macro = await server.api('POST', '/support/canned-replies', {
    body: { name: 'Greeting', shared: true, body: 'Hello, this is {{agent.name}}. How can I help?' } });
  assert.equal(macro.status, 201, macro.text);
  // The business's website: another origin, one script tag.
  site = await startShopSite(server.baseUrl, { title: 'Talk to the shop' });
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

async function waitForAssignee(srv, name) {
  const users = await srv.api('GET', '/staff');
  const sue = users.body.data.find((u) => u.name === name);
  for (let i = 0; i < 100; i++) {
    const chats = await srv.api('GET', '/chats?view=all');
    if (chats.body.data[0]?.assignee_id === sue.id) return;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  throw new Error(`the chat was not handed to ${name}`);
}

const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `chat-${name}.png`), fullPage: true });

const agentPage = () => signInAgent(browser, server.baseUrl, 'ada@staff.example', PASSWORD);

test('a visitor on another site chats with an agent in the app, live both ways', async () => {
  const agent = await agentPage();
  await agent.getByRole('link', { name: 'Chats' }).click();
  await agent.getByRole('heading', { name: 'Chats' }).waitFor();
  await agent.getByText('No chats here.').waitFor();
  await checkAccessibility(agent, 'chat inbox (empty)');

  const visitorContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
  const visitor = await visitorContext.newPage();
  visitor.setDefaultTimeout(15_000);
  await visitor.goto(siteOrigin);
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  const panel = visitor.getByRole('dialog', { name: 'Talk to the shop' });
  await panel.waitFor();
  await panel.getByLabel('Your message').fill(HOSTILE);
  await panel.getByRole('button', { name: 'Send' }).click();
  await panel.getByText(HOSTILE).waitFor();
  await checkAccessibility(visitor, 'the shop with the widget open');

  // The agent is told at once, opens it, accepts and replies.
  await agent.getByRole('alert').filter({ hasText: 'A new chat is waiting.' }).waitFor();
  await agent.getByRole('button', { name: /^Visitor · Waiting/ }).click();
  const chatWindow = agent.getByRole('region', { name: /Visitor/ });
  await chatWindow.getByText(HOSTILE).waitFor();
  await chatWindow.getByRole('button', { name: 'Accept' }).click();
  await panel.getByText('An agent joined the chat.').waitFor();
  // The visitor types: the agent sees it live (window and list), and it clears after a pause.
  await panel.getByLabel('Your message').pressSequentially('Are you', { delay: 40 });
  await chatWindow.getByText('Visitor is typing…').waitFor();
  await agent.getByRole('tab', { name: 'Mine' }).click();
  await agent.getByRole('button', { name: /^Visitor · Active .* · typing…$/ }).waitFor();
  await chatWindow.getByText('Visitor is typing…').waitFor({ state: 'hidden' });
  await panel.getByLabel('Your message').fill('');
  // A canned reply fills the composer (its merge fields from the chat), then the agent writes.
  await chatWindow.getByLabel('Insert a canned reply').selectOption({ label: 'Greeting' });
  assert.equal(await chatWindow.getByLabel('Reply', { exact: true }).inputValue(), 'Hello, this is Ada Agent. How can I help?');
  await chatWindow.getByLabel('Reply', { exact: true }).fill('Hello! <b>How</b> can I help?');
  await panel.getByText('The agent is typing…').waitFor();
  await chatWindow.getByRole('button', { name: 'Send' }).click();
  await panel.getByText('Hello! <b>How</b> can I help?').waitFor();
  await shot(visitor, 'visitor');
  await shot(agent, 'agent');
  await checkAccessibility(agent, 'chat inbox with a chat open');

  // A file both ways: the agent attaches one to a reply, the visitor sees it as a download.
  await chatWindow.getByLabel('Attach files').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') });
  await chatWindow.getByRole('list', { name: 'Files to send' }).getByText('invoice.pdf').waitFor();
  await chatWindow.getByRole('button', { name: 'Send' }).click();
  await chatWindow.getByRole('link', { name: 'invoice.pdf' }).waitFor();
  await panel.getByRole('button', { name: '📎 invoice.pdf' }).waitFor();
  const saved = visitor.waitForEvent('download');
  await panel.getByRole('button', { name: '📎 invoice.pdf' }).click();
  assert.equal((await saved).suggestedFilename(), 'invoice.pdf');
  await panel.getByLabel('Attach a file').setInputFiles({ name: 'photo.png', mimeType: 'image/png',
    buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]) });
  await chatWindow.getByRole('link', { name: 'photo.png' }).waitFor();

  // The chat goes to another agent; it stays active, now hers.
  await chatWindow.getByLabel('Hand to agent').selectOption({ label: 'Sue Support' });
  await chatWindow.getByRole('button', { name: 'Hand over' }).click();
  await waitForAssignee(server, 'Sue Support');

  // Nothing the visitor typed ran anywhere.
  assert.equal(await visitor.evaluate(() => window.pwned), undefined);
  assert.equal(await agent.evaluate(() => window.pwned), undefined);

  await chatWindow.getByRole('button', { name: 'End chat' }).click();
  await panel.getByText('The chat has ended.').waitFor();
  await panel.getByRole('group', { name: 'Rate this chat' }).getByRole('button', { name: 'Good' }).click();
  await panel.getByText('Thank you for your rating.').waitFor();
  const chats = await server.api('GET', '/chats?view=all');
  assert.equal(chats.body.data[0].rating, 'good');
  await visitorContext.close();
});
