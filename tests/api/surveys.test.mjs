// Surveys over HTTP (docs/design/surveys.md): definitions with versions and field-named errors,
// invitations with short single-use links under the contact budget and consent, the public
// answer page (no JavaScript, German for a German customer, saved page by page), the
// survey.answered event, results, and the bad inputs the issue names: forged and reused links,
// out-of-range answers, a survey changed while answering, a flood from one address.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

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

const publicCall = (method, p, { form, body, headers = {} } = {}) => fetch(server.baseUrl + p, {
  method,
  redirect: 'manual',
  headers: {
    ...headers,
    ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : body ? { 'content-type': 'application/json' } : {}),
  },
  body: form ? new URLSearchParams(form).toString() : body ? JSON.stringify(body) : undefined,
});
async function page(res) {
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { /* html */ }
  return { status: res.status, headers: Object.fromEntries(res.headers), text, body: json };
}

let customerCount = 0;
async function customer(extra = {}) {
  customerCount += 1;
  return expectStatus(await server.api('POST', '/customers', { body: {
    first_name: `Person ${customerCount}`, emails: [{ address: `p${customerCount}@example.com` }], ...extra } }), 201);
}
async function survey(body) {
  return expectStatus(await server.api('POST', '/surveys', { body }), 201);
}
async function invite(surveyId, customerId, extra = {}) {
  return expectStatus(await server.api('POST', `/surveys/${surveyId}/invitations`, {
    body: { customer_id: customerId, ...extra } }), 201);
}
const linkPath = (invitation) => new URL(invitation.link).pathname;

test('definitions: built-in kinds, custom questions, errors naming the field, versions', async () => {
  const nps = await survey({ name: 'NPS', kind: 'nps' });
  assert.equal(nps.current_version, 1);
  assert.deepEqual(nps.questions.map((q) => q.id), ['score', 'why']);
  assert.equal(nps.questions[0].max, 10);
  assert.ok(nps.questions[0].text.de, 'the built-in question has a German text');

  const bad = await server.api('POST', '/surveys', { body: { name: 'Bad', kind: 'custom', questions: [
    { id: 'a', type: 'text', text: 'A' },
    { id: 'b', type: 'text', text: 'B' },
    { id: 'c', type: 'single_choice', text: 'C', options: [{ id: 'x', text: { de: 'nur' } }, { id: 'y', text: 'Y' }] },
  ] } });
  expectProblem(bad, 422, { field: 'questions[2].options[0].text.en' });
  expectProblem(await server.api('POST', '/surveys', { body: { name: 'x', kind: 'poll' } }), 422, { field: 'kind' });
  expectProblem(await server.api('POST', '/surveys', { body: { name: 'x', kind: 'custom', questions: Array.from(
    { length: 31 }, (_, i) => ({ id: `q${i}`, type: 'text', text: 'x' })) } }), 422, { field: 'questions' });
  const list = expectStatus(await server.api('GET', '/surveys'), 200);
  assert.ok(!list.data.some((s) => s.name === 'Bad'), 'a refused survey was stored');

  const custom = await survey({ name: 'Delivery', kind: 'custom', questions: [
    { id: 'stars', type: 'rating', text: { en: 'Rate the delivery', de: 'Bewerten Sie die Lieferung' }, main: true, required: true },
    { id: 'issue', type: 'single_choice', text: 'What went wrong?', options: [{ id: 'late', text: 'Late' }, { id: 'broken', text: 'Broken' }],
      show_if: { question: 'stars', max: 2 } },
    { id: 'extras', type: 'multiple_choice', text: 'Anything else?', options: [{ id: 'box', text: 'Box' }, { id: 'note', text: 'Note' }] },
  ] });
  assert.equal(custom.questions.length, 3);
  assert.deepEqual(custom.questions[1].show_if, { question: 'stars', max: 2 });
});

test('a German customer answers on the public page, step by step, without JavaScript', async () => {
  const nps = await survey({ name: 'Wie war es?', kind: 'nps' });
  const ada = await customer({ language: 'de' });
  const invitation = await invite(nps.id, ada.id);
  assert.equal(invitation.status, 'sent');
  assert.equal(invitation.language, 'de');
  assert.match(linkPath(invitation), /^\/s\/[A-Za-z0-9_-]{22}$/, 'the link is short');
  const listed = expectStatus(await server.api('GET', `/surveys/${nps.id}/invitations`), 200);
  assert.ok(!JSON.stringify(listed).includes(linkPath(invitation).slice(3)), 'the token is not stored or listed');

  const first = await page(await publicCall('GET', linkPath(invitation)));
  assert.equal(first.status, 200);
  assert.match(first.text, /<html lang="de">/);
  assert.match(first.text, /Wie wahrscheinlich ist es/);
  assert.doesNotMatch(first.text, /<script/i);
  assert.match(first.headers['content-security-policy'], /default-src 'none'/);
  assert.equal(first.headers['referrer-policy'], 'no-referrer');
  assert.match(first.text, /<meta name="viewport"/);
  assert.match(first.text, /<input type="radio" name="answer" id="answer-10" value="10"><label for="answer-10">10<\/label>/);

  // Out of range: the same question again with the reason, nothing saved.
  const wrong = await page(await publicCall('POST', linkPath(invitation), { form: { question: 'score', answer: '11' } }));
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /role="alert"/);
  assert.match(wrong.text, /Wie wahrscheinlich/);

  const saved = await publicCall('POST', linkPath(invitation), { form: { question: 'score', answer: '3' } });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), linkPath(invitation));
  const why = await page(await publicCall('GET', linkPath(invitation)));
  assert.match(why.text, /Was ist der wichtigste Grund/);
  const partial = expectStatus(await server.api('GET', `/surveys/${nps.id}/invitations`), 200);
  assert.equal(partial.data.find((i) => i.id === invitation.id).status, 'answering');

  await publicCall('POST', linkPath(invitation), { form: { question: 'why', answer: 'Terrible & slow <b>delivery</b>' } });
  const thanks = await page(await publicCall('GET', linkPath(invitation)));
  assert.match(thanks.text, /Vielen Dank/);

  // The event the health score consumes, with the customer as its subject.
  const events = expectStatus(await server.api('GET', '/events?after=0&limit=200'), 200);
  const answered = events.data.find((e) => e.type === 'survey.answered');
  assert.ok(answered, 'no survey.answered event');
  assert.equal(answered.aggregate_type, 'customer');
  assert.equal(answered.aggregate_id, ada.id);
  assert.equal(answered.payload.kind, 'nps');
  assert.equal(answered.payload.score, 3);
  assert.equal(answered.payload.survey_version, 1);
  assert.equal(answered.payload.invitation_id, invitation.id);
  assert.equal(answered.payload.comment, 'Terrible & slow <b>delivery</b>');
  assert.ok(answered.payload.sentiment < 0, `sentiment ${answered.payload.sentiment}`);
  assert.deepEqual(answered.payload.about, {});

  // Reused: refused, nothing else changes; the page says it was answered.
  const again = await page(await publicCall('POST', linkPath(invitation), { body: { question: 'score', answer: 10 } }));
  assert.equal(again.status, 409);
  const results = expectStatus(await server.api('GET', `/surveys/${nps.id}/results`), 200);
  assert.equal(results.answered, 1);
  assert.equal(results.summary.nps, -100);
  assert.equal(results.summary.detractors, 1);

  // On the customer's timeline.
  const timeline = expectStatus(await server.api('GET', `/customers/${ada.id}/timeline`), 200);
  assert.ok(timeline.data.some((e) => e.kind === 'survey_answer'), 'no timeline entry');
  // The comment is searchable.
  const found = expectStatus(await server.api('GET', `/surveys/${nps.id}/answers?q=slow`), 200);
  assert.equal(found.data.length, 1);
  assert.equal(found.data[0].score, 3);
  // And exported through the export machinery (survey_answers, NDJSON).
  const exported = await server.api('GET', '/exports?' + new URLSearchParams({ object: 'survey_answers', format: 'ndjson', customer_id: ada.id }));
  assert.equal(exported.status, 200, exported.text);
  const rows = exported.text.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].score, 3);
  assert.equal(rows[0].survey_id, nps.id);
  assert.equal(rows[0].answers.why, 'Terrible & slow <b>delivery</b>');
});

test('forged links name nothing; JSON answering; the invitation keeps its version', async () => {
  for (const forged of ['/s/AAAAAAAAAAAAAAAAAAAAAA', '/s/short', '/s/%3Cscript%3E']) {
    const res = await page(await publicCall('GET', forged));
    assert.equal(res.status, 404, forged);
    assert.doesNotMatch(res.text, /<script>/);
  }
  const csat = await survey({ name: 'Support', kind: 'csat' });
  const bob = await customer();
  const invitation = await invite(csat.id, bob.id);
  const step = await page(await publicCall('GET', linkPath(invitation), { headers: { accept: 'application/json' } }));
  assert.equal(step.body.question.id, 'score');
  assert.equal(step.body.question.max, 5);
  // A partial answer, then staff edit the survey: a new version; this invitation keeps version 1.
  const extra = await survey({ name: 'Two questions', kind: 'csat', questions: [{ id: 'more', type: 'text', text: 'More?' }] });
  const inv2 = await invite(extra.id, (await customer()).id);
  expectStatus(await publicCall('POST', linkPath(inv2), { body: { question: 'score', answer: 4 } }).then(page), 200);
  const edited = expectStatus(await server.api('PATCH', `/surveys/${extra.id}`, { body: {
    questions: [{ id: 'other', type: 'text', text: 'Other?' }] } }), 200);
  assert.equal(edited.current_version, 2);
  const next = await page(await publicCall('POST', linkPath(inv2), { body: { question: 'more', answer: 'fine' } }));
  assert.equal(next.status, 200);
  assert.equal(next.body.completed, true);
  const v1 = expectStatus(await server.api('GET', `/surveys/${extra.id}/versions/1`), 200);
  assert.equal(v1.questions[1].id, 'more');
  expectProblem(await server.api('GET', `/surveys/${extra.id}/versions/9`), 404);
  // Out of range and unknown questions over JSON: problems naming the field.
  expectProblem(await page(await publicCall('POST', linkPath(invitation), { body: { question: 'score', answer: 6 } })),
    422, { field: 'answer' });
  const unknown = await page(await publicCall('POST', linkPath(invitation), { body: { question: 'nope', answer: 1 } }));
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.errors[0].field, 'question');
});

test('the contact budget throttles a second ask and records it; marketing needs consent', async () => {
  const first = await survey({ name: 'First', kind: 'ces' });
  const second = await survey({ name: 'Second', kind: 'nps' });
  const carol = await customer();
  assert.equal((await invite(first.id, carol.id)).status, 'sent');
  const throttled = await invite(second.id, carol.id);
  assert.equal(throttled.status, 'throttled');
  assert.equal(throttled.link, null);
  const listed = expectStatus(await server.api('GET', `/surveys/${second.id}/invitations`), 200);
  assert.equal(listed.data[0].status, 'throttled', 'a throttled ask is recorded');

  const offers = await survey({ name: 'Offers', kind: 'csat', purpose: 'marketing' });
  assert.equal((await invite(offers.id, (await customer()).id)).status, 'no_consent');
  const consenting = await customer({ consent: { email: { marketing: { status: 'granted', source: 'signup' } } } });
  assert.equal((await invite(offers.id, consenting.id)).status, 'sent');

  expectProblem(await server.api('POST', `/surveys/${first.id}/invitations`, { body: { customer_id: 'cus_missing' } }), 404);
  expectProblem(await server.api('POST', `/surveys/${first.id}/invitations`, { body: { customer_id: carol.id, language: 'fr' } }), 422, { field: 'language' });
  expectProblem(await server.api('POST', `/surveys/${first.id}/invitations`, {
    body: { customer_id: carol.id, about: { order_id: 'ord_nope' } } }), 422, { field: 'about.order_id' });
});

test('a flood of page requests from one address is refused', async () => {
  let limited = 0;
  for (let i = 0; i < 70; i += 1) {
    const res = await publicCall('GET', '/s/AAAAAAAAAAAAAAAAAAAAAA');
    await res.arrayBuffer();
    if (res.status === 429) limited += 1;
  }
  assert.ok(limited > 0, 'no request was limited');
});

test('results by product category of the order asked about, and for a filter of customers', async () => {
  const csat = await survey({ name: 'After the order', kind: 'csat' });
  const answerAbout = async (lines, score, extra = {}) => {
    const who = await customer(extra);
    const order = expectStatus(await server.api('POST', `/customers/${who.id}/orders`, { body: {
      currency: 'USD', channel: 'web', lines } }), 201);
    const invitation = await invite(csat.id, who.id, { about: { order_id: order.id } });
    const res = await publicCall('POST', linkPath(invitation), { body: { question: 'score', answer: score } });
    assert.equal(res.status, 200, await res.text());
  };
  for (const category of ['coffee', 'tea']) {
    expectStatus(await server.api('POST', '/products', { body: { sku: `SKU-${category}`, name: category, category,
      price: '5.00', currency: 'USD' } }), 201);
  }
  const line = (category) => ({ sku: `SKU-${category}` });
  await answerAbout([line('coffee'), line('tea'), line('coffee')], 5, { tags: ['vip'] });
  await answerAbout([line('coffee')], 1);
  await answerAbout([line('tea')], 3, { tags: ['vip'] });

  const byCategory = expectStatus(await server.api('GET', `/surveys/${csat.id}/results?by=product_category`), 200);
  assert.equal(byCategory.answered, 3, 'an answer counts once in the totals');
  assert.equal(byCategory.summary.n, 3);
  const groups = Object.fromEntries(byCategory.breakdown.map((g) => [g.key, [g.n, g.score]]));
  assert.deepEqual(groups, { coffee: [2, 3], tea: [2, 4] }, 'once per category it holds');

  const vip = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'eq', value: 'vip' }));
  const vips = expectStatus(await server.api('GET', `/surveys/${csat.id}/results?filter=${vip}`), 200);
  assert.equal(vips.answered, 2);
  assert.equal(vips.summary.average, 4);
  assert.equal(vips.invited, 2);
  const bad = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'near', value: 'x' }));
  expectProblem(await server.api('GET', `/surveys/${csat.id}/results?filter=${bad}`), 422, { field: 'filter.op' });
  expectProblem(await server.api('GET', `/surveys/${csat.id}/results?filter=%7Bnope`), 422, { field: 'filter' });
  expectProblem(await server.api('GET', `/surveys/${csat.id}/results?by=colour`), 422, { field: 'by' });
});

test('a passive score with an angry comment opens a follow-up, with the comment as its context', async () => {
  const nps = await survey({ name: 'After delivery', kind: 'nps' });
  const dan = await customer();
  const calm = await customer();
  for (const [who, why] of [[dan, 'The courier was rude and the parcel arrived damaged. Terrible!'], [calm, 'Quick and friendly, thanks']]) {
    const path = linkPath(await invite(nps.id, who.id));
    expectStatus(await publicCall('POST', path, { body: { question: 'score', answer: 8 } }).then(page), 200);
    const done = await page(await publicCall('POST', path, { body: { question: 'why', answer: why } }));
    assert.equal(done.body.completed, true);
  }
  // 8 is no detractor; the words are what count (common/sentiment.hpp's lexicon).
  const experience = await waitFor(async () => {
    const health = expectStatus(await server.api('GET', `/customers/${dan.id}/health`), 200);
    return health.bad_experiences.find((b) => b.cause === 'negative_comment');
  }, { message: 'the negative comment as a bad experience' });
  assert.match(experience.summary, /NPS 8/);
  assert.match(experience.summary, /courier was rude/);
  assert.ok(experience.follow_up_task_id, 'a follow-up task is opened');
  const task = expectStatus(await server.api('GET', `/tasks/${experience.follow_up_task_id}`), 200);
  assert.equal(task.customer_id, dan.id);
  assert.match(task.title, /^Follow up: a negative comment with NPS 8/);
  const calmHealth = expectStatus(await server.api('GET', `/customers/${calm.id}/health`), 200);
  assert.deepEqual(calmHealth.bad_experiences, [], 'kind words record nothing');
});

test('results: response rate, the trend by day, and breakdowns by lifecycle stage and by queue', async () => {
  const csat = await survey({ name: 'After support', kind: 'csat' });
  const returns = expectStatus(await server.api('POST', '/queues', { body: { name: 'Returns' } }), 201);
  const billing = expectStatus(await server.api('POST', '/queues', { body: { name: 'Billing' } }), 201);
  const answerAbout = async (stage, queue, score) => {
    const who = await customer({ lifecycle_stage: stage });
    let about;
    if (queue) {
      const ticket = expectStatus(await server.api('POST', '/tickets', { body: {
        subject: 'Help', customer_id: who.id, queue_id: queue.id, message: { body_text: 'Help' } } }), 201);
      about = { ticket_id: ticket.id };
    }
    const invitation = await invite(csat.id, who.id, about ? { about } : {});
    if (score === undefined) return;  // invited, never answered
    const res = await publicCall('POST', linkPath(invitation), { body: { question: 'score', answer: score } });
    assert.equal(res.status, 200, await res.text());
  };
  await answerAbout('customer', returns, 5);
  await answerAbout('lead', billing, 1);
  await answerAbout('customer', null, 3);
  await answerAbout('prospect', returns, undefined);

  const results = expectStatus(await server.api('GET', `/surveys/${csat.id}/results`), 200);
  assert.equal(results.invited, 4);
  assert.equal(results.answered, 3);
  assert.equal(results.response_rate, 0.75);
  assert.equal(results.breakdown, undefined, 'no breakdown unless asked');
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(results.trend, [{ date: today, n: 3, score: 3 }], 'one day: three answers averaging 3');

  const groups = async (by) => Object.fromEntries(
    expectStatus(await server.api('GET', `/surveys/${csat.id}/results?by=${by}`), 200).breakdown.map((g) => [g.key, [g.n, g.score]]));
  assert.deepEqual(await groups('lifecycle_stage'), { customer: [2, 4], lead: [1, 1] });
  assert.deepEqual(await groups('queue'), { '': [1, 3], Billing: [1, 1], Returns: [1, 5] },
    'the queue of the ticket asked about; none without a ticket');
});
