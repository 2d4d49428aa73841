// Expired links over the real binary (docs/design/surveys.md, reviews.md): a survey invitation
// and a review request whose expires_at has passed answer 409 on their page and on a post, and
// change nothing; a link that has not expired works. The expiry is moved into the past with
// sqlite3 while the server is stopped (the shortest expiry the API gives is a day), as
// input_rules.test.mjs does.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createToken, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus } from './lib/expect.mjs';

let dir;
let server;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const call = async (method, p, body) => {
  const res = await fetch(server.baseUrl + p, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, text: await res.text() };
};
let made = 0;
async function customer() {
  made += 1;
  return expectStatus(await server.api('POST', '/customers', { body: { first_name: `Exp${made}` } }), 201);
}

test('an expired survey invitation and an expired review link answer 409 and change nothing', async () => {
  const csat = expectStatus(await server.api('POST', '/surveys', { body: { name: 'Expiry', kind: 'csat' } }), 201);
  const invite = async () => expectStatus(await server.api('POST', `/surveys/${csat.id}/invitations`, {
    body: { customer_id: (await customer()).id, expires_in_days: 1 } }), 201);
  const expiring = await invite();
  const fresh = await invite();
  const review = expectStatus(await server.api('POST', '/reviews/requests', { body: { customer_id: (await customer()).id } }), 201);
  const surveyPath = new URL(expiring.link).pathname;
  const reviewPath = new URL(review.link).pathname;
  assert.equal((await call('GET', surveyPath)).status, 200, 'not expired yet');
  assert.equal((await call('GET', reviewPath)).status, 200, 'not expired yet');

  await server.stop({ keepDataDir: true });
  const past = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minutes')";
  const moved = spawnSync('sqlite3', [path.join(dir, 'rapport.db'),
    `UPDATE survey_invitations SET expires_at = ${past} WHERE id = '${expiring.id}'; ` +
    `UPDATE review_requests SET expires_at = ${past} WHERE id = '${review.id}';`], { encoding: 'utf8' });
  assert.equal(moved.status, 0, moved.stderr);
  server = await startServer({ dataDir: dir, token: server.token });

  for (const [what, p, body] of [['survey', surveyPath, { question: 'score', answer: 5 }],
    ['review', reviewPath, { rating: 5, text: 'Fine' }]]) {
    const page = await call('GET', p);
    assert.equal(page.status, 409, `${what} page: ${page.text}`);
    assert.match(page.text, /expired/);
    const posted = await call('POST', p, body);
    assert.equal(posted.status, 409, `${what} post: ${posted.text}`);
  }
  const answers = expectStatus(await server.api('GET', `/surveys/${csat.id}/answers`), 200).data;
  assert.equal(answers.length, 0, 'the expired link saved nothing');
  const reviews = expectStatus(await server.api('GET', '/reviews'), 200).data;
  assert.equal(reviews.length, 0, 'the expired link made no review');
  // The other invitation still works.
  const ok = await call('POST', new URL(fresh.link).pathname, { question: 'score', answer: 4 });
  assert.equal(ok.status, 200, ok.text);
});
