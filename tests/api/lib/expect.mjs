// Assertions shared by the API suites. Every failure message carries the request and the
// server's actual response so a failing run explains itself.

import assert from 'node:assert/strict';

/** One-line description of a response from server.api(). */
export function fmt(res) {
  const text = typeof res.text === 'string' ? res.text : JSON.stringify(res.body);
  const shown = text.length > 800 ? text.slice(0, 800) + `…(${text.length} chars)` : text;
  return `${res.method ?? ''} ${res.path ?? ''} -> ${res.status} ${res.headers?.['content-type'] ?? ''} ${shown}`;
}

export function expectStatus(res, status, what = '') {
  const ok = Array.isArray(status) ? status.includes(res.status) : res.status === status;
  assert.ok(ok, `${what ? what + ': ' : ''}expected status ${status}, got ${fmt(res)}`);
  return res.body;
}

/** Asserts an RFC 9457 problem response; with `field`, that errors[] names the field. */
export function expectProblem(res, status, { field, fieldPrefix, firstField } = {}) {
  expectStatus(res, status);
  const ct = res.headers['content-type'] ?? '';
  assert.ok(ct.includes('application/problem+json'), `expected application/problem+json, got ${fmt(res)}`);
  const b = res.body;
  assert.equal(typeof b, 'object', `problem body is not JSON: ${fmt(res)}`);
  assert.equal(typeof b.type, 'string', `problem.type missing: ${fmt(res)}`);
  assert.equal(typeof b.title, 'string', `problem.title missing: ${fmt(res)}`);
  assert.equal(b.status, status, `problem.status should be ${status}: ${fmt(res)}`);
  if (b.detail !== undefined) assert.equal(typeof b.detail, 'string', `problem.detail not a string: ${fmt(res)}`);
  if (field !== undefined || fieldPrefix !== undefined || firstField !== undefined) {
    assert.ok(Array.isArray(b.errors) && b.errors.length > 0, `expected errors[] in ${fmt(res)}`);
    for (const e of b.errors) {
      assert.equal(typeof e.field, 'string', `errors[].field must be a string: ${fmt(res)}`);
      assert.equal(typeof e.message, 'string', `errors[].message must be a string: ${fmt(res)}`);
    }
    if (field !== undefined) {
      assert.ok(b.errors.some((e) => e.field === field), `expected an error for field "${field}": ${fmt(res)}`);
    }
    if (firstField !== undefined) {
      assert.equal(b.errors[0].field, firstField, `expected errors[0].field "${firstField}": ${fmt(res)}`);
    }
    if (fieldPrefix !== undefined) {
      assert.ok(b.errors.some((e) => e.field.startsWith(fieldPrefix)), `expected an error for a field starting with "${fieldPrefix}": ${fmt(res)}`);
    }
  }
  return b;
}

/** Never a 5xx, never a connection failure: returns the response. */
export function expectNot5xx(res) {
  assert.ok(res.status < 500, `server error: ${fmt(res)}`);
  return res;
}

// The contract's format: RFC 3339 UTC with milliseconds, e.g. 2026-11-25T14:35:43.123Z (fixed
// width, so these strings also sort chronologically).
export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function expectTimestamp(v, what) {
  assert.equal(typeof v, 'string', `${what} should be an RFC 3339 string, got ${JSON.stringify(v)}`);
  assert.match(v, RFC3339_UTC, `${what} should be RFC 3339 UTC, got ${v}`);
  assert.ok(!Number.isNaN(Date.parse(v)), `${what} does not parse: ${v}`);
}

/** Follows next_cursor over a GET collection; returns all items (bounded by maxPages). */
export async function listAll(server, path, { limit = 200, maxPages = 200 } = {}) {
  const items = [];
  const pages = [];
  let cursor = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await server.api('GET', url);
    expectStatus(res, 200, `listing ${url}`);
    expectPage(res);
    items.push(...res.body.data);
    pages.push(res.body.data.length);
    cursor = res.body.next_cursor;
    if (cursor === null) return { items, pages };
  }
  assert.fail(`${path}: more than ${maxPages} pages (cursor never ends?)`);
}

/** Follows next_cursor over POST /customers/search; returns all items. */
export async function searchAll(server, { filter, sort, limit = 200 } = {}, { maxPages = 200 } = {}) {
  const items = [];
  let cursor;
  for (let i = 0; i < maxPages; i++) {
    const body = { limit };
    if (filter !== undefined) body.filter = filter;
    if (sort !== undefined) body.sort = sort;
    if (cursor) body.cursor = cursor;
    const res = await server.api('POST', '/customers/search', { body });
    expectStatus(res, 200, `search ${JSON.stringify(body)}`);
    expectPage(res);
    items.push(...res.body.data);
    cursor = res.body.next_cursor;
    if (cursor === null) return items;
  }
  assert.fail(`search: more than ${maxPages} pages (cursor never ends?)`);
}

export function expectPage(res) {
  const b = res.body;
  assert.ok(b && Array.isArray(b.data), `page must have data[]: ${fmt(res)}`);
  assert.ok(b.next_cursor === null || (typeof b.next_cursor === 'string' && b.next_cursor.length > 0),
    `next_cursor must be a non-empty string or null: ${fmt(res)}`);
}

export function ids(items) {
  return items.map((x) => x.id);
}

/** Asserts that the two id lists hold the same ids (order ignored, duplicates reported). */
export function expectSameIds(actual, expected, what = '') {
  const dup = actual.filter((id, i) => actual.indexOf(id) !== i);
  assert.deepEqual(dup, [], `${what}: ids returned more than once`);
  const a = [...actual].sort();
  const e = [...expected].sort();
  const missing = e.filter((id) => !a.includes(id));
  const extra = a.filter((id) => !e.includes(id));
  assert.ok(missing.length === 0 && extra.length === 0,
    `${what}: ${missing.length} missing, ${extra.length} unexpected (of ${e.length} expected, ${a.length} returned)\nmissing: ${missing.slice(0, 10).join(', ')}\nunexpected: ${extra.slice(0, 10).join(', ')}`);
}
