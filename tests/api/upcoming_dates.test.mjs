// The home screen's upcoming dates (docs/design/tasks.md § Upcoming dates) over HTTP at the real
// binary: birthdays (by month and day) and renewals (the date custom field renewal_date) of the
// caller's own customers in the next 14 days, soonest first; another owner's customers and dates
// outside the window are left out; a bad `days` is 422 naming it. Dates are relative to today
// (UTC), since the server reads its own clock; the 29 February rule is unit-tested
// (upcoming_dates_test.cpp).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectProblem, expectStatus } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase';
const DAY = 86_400_000;
let dir;
let server;
let adaToken;
let samToken;

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['ada', 'admin'], ['sam', 'sales']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
  adaToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'ada', '--user', 'ada@staff.example']);
  samToken = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sam', '--user', 'sam@staff.example']);
  server = await startServer({ dataDir: dir, token: adaToken });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const inDays = (n) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
// A birthday `n` days from now, in 1990 (month and day as they fall this year).
const birthdayIn = (n) => `1990-${inDays(n).slice(5)}`;

test('my customers\' birthdays and renewals in the next 14 days, soonest first', async () => {
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const sam = users.find((u) => u.name === 'sam');
  expectStatus(await server.api('POST', '/custom-fields', {
    body: { object_type: 'customer', key: 'renewal_date', label: 'Renewal date', type: 'date' } }), 201);
  const make = async (first, extra) => expectStatus(await server.api('POST', '/customers', {
    body: { first_name: first, owner_id: sam.id, ...extra } }), 201);
  // Not on 29 February: the relative birthdays below must exist in 1990.
  const today = inDays(0);
  const skipLeap = [0, 3, 20].some((n) => inDays(n).endsWith('02-29'));
  const ann = await make('Ann', { birthday: birthdayIn(3) });
  const ben = await make('Ben', { custom_fields: { renewal_date: inDays(1) } });
  const cal = skipLeap ? null : await make('Cal', { birthday: birthdayIn(0) });
  await make('Dee', { birthday: birthdayIn(20), custom_fields: { renewal_date: inDays(30) } });
  await make('Eve', { custom_fields: { renewal_date: inDays(-1) } });
  // Another owner's customer, tomorrow: not Sam's.
  expectStatus(await server.api('POST', '/customers', { body: { first_name: 'Fay', birthday: birthdayIn(1) } }), 201);

  const mine = expectStatus(await server.api('GET', '/home/upcoming-dates', { token: samToken }), 200);
  assert.equal(mine.days, 14);
  const expected = [
    ...(cal ? [{ customer_id: cal.id, display_name: 'Cal', kind: 'birthday', date: today, in_days: 0 }] : []),
    { customer_id: ben.id, display_name: 'Ben', kind: 'renewal', date: inDays(1), in_days: 1 },
    { customer_id: ann.id, display_name: 'Ann', kind: 'birthday', date: inDays(3), in_days: 3 },
  ];
  assert.deepEqual(mine.data, expected);
  // A longer window reaches Dee's birthday and renewal.
  const longer = expectStatus(await server.api('GET', '/home/upcoming-dates?days=31', { token: samToken }), 200);
  assert.deepEqual(longer.data.filter((d) => d.display_name === 'Dee').map((d) => d.kind), ['birthday', 'renewal']);
  // Ada owns none of them.
  assert.deepEqual(expectStatus(await server.api('GET', '/home/upcoming-dates'), 200).data, []);
  // Bad input: named, never a 500.
  expectProblem(await server.api('GET', '/home/upcoming-dates?days=0', { token: samToken }), 422, { field: 'days' });
  expectProblem(await server.api('GET', '/home/upcoming-dates?days=61', { token: samToken }), 422, { field: 'days' });
  expectProblem(await server.api('GET', '/home/upcoming-dates?days=two', { token: samToken }), 422, { field: 'days' });
});
