// Customer search at size (docs/design/search.md), over HTTP: `q` pages in creation order without
// duplicates or gaps, `contains` answered by the fragment index finds names and emails ignoring
// accents and case, short fragments still work, and each answer equals a plain JS evaluation.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, pool } from './lib/server.mjs';
import { expectStatus, expectProblem, listAll, searchAll, ids } from './lib/expect.mjs';

let server;
const made = []; // in creation order

// Folding as search_fold does it for these names: accents off, case folded, ß as ss.
const fold = (s) => (s ?? '').normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/ß/g, 'ss');

const PEOPLE = [
  ['Jörg', 'Müller', 'Joerg.Mueller@Mail.example'], ['Hans', 'Mueller', 'hans@mueller.example'],
  ['Anna', 'Straße', 'anna.strasse@post.example'], ['José', 'García Núñez', 'jose@garcia.example'],
  ['Marta', 'Marković', 'marta@mk.example'], ['Mark', 'Smith', 'mark.smith@list.example'],
  ['Zoë', 'Martin', 'zoe.m@list.example'], ['Émile', null, 'emile@list.example'],
];

before(async () => {
  server = await startServer();
  // Created one after another, so creation order is the order of `made`.
  for (let i = 0; i < 36; i++) {
    const [first, last, email] = PEOPLE[i % PEOPLE.length];
    const body = { first_name: first, emails: [{ address: email.replace('@', `${i}@`) }] };
    if (last) body.last_name = last;
    made.push(expectStatus(await server.api('POST', '/customers', { body }), 201, 'create'));
  }
});

after(async () => { if (server) await server.stopClean(); });

test('q pages walk creation order: every match once, oldest first or newest first', async () => {
  const want = made.filter((c) => /^mar/i.test(c.first_name) || /^mar/i.test(c.last_name ?? '')).map((c) => c.id);
  assert.ok(want.length > 8);
  for (const limit of [1, 4, 7]) {
    const { items, pages } = await listAll(server, '/customers?q=mar', { limit });
    assert.deepEqual(ids(items), want, `q=mar limit=${limit}`);
    assert.ok(pages.every((n) => n <= limit));
    const newest = await listAll(server, '/customers?q=MAR&sort=-created_at', { limit });
    assert.deepEqual(ids(newest.items), [...want].reverse(), `q=MAR -created_at limit=${limit}`);
  }
});

test('a q cursor is refused by a list without q', async () => {
  const first = expectStatus(await server.api('GET', '/customers?q=mar&limit=2'), 200);
  assert.ok(first.next_cursor);
  expectProblem(await server.api('GET', `/customers?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`), 400);
});

test('contains finds names and emails ignoring accents and case, short fragments too', async () => {
  const cases = [
    ['last_name', 'MÜL'], ['last_name', 'mul'], ['last_name', 'strasse'], ['last_name', 'straß'],
    ['last_name', 'cia nu'], ['last_name', 'ov'], ['last_name', 'i'], ['first_name', 'emi'],
    ['first_name', 'jo'], ['display_name', 'g mul'], ['display_name', 'zoe mar'],
    ['email', 'MUELLER'], ['email', '@mail.ex'], ['email', '@list'], ['email', '3@'], ['email', 'zz'],
  ];
  const value = (c, field) => (field === 'email' ? c.emails.map((e) => e.address) : [c[field]]);
  await pool(cases, 4, async ([field, needle]) => {
    const filter = { field, op: 'contains', value: needle };
    const want = made.filter((c) => value(c, field).some((v) => fold(v).includes(fold(needle)))).map((c) => c.id);
    for (const limit of [5, 200]) {
      assert.deepEqual(ids(await searchAll(server, { filter, limit })), want, `${field} contains ${needle} limit=${limit}`);
    }
    // Negated: a customer without the name is in neither result (SQL NULL), as before.
    const negated = made.filter((c) => field === 'email' || c[field] != null).filter((c) => !want.includes(c.id)).map((c) => c.id);
    assert.deepEqual(ids(await searchAll(server, { filter: { not: filter }, limit: 7 })), negated, `not ${field} contains ${needle}`);
  });
});

test('eq on last name ignores accents and case and pages in creation order', async () => {
  const want = made.filter((c) => fold(c.last_name) === 'muller').map((c) => c.id);
  assert.ok(want.length >= 4);
  assert.deepEqual(ids(await searchAll(server, { filter: { field: 'last_name', op: 'eq', value: 'MULLER' }, limit: 2 })), want);
});
