// `rapport demo` writes in large batches, but every record goes through the API's own write
// paths: a demo customer's record, search entry, overview figures (kept by the metrics
// subscriber) and value (kept by the order path) are exactly those of a twin built from the same
// bodies through the API. Its staff sign in with the password it printed once, and each sees
// the customers their role allows.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDataDir, removeDir, runCli, startServer, waitFor } from './lib/server.mjs';
import { expectStatus, listAll } from './lib/expect.mjs';

const CUSTOMERS = 40;
let dir;
let server;
let demoOutput;

before(async () => {
  dir = makeDataDir();
  const r = runCli(['demo', '--data-dir', dir, '--customers', String(CUSTOMERS), '--seed', '7'], { timeoutMs: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  demoOutput = r.stdout;
  server = await startServer({ dataDir: dir });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const get = async (p) => expectStatus(await server.api('GET', p), 200, `GET ${p}`);
const post = async (p, body) => expectStatus(await server.api('POST', p, { body }), 201, `POST ${p}`);

function pick(record, keys) {
  const out = {};
  for (const key of keys) if (record[key] !== null && record[key] !== undefined) out[key] = record[key];
  return out;
}

// The input that recreates a served customer (e-mail addresses are unique, so the twin's get a
// prefix); what the server stamps or derives is left out.
function customerInput(customer) {
  const input = pick(customer, ['first_name', 'last_name', 'phones', 'addresses', 'birthday', 'language',
    'time_zone', 'lifecycle_stage', 'relationship_type', 'preferred_channel', 'tags', 'company_id', 'owner_id']);
  input.emails = customer.emails.map((e) => ({ ...e, address: `twin.${e.address}` }));
  input.consent = {};
  for (const [channel, purposes] of Object.entries(customer.consent)) {
    for (const [purpose, c] of Object.entries(purposes)) {
      if (c.status === 'unknown') continue;
      input.consent[channel] ??= {};
      input.consent[channel][purpose] = pick(c, ['status', 'source', 'wording_version']);
    }
  }
  return input;
}

// What must be equal between the demo customer and the twin.
function comparable(customer) {
  const { id, created_at, updated_at, external_id, ...rest } = customer;
  rest.emails = customer.emails.map((e) => ({ ...e, address: e.address.replace(/^twin\./, '') }));
  rest.consent = JSON.parse(JSON.stringify(customer.consent, (k, v) => (k === 'recorded_at' ? undefined : v)));
  return rest;
}

const entryFields = ['channel', 'direction', 'kind', 'subject', 'body', 'occurred_at', 'duration_seconds',
  'staff_id', 'sentiment', 'external_ref'];

test('a demo customer looks exactly like its twin created through the API', async () => {
  const { items } = await listAll(server, '/customers');
  assert.equal(items.length, CUSTOMERS);
  // A company member with orders and a timeline, so that every projection takes part.
  let demo;
  let value;
  for (const c of items) {
    value = await get(`/customers/${c.id}/value`);
    if (c.company_id && value.order_count >= 2) {
      demo = c;
      break;
    }
  }
  assert.ok(demo, 'seed 7 has a company member with at least two orders');
  const timeline = (await listAll(server, `/customers/${demo.id}/timeline`)).items;
  const orders = (await listAll(server, `/customers/${demo.id}/orders`)).items;
  assert.equal(orders.length, value.order_count);
  const overview = await get(`/customers/${demo.id}/overview`);
  // The metrics subscriber saw every entry of the timeline before `demo` returned.
  assert.equal(overview.interaction_total, timeline.length);
  assert.ok(timeline.some((e) => !e.metadata?.order_id), 'hand-logged entries too');

  // The twin: the same customer, hand-logged entries and orders, one API call each, oldest first.
  const twin = await post('/customers', customerInput(demo));
  for (const entry of [...timeline].reverse()) {
    if (entry.metadata?.order_id) continue;  // the order below puts it on the timeline
    await post(`/customers/${twin.id}/interactions`, { ...pick(entry, entryFields), metadata: entry.metadata });
  }
  for (const listed of [...orders].reverse()) {
    const order = await get(`/orders/${listed.id}`);
    await post(`/customers/${twin.id}/orders`, {
      ...pick(order, ['placed_at', 'currency', 'channel', 'status', 'notes']),
      lines: order.lines.map((l) => pick(l, ['sku', 'quantity', 'discount'])),
    });
  }

  assert.deepEqual(comparable(await get(`/customers/${twin.id}`)), comparable(await get(`/customers/${demo.id}`)));
  const twinOverview = await waitFor(async () => {
    const o = await get(`/customers/${twin.id}/overview`);
    return o.interaction_total === timeline.length && o;
  }, { message: 'the twin\'s metrics catch up' });
  for (const key of ['interaction_counts', 'interaction_total', 'last_contact_at', 'value']) {
    assert.deepEqual(twinOverview[key], overview[key], key);
  }
  // An order's entry names the order by its number, which is the twin's own.
  const entries = (o) => o.timeline.map((e) => ({ ...pick(e, entryFields), subject: e.subject?.replace(/#\d+/, '#…') }));
  assert.deepEqual(entries(twinOverview), entries(overview));
  assert.deepEqual(await get(`/customers/${twin.id}/value`), value);
  assert.deepEqual(comparable(twinOverview.customer), comparable(overview.customer));

  // Both are in the search index, under their name and their company's customers.
  const found = await get(`/customers?q=${encodeURIComponent(demo.last_name)}&limit=200`);
  const ids = found.data.map((c) => c.id);
  assert.ok(ids.includes(demo.id), 'the demo customer is found by name');
  assert.ok(ids.includes(twin.id), 'the twin is found by name');
});

test('demo staff sign in with the printed password and see the customers their role allows', async () => {
  const password = demoOutput.match(/^ {2}password: (\S+)$/m)?.[1];
  assert.ok(password, `the password is printed once:\n${demoOutput}`);
  const signIn = async (email) => {
    assert.ok(demoOutput.includes(email), `${email} is printed`);
    const res = await server.api('POST', '/auth/login', { token: null, body: { email, password } });
    expectStatus(res, 200, `sign in as ${email}`);
    const cookie = res.headers['set-cookie'].split(';')[0];
    return (p) => server.api('GET', p, { token: null, headers: { cookie } });
  };
  const { items: everyone } = await listAll(server, '/customers');
  const users = expectStatus(await server.api('GET', '/users'), 200).data;
  const teams = expectStatus(await server.api('GET', '/teams'), 200).data;
  const salesTeam = teams.find((t) => t.name === 'Sales');
  assert.ok(salesTeam && teams.some((t) => t.name === 'Support'), 'both demo teams exist');
  const salesPeople = new Set(users.filter((u) => u.teams.includes(salesTeam.id)).map((u) => u.id));
  const teamCustomers = everyone.filter((c) => salesPeople.has(c.owner_id)).map((c) => c.id).sort();
  assert.ok(teamCustomers.length > 0 && teamCustomers.length < everyone.length,
    'some customers belong to the Sales team, and some do not');

  // A sales agent: only the Sales team's customers; another's customer is not found.
  const jonas = await signIn('jonas.sales@rapport.example');
  const seen = [];
  for (let cursor = null; ;) {
    const page = expectStatus(await jonas(`/customers?limit=200${cursor ? `&cursor=${cursor}` : ''}`), 200);
    seen.push(...page.data.map((c) => c.id));
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  assert.deepEqual(seen.sort(), teamCustomers);
  const outsider = everyone.find((c) => !salesPeople.has(c.owner_id));
  assert.equal((await jonas(`/customers/${outsider.id}`)).status, 404);

  // Support reads every customer.
  const priya = await signIn('priya.support@rapport.example');
  const support = expectStatus(await priya('/customers?limit=200'), 200);
  assert.equal(support.data.length, everyone.length);
});
