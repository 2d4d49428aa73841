// Customer health and bad experiences (docs/design/health.md) against the real binary: the score
// kept current by events (orders, tickets, refunds), explaining itself; bad experiences from the
// rules and from staff, on the timeline, closed with an outcome; the published traits; record
// access on every read; bad input refused with the field named and nothing changed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase';
const DAY = 86_400_000;
let dir;
let server;
let salesToken;

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'ada@staff.example', '--name', 'Ada',
    '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  const adminToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sam@staff.example', '--name', 'Sam',
    '--role', 'sales', '--password-stdin'], `${PASSWORD}\n`);
  salesToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sam', '--user', 'sam@staff.example']);
  server = await startServer({ dataDir: dir, token: adminToken });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const ago = (days) => new Date(Date.now() - days * DAY).toISOString();

async function customer(name, email) {
  return expectStatus(await server.api('POST', '/customers', {
    body: { first_name: name, emails: [{ address: email }] },
  }), 201);
}

async function order(customerId, daysAgo, price = '40.00') {
  return expectStatus(await server.api('POST', `/customers/${customerId}/orders`, {
    body: { placed_at: ago(daysAgo), currency: 'EUR', channel: 'web', lines: [{ description: 'Beans', quantity: 1, unit_price: price }] },
  }), 201);
}

const health = async (id, token) => server.api('GET', `/customers/${id}/health`, token ? { token } : {});

/** Waits until the customer's health satisfies `predicate` (events are delivered asynchronously). */
async function healthWhen(id, predicate, message) {
  let last;
  try {
    await waitFor(async () => {
      last = expectStatus(await health(id), 200);
      return predicate(last);
    }, { message });
  } catch (e) {
    e.message += `; last health ${JSON.stringify(last)}`;
    throw e;
  }
  return last;
}

test('a new customer is scored at once; orders set their rhythm and lateness is explained', async () => {
  const ann = await customer('Ann', 'ann@example.com');
  const first = await healthWhen(ann.id, (h) => h.score !== null, 'scored on creation');
  assert.equal(first.score, 90);
  assert.equal(first.risk, 'low');
  assert.deepEqual(first.reasons.map((r) => r.text), ['no purchase yet']);

  for (const daysAgo of [300, 270, 240]) await order(ann.id, daysAgo);
  // Events arrive one by one: wait for the third order's rhythm (30-day gaps and two default gaps
  // of 60 days make 45).
  const late = await healthWhen(ann.id, (h) => h.reasons.some((r) => r.code === 'recency'
    && r.text.endsWith('(45 days)')), 'lateness explained');
  assert.match(late.reasons[0].text, /^no purchase for 5\.3× the usual interval \(45 days\)$/);
  assert.ok(late.score < 90);

  // A new order brings her back on rhythm at once: the score is kept current, not recomputed on
  // read. What is left is her spend: one order in six months against three in the six before.
  await order(ann.id, 0);
  const back = await healthWhen(ann.id, (h) => !h.reasons.some((r) => r.code === 'recency'), 'back on rhythm');
  assert.deepEqual(back.reasons.map((r) => r.text), ['spend down 67% on the six months before']);
  assert.equal(back.score, 90);
});

test('a refund and a reopened ticket are bad experiences, on the timeline, and lower the score', async () => {
  const bo = await customer('Bo', 'bo@example.com');
  const placed = await order(bo.id, 2, '80.00');
  await healthWhen(bo.id, (h) => h.score !== null && !h.reasons.some((r) => r.text === 'no purchase yet'), 'order counted');
  const before = (await health(bo.id)).body.score;

  expectStatus(await server.api('POST', `/orders/${placed.id}/refunds`, { body: { amount: '10.00', reason: 'broken' } }), 201);
  const ticket = expectStatus(await server.api('POST', '/tickets', {
    body: { subject: 'Broken cup', requester: { email: 'bo@example.com' }, message: { body_text: 'It broke' } },
  }), 201);
  expectStatus(await server.api('PATCH', `/tickets/${ticket.id}`, { body: { status: 'solved' } }), 200);
  expectStatus(await server.api('PATCH', `/tickets/${ticket.id}`, { body: { status: 'open' } }), 200);

  const after = await healthWhen(bo.id, (h) => h.bad_experiences.length === 2 && h.bad_experiences_open === 2,
    'two bad experiences');
  assert.deepEqual(after.bad_experiences.map((e) => e.cause).sort(), ['refund', 'ticket_reopened']);
  assert.ok(after.reasons.some((r) => r.text === '2 open bad experiences'));
  assert.ok(after.reasons.some((r) => r.text === '1 open ticket'));
  assert.ok(after.score < before, `${after.score} < ${before}`);

  const timeline = expectStatus(await server.api('GET', `/customers/${bo.id}/timeline?kind=bad_experience`), 200);
  assert.equal(timeline.data.length, 2);
  assert.ok(timeline.data.every((e) => e.subject.startsWith('Bad experience: ')));

  // Closing the loop: recovered with the outcome; the score rises again.
  const refund = after.bad_experiences.find((e) => e.cause === 'refund');
  expectProblem(await server.api('PATCH', `/bad-experiences/${refund.id}`, { body: { state: 'fixed' } }), 422, { field: 'state' });
  expectProblem(await server.api('PATCH', `/bad-experiences/${refund.id}`, { body: { state: 'lost', mood: 1 } }), 422, { field: 'mood' });
  const closed = expectStatus(await server.api('PATCH', `/bad-experiences/${refund.id}`, {
    body: { state: 'recovered', outcome: 'called, refunded shipping' }, headers: { 'if-match': `"v${refund.version}"` },
  }), 200);
  assert.equal(closed.state, 'recovered');
  assert.equal(closed.outcome, 'called, refunded shipping');
  expectProblem(await server.api('PATCH', `/bad-experiences/${refund.id}`, {
    body: { state: 'lost' }, headers: { 'if-match': `"v${refund.version}"` },
  }), 412);
  const recovered = await healthWhen(bo.id, (h) => h.bad_experiences_open === 1, 'one left open');
  assert.ok(recovered.score > after.score);
});

test('an angry inbound message logged without a sentiment is read as negative: one bad experience, explained', async () => {
  const di = await customer('Di', 'di@example.com');
  await healthWhen(di.id, (h) => h.score !== null, 'scored');
  const log = async (body) => expectStatus(await server.api('POST', `/customers/${di.id}/interactions`, {
    body: { channel: 'email', kind: 'message', ...body },
  }), 201);
  // Our own words, one mild word, and a sentiment the caller states are not read as anger.
  assert.equal((await log({ direction: 'outbound', subject: 'Sorry for the terrible delay' })).sentiment, 'unknown');
  assert.equal((await log({ direction: 'inbound', subject: 'The delivery is slow' })).sentiment, 'neutral');
  assert.equal((await log({ direction: 'inbound', subject: 'Awful, terrible', sentiment: 'neutral' })).sentiment, 'neutral');
  assert.equal((await log({ direction: 'inbound', subject: 'Where is order 1042?' })).sentiment, 'unknown');
  const angry = await log({
    direction: 'inbound', subject: 'Order 1042',
    body: 'The parcel arrived broken and your courier was rude. This is unacceptable!',
  });
  assert.equal(angry.sentiment, 'negative');
  const timeline = expectStatus(await server.api('GET', `/customers/${di.id}/timeline?kind=message`), 200);
  assert.equal(timeline.data.find((e) => e.id === angry.id).sentiment, 'negative', 'stored as served');

  // Events are applied in order: once the angry message counts, the four before it have too.
  const after = await healthWhen(di.id, (h) => h.bad_experiences.length > 0, 'the angry message is a bad experience');
  assert.equal(after.bad_experiences.length, 1);
  assert.equal(after.bad_experiences[0].cause, 'negative_contact');
  assert.match(after.bad_experiences[0].summary, /^a negative email contact on \d{4}-\d\d-\d\d$/);
  assert.ok(after.reasons.some((r) => r.text === '1 open bad experience'), JSON.stringify(after.reasons));
});

test('staff record a bad experience; bad input changes nothing', async () => {
  const cy = await customer('Cy', 'cy@example.com');
  await healthWhen(cy.id, (h) => h.score !== null, 'scored');
  expectProblem(await server.api('POST', `/customers/${cy.id}/bad-experiences`, { body: {} }), 422, { field: 'summary' });
  expectProblem(await server.api('POST', `/customers/${cy.id}/bad-experiences`, { body: { summary: 'x'.repeat(501) } }), 422, { field: 'summary' });
  expectProblem(await server.api('POST', `/customers/${cy.id}/bad-experiences`, {
    body: { summary: 'Late', occurred_at: ago(-2) },
  }), 422, { field: 'occurred_at' });
  expectProblem(await server.api('POST', '/customers/cus_nope/bad-experiences', { body: { summary: 'Late' } }), 404);
  assert.equal((await health(cy.id)).body.bad_experiences.length, 0);

  const recorded = expectStatus(await server.api('POST', `/customers/${cy.id}/bad-experiences`, {
    body: { summary: 'Courier was rude at the door' },
  }), 201);
  assert.equal(recorded.cause, 'staff');
  assert.equal(recorded.state, 'open');
  await healthWhen(cy.id, (h) => h.bad_experiences_open === 1 && h.score === 82, 'the staff record counts');
});

test('traits filter and sort; the at-risk list and every read follow record access', async () => {
  const dee = await customer('Dee', 'dee@example.com');
  await order(dee.id, 700, '20.00');
  for (let i = 0; i < 3; i += 1) {
    expectStatus(await server.api('POST', `/customers/${dee.id}/bad-experiences`, { body: { summary: `Problem ${i}` } }), 201);
  }
  const scored = await healthWhen(dee.id, (h) => h.risk === 'high', 'high risk');
  assert.ok(scored.score < 40);

  const found = expectStatus(await server.api('POST', '/customers/search', {
    body: { filter: { field: 'churn_risk', op: 'eq', value: 'high' }, sort: 'health_score', limit: 50 },
  }), 200);
  assert.ok(found.data.some((c) => c.id === dee.id));
  const atRisk = expectStatus(await server.api('GET', '/health/at-risk?risk=high'), 200);
  assert.equal(atRisk.data[0].customer_id, dee.id);
  assert.ok(atRisk.data[0].reason.length > 0);
  expectProblem(await server.api('GET', '/health/at-risk?risk=doomed'), 422, { field: 'risk' });
  expectProblem(await server.api('GET', '/health/at-risk?cursor=abc'), 422, { field: 'cursor' });

  // Sales sees only the team's customers: Dee is nobody's, so her health does not exist for Sam.
  expectProblem(await health(dee.id, salesToken), 404);
  expectProblem(await server.api('GET', `/customers/${dee.id}/bad-experiences`, { token: salesToken }), 404);
  const salesList = expectStatus(await server.api('GET', '/health/at-risk?risk=high', { token: salesToken }), 200);
  assert.equal(salesList.data.length, 0);
  expectProblem(await server.api('GET', '/health/distribution', { token: salesToken }), 403);
  const mine = expectStatus(await server.api('GET', '/health/at-risk?owner=me', { token: salesToken }), 200);
  assert.equal(mine.data.length, 0);

  const distribution = expectStatus(await server.api('GET', '/health/distribution?days=30'), 200);
  assert.ok(distribution.current.high >= 1);
  expectProblem(await server.api('GET', '/health/distribution?days=0'), 422, { field: 'days' });
});

test('settings are for administrators, validated, and a rule turned off records nothing', async () => {
  expectProblem(await server.api('GET', '/health/settings', { token: salesToken }), 403);
  const current = expectStatus(await server.api('GET', '/health/settings'), 200);
  assert.equal(current.rules.refund, true);
  expectProblem(await server.api('PUT', '/health/settings', { body: { rules: { nope: true } } }), 422, { field: 'rules.nope' });
  expectProblem(await server.api('PUT', '/health/settings', { body: { high_below: 80, medium_below: 70 } }), 422, { field: 'medium_below' });
  const saved = expectStatus(await server.api('PUT', '/health/settings', {
    body: { rules: { refund: false } }, headers: { 'if-match': `"v${current.version}"` },
  }), 200);
  assert.equal(saved.rules.refund, false);

  const eve = await customer('Eve', 'eve@example.com');
  const placed = await order(eve.id, 1);
  expectStatus(await server.api('POST', `/orders/${placed.id}/refunds`, { body: { amount: '5.00' } }), 201);
  await healthWhen(eve.id, (h) => h.score !== null && !h.reasons.some((r) => r.text === 'no purchase yet'), 'order counted');
  // The refund's event has been delivered too (one round, in order): still no experience.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await health(eve.id)).body.bad_experiences.length, 0);
  expectStatus(await server.api('PUT', '/health/settings', { body: { rules: { refund: true } } }), 200);
});
