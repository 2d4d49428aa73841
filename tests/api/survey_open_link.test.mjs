// A survey's open link over HTTP (docs/design/surveys.md § Open links): the start page, its
// ticket that must be neither forged nor posted at once, the anonymous answer it leads to, and
// ballot stuffing — a ticket opens one answer and only from the address it was fetched from, and
// 10,000 starts fired at one open link from one address make no more than the address's daily
// allowance of answers, and the server stays well. Other source addresses are 127.0.0.x (Linux
// routes the whole 127/8 to the loopback); IPv6 /64 grouping is in open_links_test.cpp.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createToken, makeDataDir, pool, removeDir, startServer } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

const ALLOWANCE = 3;  // kStartsPerAddressPerDay
let dir;
let server;
let survey;
let openPath;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  survey = expectStatus(await server.api('POST', '/surveys', { body: { name: 'At the till', kind: 'csat' } }), 201);
  const made = expectStatus(await server.api('POST', `/surveys/${survey.id}/open-link`), 201);
  openPath = new URL(made.link).pathname;
  assert.match(openPath, /^\/s\/o\/[A-Za-z0-9_-]{22}$/);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const call = (method, p, { form, body, headers = {} } = {}) => fetch(server.baseUrl + p, {
  method,
  redirect: 'manual',
  headers: {
    ...headers,
    ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : body ? { 'content-type': 'application/json' } : {}),
  },
  body: form ? new URLSearchParams(form).toString() : body ? JSON.stringify(body) : undefined,
});
const ticketOf = async () => (await (await call('GET', openPath, { headers: { accept: 'application/json' } })).json()).ticket;
const invitations = async () => expectStatus(await server.api('GET', `/surveys/${survey.id}/invitations`), 200).data;

test('the start page, a ticket posted too soon, then an anonymous answer that counts', async () => {
  const page = await call('GET', openPath, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<html lang="de"/);
  assert.match(html, /<button type="submit">Beginnen<\/button>/);
  const ticket = /name="ticket" value="([^"]+)"/.exec(html)[1];
  const soon = await call('POST', openPath, { body: { ticket } });
  assert.equal(soon.status, 422);
  assert.equal((await soon.json()).errors[0].field, 'ticket');
  const forged = await call('POST', openPath, { body: { ticket: `${Date.now() - 5000}.AAAAAAAAAAAAAAAAAAAAAA` } });
  assert.equal(forged.status, 422);
  assert.equal((await invitations()).length, 0, 'refused starts made nothing');

  await sleep(2100);
  const started = await call('POST', openPath, { form: { ticket } });
  assert.equal(started.status, 303);
  const personal = started.headers.get('location');
  assert.match(personal, /^\/s\/[A-Za-z0-9_-]{22}$/);
  const answered = await call('POST', personal, { body: { question: 'score', answer: 5 } });
  assert.equal(answered.status, 200, await answered.text());
  const results = expectStatus(await server.api('GET', `/surveys/${survey.id}/results`), 200);
  assert.equal(results.answered, 1);
  const [answer] = expectStatus(await server.api('GET', `/surveys/${survey.id}/answers`), 200).data;
  assert.equal(answer.customer_id, null);
  assert.equal(answer.customer_name, 'Anonymous');
});

/** A request from another loopback source address, `from` (127.0.0.x). */
function callFrom(from, method, p, { body, headers = {} } = {}) {
  const url = new URL(server.baseUrl + p);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method, localAddress: from,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

test('a ticket opens one answer, and only from the address that fetched the page', async () => {
  const page = await callFrom('127.0.0.2', 'GET', openPath, { headers: { accept: 'application/json' } });
  assert.equal(page.status, 200);
  const { ticket } = JSON.parse(page.text);
  await sleep(2100);
  const before = (await invitations()).length;
  const stolen = await callFrom('127.0.0.3', 'POST', openPath, { body: { ticket } });
  assert.equal(stolen.status, 422, 'a ticket from another address is refused');
  assert.equal(JSON.parse(stolen.text).errors[0].field, 'ticket');
  const first = await callFrom('127.0.0.2', 'POST', openPath, { body: { ticket } });
  assert.equal(first.status, 201, first.text);
  const reused = await callFrom('127.0.0.2', 'POST', openPath, { body: { ticket } });
  assert.equal(reused.status, 422, 'a used ticket is refused');
  assert.match(JSON.parse(reused.text).errors[0].message, /used already/);
  assert.equal((await invitations()).length, before + 1, 'one ticket, one answer');
});

test('10,000 starts at one open link from one address make no more than its allowance', async () => {
  // A script that fetched a few pages: each ticket opens one answer at most, and the address's
  // daily allowance caps them all.
  const tickets = [];
  for (let i = 0; i < 10; i += 1) tickets.push(await ticketOf());
  await sleep(2100);
  const statuses = await pool(Array.from({ length: 10_000 }, (_, i) => tickets[i % tickets.length]), 64, async (ticket) => {
    const res = await call('POST', openPath, { body: { ticket } });
    await res.arrayBuffer();
    return res.status;
  });
  const count = (s) => statuses.filter((x) => x === s).length;
  assert.equal(count(201), ALLOWANCE - 1, 'one start of today was the first test\'s');
  assert.equal(count(429) + count(422) + count(201), 10_000, `unexpected statuses: ${[...new Set(statuses)]}`);
  assert.equal((await invitations()).length, ALLOWANCE + 1, 'and the one from 127.0.0.2');
  // The server is well, and nothing else changed.
  assert.equal((await fetch(`${server.baseUrl}/healthz`)).status, 200);
  assert.equal(expectStatus(await server.api('GET', `/surveys/${survey.id}/results`), 200).answered, 1);
});

test('a closed or replaced link opens nothing', async () => {
  const replaced = expectStatus(await server.api('POST', `/surveys/${survey.id}/open-link`), 201);
  assert.notEqual(new URL(replaced.link).pathname, openPath);
  assert.equal((await call('GET', openPath)).status, 404, 'the old link stopped working');
  assert.equal((await server.api('DELETE', `/surveys/${survey.id}/open-link`)).status, 204);
  const closed = await call('GET', new URL(replaced.link).pathname);
  assert.equal(closed.status, 404);
  assert.match(await closed.text(), /not open/);
  expectProblem(await server.api('POST', '/surveys/srv_nope/open-link'), 404);
});
