// Reviews over HTTP (docs/design/reviews.md): recording with field-named errors and a server-
// computed `verified`, a review with a script tag stored as given and escaped on every page,
// moderation with If-Match keeping the product's stats current, the review.published event the
// health score and loyalty read, record access, review requests through short single-use links
// under the contact budget (forged and reused links change nothing), and the public JSON and
// widget: published only, no customer data, ETag, and a flood from one address refused.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer, waitFor } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

const SCRIPT = '<script>alert("x")</script>';
let dir;
let server;
const tokens = {};
let kettle;
let mug;

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sam', 'sales'], ['sue', 'support']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name, '--role', role,
      '--password-stdin'], 'a long enough passphrase\n');
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
  kettle = expectStatus(await server.api('POST', '/products', { body: { sku: 'K-1', name: 'Kettle', price: '30.00', currency: 'EUR' } }), 201);
  mug = expectStatus(await server.api('POST', '/products', { body: { sku: 'M-1', name: 'Mug', price: '8.00', currency: 'EUR' } }), 201);
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (who, method, p, options = {}) => server.api(method, p, { ...options, token: tokens[who] });
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
let count = 0;
async function customer(extra = {}) {
  count += 1;
  return expectStatus(await server.api('POST', '/customers', { body: {
    first_name: `Ada${count}`, last_name: 'Lovelace', emails: [{ address: `ada${count}@example.com` }], ...extra } }), 201);
}
async function buy(customerId, product, status = 'fulfilled') {
  return expectStatus(await server.api('POST', `/customers/${customerId}/orders`, { body: {
    currency: 'EUR', channel: 'web', status, lines: [{ sku: product.sku, quantity: 1 }] } }), 201);
}
const review = async (body) => expectStatus(await server.api('POST', '/reviews', { body }), 201);

test('recording: bounded input naming the field; verified comes from fulfilled orders only', async () => {
  const ada = await customer();
  await buy(ada.id, kettle);
  await buy(ada.id, mug, 'paid');
  expectProblem(await server.api('POST', '/reviews', { body: { customer_id: ada.id, rating: 5, source: 'own_site', verified: true } }),
    422, { field: 'verified' });
  expectProblem(await server.api('POST', '/reviews', { body: { customer_id: ada.id, rating: 0, source: 'own_site' } }), 422, { field: 'rating' });
  expectProblem(await server.api('POST', '/reviews', { body: { customer_id: ada.id, rating: 4, source: 'other' } }), 422, { field: 'source_url' });
  expectProblem(await server.api('POST', '/reviews', { body: { customer_id: ada.id, rating: 4, source: 'google', text: 'x'.repeat(5001) } }),
    422, { field: 'text' });
  expectProblem(await server.api('POST', '/reviews', { body: { customer_id: 'cus_nope', rating: 4, source: 'google' } }), 422, { field: 'customer_id' });
  const none = expectStatus(await server.api('GET', `/reviews?customer_id=${ada.id}`), 200);
  assert.equal(none.data.length, 0, 'a refused review was stored');

  const verified = await review({ customer_id: ada.id, product_id: kettle.id, rating: 5, source: 'own_site', title: 'Boils fast' });
  assert.equal(verified.verified, true);
  assert.equal(verified.status, 'pending');
  const unpaid = await review({ customer_id: ada.id, product_id: mug.id, rating: 3, source: 'other', source_url: 'https://example.org/r/1' });
  assert.equal(unpaid.verified, false, 'a paid, unfulfilled order does not verify');
  const got = await server.api('GET', `/reviews/${verified.id}`);
  assert.equal(got.headers.etag, '"v1"');
  const timeline = expectStatus(await server.api('GET', `/customers/${ada.id}/timeline`), 200);
  assert.ok(timeline.data.some((e) => e.kind === 'review' && /Kettle: 5 stars/.test(e.subject)), 'no timeline entry');
});

test('a review with a script tag is stored as given and escaped on every page', async () => {
  const bob = await customer({ first_name: 'Bob', last_name: 'Builder' });
  const created = await review({ customer_id: bob.id, product_id: kettle.id, rating: 1, source: 'own_site', title: SCRIPT, text: `${SCRIPT} & more` });
  assert.equal(created.title, SCRIPT);
  expectStatus(await server.api('PATCH', `/reviews/${created.id}`, { body: { status: 'published' }, headers: { 'If-Match': '"v1"' } }), 200);
  const widget = await page(await publicCall('GET', `/public/reviews/widget?product_id=${kettle.id}`));
  assert.equal(widget.status, 200);
  assert.doesNotMatch(widget.text, /<script/i);
  assert.match(widget.text, /&lt;script&gt;/);
  assert.doesNotMatch(widget.headers['content-security-policy'], /frame-ancestors 'none'/, 'the widget may be framed');
  const json = await page(await publicCall('GET', `/public/reviews?product_id=${kettle.id}`));
  assert.equal(json.body.data[0].title, SCRIPT, 'JSON carries the text as given');
  assert.match(json.headers['content-type'], /application\/json/);
});

test('moderation: If-Match, reasons, stats kept current, the review.published event', async () => {
  const cara = await customer();
  await buy(cara.id, mug);
  const r = await review({ customer_id: cara.id, product_id: mug.id, rating: 2, source: 'google', text: 'Chipped on arrival' });
  expectProblem(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'published' }, headers: { 'If-Match': '"v9"' } }), 412);
  expectProblem(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'rejected' } }), 422, { field: 'reason' });
  expectProblem(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'gone' } }), 422, { field: 'status' });
  const before = expectStatus(await server.api('GET', `/reviews/stats?product_id=${mug.id}`), 200);
  assert.equal(before.count, 0);

  const published = expectStatus(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'published' }, headers: { 'If-Match': '"v1"' } }), 200);
  assert.equal(published.status, 'published');
  assert.ok(published.published_at);
  assert.ok(published.moderation.at);
  const stats = expectStatus(await server.api('GET', `/reviews/stats?product_id=${mug.id}`), 200);
  assert.equal(stats.count, 1);
  assert.equal(stats.average, 2);
  assert.equal(stats.distribution['2'], 1);

  const replied = expectStatus(await server.api('PATCH', `/reviews/${r.id}`, { body: { reply: 'Sorry — a new one is on its way.' } }), 200);
  assert.equal(replied.reply.text, 'Sorry — a new one is on its way.');
  assert.equal(replied.version, 3);

  const events = expectStatus(await server.api('GET', '/events?after=0&limit=500'), 200);
  const event = events.data.find((e) => e.type === 'review.published' && e.payload.review.id === r.id);
  assert.ok(event, 'no review.published event');
  assert.equal(event.aggregate_type, 'customer');
  assert.equal(event.aggregate_id, cara.id);
  assert.equal(event.payload.review.rating, 2);
  assert.equal(event.payload.review.product_id, mug.id);
  assert.equal(event.payload.review.verified, true);
  assert.equal(event.payload.review.source, 'google');
  assert.ok(event.payload.review.published_at);
  assert.equal(event.payload.review.text, undefined, 'the words stay in the review');

  // The customer health subscriber reads it: a 2-star review opens a bad experience.
  const health = await waitFor(async () => {
    const current = expectStatus(await server.api('GET', `/customers/${cara.id}/health`), 200);
    assert.ok(current.bad_experiences.some((b) => b.cause === 'negative_review'), JSON.stringify(current.bad_experiences));
    return current;
  }, { timeoutMs: 10_000, intervalMs: 100 });
  assert.ok(health.bad_experiences.length >= 1);

  const audit = expectStatus(await server.api('GET', `/audit?object_type=review&object_id=${r.id}`), 200);
  assert.ok(audit.data.length >= 3, `audit entries: ${audit.data.length}`);

  expectStatus(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'rejected', reason: 'not about the product' } }), 200);
  const after = expectStatus(await server.api('GET', `/reviews/stats?product_id=${mug.id}`), 200);
  assert.equal(after.count, 0, 'a rejected review leaves the stats');
});

test('lists filter and page; a review is readable only when its customer is', async () => {
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const sue = users.find((u) => u.email === 'sue@staff.example');
  const owned = await customer({ owner_id: sue.id });
  for (let i = 1; i <= 3; i += 1) await review({ customer_id: owned.id, rating: i, source: 'facebook' });
  const first = expectStatus(await server.api('GET', `/reviews?customer_id=${owned.id}&limit=2`), 200);
  assert.equal(first.data.length, 2);
  assert.ok(first.next_cursor);
  const second = expectStatus(await server.api('GET', `/reviews?customer_id=${owned.id}&limit=2&cursor=${first.next_cursor}`), 200);
  assert.equal(second.data.length, 1);
  assert.equal(second.next_cursor, null);
  assert.equal(expectStatus(await server.api('GET', `/reviews?customer_id=${owned.id}&rating=3`), 200).data.length, 1);
  expectProblem(await server.api('GET', '/reviews?rating=x'), 422, { field: 'rating' });
  expectProblem(await server.api('GET', '/reviews?status=maybe'), 422, { field: 'status' });

  // Sam (sales) reads reviews, but not this customer of Sue's: the review is "not found".
  const one = first.data[0];
  expectProblem(await as('sam', 'GET', `/reviews/${one.id}`), 404);
  const samList = expectStatus(await as('sam', 'GET', `/reviews?customer_id=${owned.id}`), 200);
  assert.equal(samList.data.length, 0);
  expectProblem(await as('sam', 'PATCH', `/reviews/${one.id}`, { body: { status: 'published' } }), 404);
  // Sue (support) moderates.
  expectStatus(await as('sue', 'PATCH', `/reviews/${one.id}`, { body: { status: 'published' } }), 200);
});

test('requests: short single-use links under the contact budget; forged and reused links change nothing', async () => {
  const dora = await customer({ language: 'de' });
  const order = await buy(dora.id, kettle);
  const sent = expectStatus(await server.api('POST', '/reviews/requests', { body: { customer_id: dora.id, order_id: order.id, product_id: kettle.id } }), 201);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.language, 'de');
  const link = new URL(sent.link).pathname;
  assert.match(link, /^\/r\/[A-Za-z0-9_-]{22}$/);
  const throttled = expectStatus(await server.api('POST', '/reviews/requests', { body: { customer_id: dora.id } }), 201);
  assert.equal(throttled.status, 'throttled', 'the second ask within the budget is recorded, not sent');
  assert.equal(throttled.link, null);
  expectProblem(await server.api('POST', '/reviews/requests', { body: { customer_id: dora.id, order_id: order.id, product_id: mug.id } }),
    422, { field: 'product_id' });

  const form = await page(await publicCall('GET', link));
  assert.equal(form.status, 200);
  assert.match(form.text, /<html lang="de">/);
  assert.match(form.text, /Kettle/);
  assert.match(form.text, /<meta name="viewport"/);
  assert.doesNotMatch(form.text, /<script/i);
  assert.match(form.text, /<input type="radio" name="rating" id="rating-5" value="5" required><label for="rating-5">5 Sterne<\/label>/);

  const wrong = await page(await publicCall('POST', link, { form: { rating: '9', title: 'x' } }));
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /role="alert"/);
  const saved = await publicCall('POST', link, { form: { rating: '4', title: SCRIPT, text: 'Kocht schnell, sehr gut' } });
  assert.equal(saved.status, 303);
  const thanks = await page(await publicCall('GET', link));
  assert.match(thanks.text, /Vielen Dank/);

  const reused = await page(await publicCall('POST', link, { body: { rating: 1 } }));
  assert.equal(reused.status, 409);
  for (const forged of ['/r/AAAAAAAAAAAAAAAAAAAAAA', '/r/short', '/r/%3Cscript%3E']) {
    const res = await page(await publicCall('GET', forged));
    assert.equal(res.status, 404, forged);
    assert.doesNotMatch(res.text, /<script>/);
    const post = await page(await publicCall('POST', forged, { body: { rating: 5 } }));
    assert.equal(post.status, 404, forged);
  }
  const theirs = expectStatus(await server.api('GET', `/reviews?customer_id=${dora.id}`), 200).data;
  assert.equal(theirs.length, 1, 'one review per link, none from forged links');
  assert.equal(theirs[0].source, 'invited');
  assert.equal(theirs[0].status, 'pending');
  assert.equal(theirs[0].verified, true);
  assert.equal(theirs[0].rating, 4);
  assert.equal(theirs[0].title, SCRIPT);
  assert.equal(theirs[0].request_id, sent.id);
});

test('public JSON: published only, no customer data, ETag, a flood from one address refused', async () => {
  const eve = await customer({ first_name: 'Eve', last_name: 'Zed' });
  await review({ customer_id: eve.id, rating: 5, source: 'own_site', title: 'Great shop', status: 'published' });
  await review({ customer_id: eve.id, rating: 1, source: 'own_site', title: 'Hidden pending' });
  const res = await page(await publicCall('GET', '/public/reviews'));
  assert.equal(res.status, 200);
  assert.ok(res.body.data.some((r) => r.title === 'Great shop'));
  assert.ok(!res.body.data.some((r) => r.title === 'Hidden pending'), 'a pending review is public');
  const shown = res.body.data.find((r) => r.title === 'Great shop');
  assert.equal(shown.author, 'Eve Z.');
  assert.equal(shown.customer_id, undefined);
  assert.ok(!res.text.includes(eve.id), 'a customer id is public');
  assert.ok(!res.text.includes('@example.com'), 'an email is public');
  assert.ok(res.body.stats.count >= 1);
  assert.ok(res.headers.etag);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  const again = await publicCall('GET', '/public/reviews', { headers: { 'if-none-match': res.headers.etag } });
  assert.equal(again.status, 304);
  expectProblem(await page(await publicCall('GET', '/public/reviews?limit=500')), 422, { field: 'limit' });

  let limited;
  for (let i = 0; i < 200 && !limited; i += 1) {
    const r = await publicCall('GET', '/public/reviews');
    if (r.status === 429) limited = r;
    else await r.arrayBuffer();
  }
  assert.ok(limited, 'no 429 after a flood from one address');
  assert.ok(limited.headers.get('retry-after'));
});

test('import: reviews from other sites through the importer, with the same rules', async () => {
  const fay = await customer({ first_name: 'Fay', emails: [{ address: 'fay@import.example' }] });
  await buy(fay.id, kettle);
  const csv = 'email,rating,title,review,sku,source,url\n' +
    'fay@import.example,4,Solid,"Good kettle, quick",K-1,google,https://maps.example/r/1\n' +
    'fay@import.example,7,Too many stars,,K-1,google,https://maps.example/r/2\n' +
    'fay@import.example,2,Meh,,NOPE,facebook,https://fb.example/r/3\n';
  const accepted = expectStatus(await server.api('POST', '/imports?object=reviews', { body: csv, headers: { 'content-type': 'text/csv' } }), 202);
  const job = await waitFor(async () => {
    const current = expectStatus(await server.api('GET', `/imports/${accepted.id}`), 200);
    assert.ok(!['queued', 'running'].includes(current.status), `still ${current.status}`);
    return current;
  }, { timeoutMs: 60_000, intervalMs: 100 });
  assert.equal(job.created, 1, JSON.stringify(job));
  assert.equal(job.failed, 2);
  const report = await server.api('GET', `/imports/${job.id}/errors`);
  assert.match(report.text, /rating/);
  assert.match(report.text, /SKU/);
  const theirs = expectStatus(await server.api('GET', `/reviews?customer_id=${fay.id}`), 200).data;
  assert.equal(theirs.length, 1);
  assert.equal(theirs[0].source, 'google');
  assert.equal(theirs[0].source_url, 'https://maps.example/r/1');
  assert.equal(theirs[0].product_id, kettle.id);
  assert.equal(theirs[0].verified, true, 'verified from the orders, not the file');
  assert.equal(theirs[0].status, 'pending');

  // And out again through the export machinery, in columns the import reads back.
  const ndjson = await server.api('GET', '/exports?' + new URLSearchParams({ object: 'reviews', format: 'ndjson', customer_id: fay.id }));
  assert.equal(ndjson.status, 200, ndjson.text);
  const rows = ndjson.text.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].title, 'Solid');
  const csvOut = await server.api('GET', '/exports?' + new URLSearchParams({ object: 'reviews', format: 'csv', customer_id: fay.id }));
  assert.equal(csvOut.status, 200, csvOut.text);
  assert.match(csvOut.text.split('\n')[0], /rating,title,text,source,source_url/);
  assert.match(csvOut.text, /fay@import\.example/);
  expectProblem(await as('sam', 'GET', '/exports?' + new URLSearchParams({ object: 'reviews', format: 'csv' })), 403);
});

test('a review of three stars or more with angry words opens a follow-up like a low rating', async () => {
  const eve = await customer();
  const fay = await customer();
  const angry = await review({ customer_id: eve.id, rating: 4, source: 'google', text: 'Looks nice but the handle broke at once. Awful quality, furious.' });
  const kind = await review({ customer_id: fay.id, rating: 4, source: 'google', text: 'Lovely mug, great colour' });
  for (const r of [angry, kind]) {
    expectStatus(await server.api('PATCH', `/reviews/${r.id}`, { body: { status: 'published' } }), 200);
  }
  const event = expectStatus(await server.api('GET', '/events?after=0&limit=500'), 200).data
    .find((e) => e.type === 'review.published' && e.payload.review.id === angry.id);
  assert.ok(event.payload.review.sentiment <= -0.5, `the event carries the text's score: ${event.payload.review.sentiment}`);
  const experience = await waitFor(async () => {
    const health = expectStatus(await server.api('GET', `/customers/${eve.id}/health`), 200);
    return health.bad_experiences.find((b) => b.cause === 'negative_comment');
  }, { message: 'the angry 4-star review as a bad experience' });
  assert.equal(experience.summary, 'a 4-star review with negative text');
  assert.ok(experience.follow_up_task_id, 'a follow-up task is opened (the first administrator: no owner)');
  const fays = expectStatus(await server.api('GET', `/customers/${fay.id}/health`), 200);
  assert.deepEqual(fays.bad_experiences, []);
});
