// The web app as the server delivers it: index.html for every app route (never cached, strict
// CSP), hashed assets cached for a year, and API paths never swallowed by the app.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stopClean(); });

const get = (p) => server.api('GET', p, { raw: true, token: null });

test('app routes answer index.html, uncached, under a strict CSP', async () => {
  for (const p of ['/', '/customers', '/customers/cus_01ABC', '/settings/tokens']) {
    const res = await get(p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.text, /<div id="root">/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    const csp = res.headers['content-security-policy'];
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), csp);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(!/<script>|<style>| style="/.test(res.text), 'no inline script or style in the page');
  }
});

test('hashed assets are cached for a year; unknown files and API paths are not the app', async () => {
  const index = (await get('/')).text;
  const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(scripts.length >= 2, `index.html links its assets: ${index}`);
  for (const asset of scripts) {
    const res = await get(asset);
    assert.equal(res.status, 200, asset);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(res.headers['content-type'], asset.endsWith('.js') ? /javascript/ : /css/);
  }
  assert.equal((await get('/assets/missing-1234.js')).status, 404);
  assert.equal((await get('/assets/..%2F..%2Fetc%2Fpasswd')).status, 404);
  const api = await get('/api/v1/nothing-here');
  assert.equal(api.status, 404);
  assert.match(api.headers['content-type'], /problem\+json/);
  assert.equal((await get('/favicon.png')).status, 404);
});

test('the app has an icon: /favicon.ico and /favicon.svg, linked from the page', async () => {
  const ico = await get('/favicon.ico');
  assert.equal(ico.status, 200);
  assert.match(ico.headers['content-type'], /^image\/(x-icon|vnd\.microsoft\.icon)/);
  assert.equal(ico.headers['cache-control'], 'public, max-age=86400');
  const svg = await get('/favicon.svg');
  assert.equal(svg.status, 200);
  assert.match(svg.headers['content-type'], /^image\/svg\+xml/);
  assert.match(svg.text, /<svg/);
  const index = (await get('/')).text;
  assert.match(index, /<link rel="icon" href="\/favicon\.ico"/);
  assert.match(index, /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
});
