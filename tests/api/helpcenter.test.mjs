// The help center over HTTP (docs/design/helpcenter.md): articles with revisions under
// /api/v1/kb, publishing by role, search with stemming, synonyms and prefix, the public /help
// pages (published articles only, escaped text, caching with ETag and 304, the helpful vote as a
// plain form, rate-limited; the pages themselves rate-limited per address), and bad input answered with problem+json naming the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['sue', 'support'], ['max', 'manager'], ['kim', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], 'a long enough passphrase\n');
  }
  const admin = createToken(dir, 'setup');
  for (const name of ['sue', 'max', 'kim']) {
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: admin });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (name, method, path, options = {}) => server.api(method, path, { ...options, token: tokens[name] });
const page = (path, headers = {}) => server.api('GET', path, { raw: true, token: null, headers });

test('staff write drafts, managers publish, and only published articles are public', async () => {
  const category = expectStatus(await as('max', 'POST', '/kb/categories', { body: { name: 'Shipping & delivery', position: 1 } }), 201);
  expectProblem(await as('sue', 'POST', '/kb/categories', { body: { name: 'Nope' } }), 403);
  const draft = expectStatus(await as('sue', 'POST', '/kb/articles', { body: {
    title: 'How long does <delivery> take?', category_id: category.id, topic: 'shipping-times',
    tags: ['Shipping', 'delivery'], body: '# Delivery\n\nParcels are **shipped** in 2 days.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))',
  } }), 201);
  assert.equal(draft.status, 'draft');
  assert.equal(draft.slug, 'how-long-does-delivery-take');
  assert.deepEqual(draft.tags, ['shipping', 'delivery']);
  assert.ok(!draft.body_html.includes('<script'), draft.body_html);
  assert.ok(draft.body_html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), draft.body_html);
  assert.ok(draft.body_html.includes('<a href="">x</a>'), draft.body_html);

  // A draft is not public, and not found by public search.
  expectStatus(await page(`/help/articles/${draft.slug}`), 404);
  assert.deepEqual(expectStatus(await page('/help/search.json?q=shipping'), 200).data, []);

  const publishBySupport = await as('sue', 'PATCH', `/kb/articles/${draft.id}`, { body: { status: 'published' } });
  expectProblem(publishBySupport, 403);
  const stale = await as('max', 'PATCH', `/kb/articles/${draft.id}`, { body: { status: 'published' }, headers: { 'if-match': '"v9"' } });
  expectProblem(stale, 412);
  const published = expectStatus(await as('max', 'PATCH', `/kb/articles/${draft.id}`, { body: { status: 'published' }, headers: { 'if-match': `"v${draft.version}"` } }), 200);
  assert.equal(published.status, 'published');
  assert.ok(published.published_at);

  const html = await page(`/help/articles/${draft.slug}`);
  expectStatus(html, 200);
  assert.match(html.headers['content-type'], /^text\/html/);
  assert.match(html.headers['content-security-policy'], /script-src 'self'/);
  assert.doesNotMatch(html.headers['content-security-policy'], /unsafe-inline/);
  assert.match(html.headers['cache-control'], /public, max-age=\d+/);
  assert.ok(html.text.includes('How long does &lt;delivery&gt; take?'), 'title escaped');
  assert.ok(!html.text.includes('<script>alert'), 'no script from the body');
  assert.match(html.text, /<form class="helpful" method="post"/);

  // 304 on a matching ETag.
  const etag = html.headers.etag;
  assert.ok(etag);
  const again = await page(`/help/articles/${draft.slug}`, { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');

  const home = await page('/help');
  expectStatus(home, 200);
  assert.ok(home.text.includes('Shipping &amp; delivery'));
  assert.ok(home.text.includes(`/help/articles/${draft.slug}`));
  const search = await page('/help/search?q=shipping');
  expectStatus(search, 200);
  assert.ok(search.text.includes(`/help/articles/${draft.slug}`), 'server-rendered search finds it');
  const typed = expectStatus(await page('/help/search.json?q=deliv'), 200);
  assert.equal(typed.data[0].url, `/help/articles/${draft.slug}`);

  // Archived: gone from the public pages again.
  expectStatus(await as('max', 'PATCH', `/kb/articles/${draft.id}`, { body: { status: 'archived' } }), 200);
  expectStatus(await page(`/help/articles/${draft.slug}`), 404);
});

test('every save is a revision; restoring one is a new save', async () => {
  const a = expectStatus(await as('sue', 'POST', '/kb/articles', { body: { title: 'Returns', body: 'first' } }), 201);
  expectStatus(await as('sue', 'PATCH', `/kb/articles/${a.id}`, { body: { body: 'second' } }), 200);
  const revisions = expectStatus(await as('kim', 'GET', `/kb/articles/${a.id}/revisions`), 200).data;
  assert.deepEqual(revisions.map((r) => r.version), [2, 1]);
  const first = expectStatus(await as('kim', 'GET', `/kb/articles/${a.id}/revisions/1`), 200);
  assert.equal(first.body, 'first');
  expectProblem(await as('kim', 'POST', `/kb/articles/${a.id}/revisions/1/restore`), 403);
  const restored = expectStatus(await as('sue', 'POST', `/kb/articles/${a.id}/revisions/1/restore`), 200);
  assert.equal(restored.version, 3);
  assert.equal(restored.body, 'first');
  expectProblem(await as('sue', 'GET', `/kb/articles/${a.id}/revisions/99`), 404);
});

test('search stems, widens by synonyms, matches prefixes and ranks title first', async () => {
  const publish = async (body) => expectStatus(await as('max', 'POST', '/kb/articles', { body: { status: 'published', ...body } }), 201);
  await publish({ title: 'Where is my package?', slug: 'tracking', body: 'Use the tracking link in your mail.', topic: 'order-tracking' });
  await publish({ title: 'Payment options', slug: 'payments', body: 'We take cards. Tracking of payments is instant.' });
  await publish({ title: 'Lieferzeiten', slug: 'lieferzeiten', language: 'de', body: 'Jede Lieferung dauert zwei Tage.' });
  const hits = expectStatus(await as('kim', 'GET', '/kb/search?q=tracking'), 200).data;
  assert.deepEqual(hits.map((h) => h.slug).slice(0, 2), ['tracking', 'payments']);
  assert.equal(hits[0].topic, 'order-tracking');
  assert.ok(hits[0].score > hits[1].score);
  assert.ok(hits[0].passage.length > 0);
  const german = expectStatus(await as('kim', 'GET', '/kb/search?q=Lieferungen&language=de'), 200).data;
  assert.deepEqual(german.map((h) => h.slug), ['lieferzeiten']);
  assert.deepEqual(expectStatus(await as('kim', 'GET', '/kb/search?q=parcel&prefix=false'), 200).data, []);

  expectProblem(await as('max', 'PUT', '/kb/synonyms', { body: { groups: [['parcel', 'package']] } }), 403);
  const admin = expectStatus(await server.api('PUT', '/kb/synonyms', { body: { groups: [['parcel', 'package']] } }), 200);
  assert.equal(admin.version, 1);
  const widened = expectStatus(await as('kim', 'GET', '/kb/search?q=parcel&prefix=false'), 200).data;
  assert.deepEqual(widened.map((h) => h.slug), ['tracking']);
  expectProblem(await server.api('PUT', '/kb/synonyms', { body: { groups: [['lonely']] } }), 422, { field: 'groups.0' });
});

test('a role without the knowledge-base grant is refused everywhere, search included', async () => {
  expectStatus(await server.api('POST', '/roles', { body: { name: 'no_kb', grants: { customers: { read: 'all' } } } }), 201);
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const kim = users.find((u) => u.name === 'kim');
  expectStatus(await server.api('PATCH', `/users/${kim.id}`, { body: { roles: ['no_kb'] } }), 200);
  try {
    for (const path of ['/kb/articles', '/kb/categories', '/kb/search?q=tracking', '/kb/synonyms', '/kb/settings']) {
      expectProblem(await as('kim', 'GET', path), 403);
    }
    expectProblem(await as('kim', 'POST', '/kb/articles', { body: { title: 'x', body: 'y' } }), 403);
    expectProblem(await as('kim', 'POST', '/kb/render', { body: { body: 'x' } }), 403);
  } finally {
    expectStatus(await server.api('PATCH', `/users/${kim.id}`, { body: { roles: ['viewer'] } }), 200);
  }
});

test('bad input is a problem naming the field, and sizes are bounded', async () => {
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'x' } }), 422, { field: 'body' });
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'x', body: 'y', status: 'live' } }), 422, { field: 'status' });
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'x', body: 'y', slug: 'Not A Slug' } }), 422, { field: 'slug' });
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'x', body: 'y', unknown: 1 } }), 422, { field: 'unknown' });
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'x', body: 'y'.repeat(100001) } }), 422, { field: 'body' });
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'x', body: 'y', category_id: 'kbc_nope' } }), 422, { field: 'category_id' });
  expectProblem(await as('kim', 'GET', `/kb/search?q=${'a'.repeat(201)}`), 422, { field: 'q' });
  expectProblem(await as('kim', 'GET', '/kb/search?q=a&limit=500'), 422, { field: 'limit' });
  expectProblem(await as('kim', 'GET', '/kb/articles?status=nope'), 422, { field: 'status' });
  expectProblem(await server.api('PUT', '/kb/settings', { body: { accent_color: 'red;}body{display:none' } }), 422, { field: 'accent_color' });
  expectProblem(await server.api('PUT', '/kb/settings', { body: { logo_url: 'javascript:alert(1)' } }), 422, { field: 'logo_url' });
  const tooLong = await page(`/help/search.json?q=${'a'.repeat(201)}`);
  expectProblem(tooLong, 422, { field: 'q' });
  const dup = await as('max', 'POST', '/kb/articles', { body: { title: 'Dup', body: 'y' } });
  expectStatus(dup, 201);
  expectProblem(await as('max', 'POST', '/kb/articles', { body: { title: 'Dup', body: 'y' } }), 409, { field: 'slug' });
});

test('the preview renders exactly as a save', async () => {
  const md = '**Hi** <b>raw</b> [x](data:text/html,x)';
  const preview = expectStatus(await as('sue', 'POST', '/kb/render', { body: { body: md } }), 200);
  const saved = expectStatus(await as('sue', 'POST', '/kb/articles', { body: { title: 'Preview check', body: md } }), 201);
  assert.equal(preview.html, saved.body_html);
  assert.ok(!preview.html.includes('<b>'));
  assert.ok(!preview.html.includes('data:'));
});

test('settings theme the public pages; the helpful vote works as a plain form and is rate-limited', async () => {
  expectStatus(await server.api('PUT', '/kb/settings', { body: { title: 'Shop <Help>', accent_color: '#aa3300' } }), 200);
  const theme = await page('/help/theme.css');
  assert.match(theme.text, /--accent:#aa3300/);
  const home = await page('/help');
  assert.ok(home.text.includes('Shop &lt;Help&gt;'));

  const a = expectStatus(await as('max', 'POST', '/kb/articles', { body: { title: 'Vote on me', body: 'x', status: 'published' } }), 201);
  const vote = (helpful) => fetch(`${server.baseUrl}/help/articles/${a.slug}/vote`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `helpful=${helpful}`,
  });
  const first = await vote('yes');
  assert.equal(first.status, 200);
  assert.match(await first.text(), /Thank you/);
  assert.equal((await vote('maybe')).status, 422);
  let limited = false;
  for (let i = 0; i < 15 && !limited; ++i) limited = (await vote('no')).status === 429;
  assert.ok(limited, 'votes from one address are rate-limited');
  const counted = expectStatus(await as('max', 'GET', `/kb/articles/${a.id}`), 200);
  assert.equal(counted.helpful.yes, 1);
  assert.ok(counted.helpful.no >= 1);
});

/** GET `path` from the source address `from` (127.0.0.x): the bounds are per address. */
function getFrom(from, path) {
  return new Promise((resolve, reject) => {
    const url = new URL(server.baseUrl + path);
    const req = http.get({ host: url.hostname, port: url.port, path, localAddress: from }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

test('a flood of help pages from one address gets 429 problems; other addresses are served', async () => {
  const a = expectStatus(await as('max', 'POST', '/kb/articles', { body: { title: 'Flooded page', body: 'x', status: 'published' } }), 201);
  const from = '127.0.0.9';
  let limited = null;
  let limitedSent = 0;
  for (let i = 0; i < 400 && !limited; ++i) {
    const sent = performance.now();
    const res = await getFrom(from, `/help/articles/${a.slug}`);
    if (res.status === 429) [limited, limitedSent] = [res, sent];
    else assert.equal(res.status, 200, `request ${i}: ${res.status}`);
  }
  assert.ok(limited, 'pages from one address are rate-limited');
  assert.match(limited.headers['content-type'], /application\/problem\+json/);
  const problem = JSON.parse(limited.body);
  assert.equal(problem.status, 429);
  assert.ok(Number(limited.headers['retry-after']) >= 1, 'Retry-After says when to come back');
  // The bound is for every page of that address: home, category and article alike. It is a token
  // bucket that keeps refilling at 4 a second (docs/design/helpcenter.md, Abuse), so a request
  // after the 429 may be served with a token that came back meanwhile (a stall of a few ms on a
  // busy machine is enough when the flood ended just short of the next token). So: each page is
  // refused within a few tries, and no more pages are served than the refill since the 429 allows
  // (a bound of their own would serve each of them 240 times).
  let served = 0;
  for (const [path, ok] of [['/help', 200], ['/help/categories/any', 404], [`/help/articles/${a.slug}`, 200]]) {
    let refused = null;
    for (let i = 0; i < 20 && !refused; ++i) {
      const res = await getFrom(from, path);
      if (res.status === 429) {
        refused = res;
      } else {
        assert.equal(res.status, ok, `${path} after the 429: ${res.status}`);
        ++served;
      }
    }
    assert.ok(refused, `${path} is under the same bound as the address's other pages`);
    assert.match(refused.headers['content-type'], /application\/problem\+json/);
  }
  const seconds = (performance.now() - limitedSent) / 1000;
  assert.ok(served < 1 + 4 * seconds,
    `${served} pages served in the ${seconds.toFixed(3)} s after the 429: more than its refill of 4 a second`);
  // Another address reads on.
  assert.equal((await getFrom('127.0.0.1', `/help/articles/${a.slug}`)).status, 200);
  assert.equal((await page('/help')).status, 200);
});
