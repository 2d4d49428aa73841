// "You said, we did" over HTTP (docs/design/surveys.md § Themes): themes whose keywords tag the
// comments customers give on the public page (earlier ones at once, new ones as they come),
// staff tagging, the weekly report with what was done, If-Match, and refusals naming the field.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

let dir;
let server;
let survey;

before(async () => {
  dir = makeDataDir();
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  survey = expectStatus(await server.api('POST', '/surveys', { body: { name: 'NPS', kind: 'nps' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

let made = 0;
/** A customer answers the survey on its public page (JSON form): the score, then the comment. */
async function answer(score, comment) {
  made += 1;
  const customer = expectStatus(await server.api('POST', '/customers', { body: { first_name: `Said${made}` } }), 201);
  const invitation = expectStatus(await server.api('POST', `/surveys/${survey.id}/invitations`, {
    body: { customer_id: customer.id } }), 201);
  const link = new URL(invitation.link).pathname;
  for (const [question, value] of [['score', score], ['why', comment]]) {
    const res = await fetch(server.baseUrl + link, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, answer: value }) });
    assert.equal(res.status, 200, await res.text());
  }
  const answers = expectStatus(await server.api('GET', `/surveys/${survey.id}/answers`), 200).data;
  return answers[0];
}

test('keywords tag earlier and later comments; the report counts them per week beside what was done', async () => {
  const late = await answer(3, 'The delivery took two weeks.');
  await answer(10, 'Great beans, fair price');
  const delivery = expectStatus(await server.api('POST', '/feedback/themes', { body: {
    name: 'Delivery', keywords: ['delivery', 'parcel', 'shipping'] } }), 201);
  assert.equal(delivery.tagged, 1, 'the earlier comment is tagged at once');
  const broken = await answer(2, 'Parcel arrived broken; shipping was slow');
  assert.deepEqual(broken.themes.map((t) => [t.name, t.source]), [['Delivery', 'rule']]);

  const price = expectStatus(await server.api('POST', '/feedback/themes', { body: { name: 'Price', keywords: ['price'] } }), 201);
  assert.equal(price.tagged, 1);
  // Staff tag the late delivery under price too (they promised a discount), then look it up.
  const tagged = await server.api('PUT', `/survey-answers/${late.id}/themes/${price.id}`);
  assert.equal(tagged.status, 204);
  const priced = expectStatus(await server.api('GET', `/surveys/${survey.id}/answers?theme=${price.id}`), 200).data;
  assert.equal(priced.length, 2, 'the keyword\'s answer and the one staff tagged');
  assert.deepEqual(priced.find((a) => a.id === late.id).themes.map((t) => [t.name, t.source]),
    [['Delivery', 'rule'], ['Price', 'staff']]);

  // We did: a courier change, recorded with its time, under If-Match.
  expectProblem(await server.api('PATCH', `/feedback/themes/${delivery.id}`, { body: { we_did: 'x' }, headers: { 'if-match': '"v9"' } }), 412);
  const did = expectStatus(await server.api('PATCH', `/feedback/themes/${delivery.id}`, {
    body: { we_did: 'Switched to a next-day courier' }, headers: { 'if-match': `"v${delivery.version}"` } }), 200);
  assert.ok(did.we_did_at);

  const report = expectStatus(await server.api('GET', '/feedback/themes'), 200).themes;
  assert.deepEqual(report.map((t) => [t.name, t.count]), [['Delivery', 2], ['Price', 2]]);
  const week = report[0].weeks[0];
  assert.match(week.week, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(new Date(`${week.week}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
  assert.equal(report[0].we_did, 'Switched to a next-day courier');
  const future = expectStatus(await server.api('GET', '/feedback/themes?from=2099-01-01'), 200).themes;
  assert.ok(future.every((t) => t.count === 0));

  // Untagging and deleting leave the answers themselves alone.
  assert.equal((await server.api('DELETE', `/survey-answers/${late.id}/themes/${price.id}`)).status, 204);
  assert.equal((await server.api('DELETE', `/feedback/themes/${delivery.id}`)).status, 204);
  const answers = expectStatus(await server.api('GET', `/surveys/${survey.id}/answers`), 200).data;
  assert.equal(answers.length, 3);
  assert.ok(answers.every((a) => a.themes.every((t) => t.name !== 'Delivery')));
});

test('bad themes are refused naming the field, and change nothing', async () => {
  expectProblem(await server.api('POST', '/feedback/themes', { body: { keywords: ['x'] } }), 422, { field: 'name' });
  expectProblem(await server.api('POST', '/feedback/themes', { body: { name: 'X', keywords: ['ok', 7] } }), 422, { field: 'keywords[1]' });
  expectProblem(await server.api('POST', '/feedback/themes', { body: { name: 'X', keywords: Array(21).fill('w') } }), 422, { field: 'keywords' });
  expectProblem(await server.api('POST', '/feedback/themes', { body: { name: 'X', colour: 'red' } }), 422, { field: 'colour' });
  expectProblem(await server.api('POST', '/feedback/themes', { body: { name: 'price' } }), 422, { field: 'name' });
  expectProblem(await server.api('GET', '/feedback/themes?from=yesterday'), 422, { field: 'from' });
  expectProblem(await server.api('PUT', '/survey-answers/ans_nope/themes/thm_nope'), 404);
  const names = expectStatus(await server.api('GET', '/feedback/themes'), 200).themes.map((t) => t.name);
  assert.deepEqual(names, ['Price']);
});
