// Staff tasks (docs/design/tasks.md): create, read, list "my tasks" by due window, complete with
// an outcome, access by assignee and linked customer, the customer's timeline, and reminders
// that reach the assignee live on the staff stream — once, and after a restart too.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, makeDataDir, removeDir, startServer, createToken, waitFor } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

const PASSWORD = 'a long enough passphrase';
let dir;
let server;
const tokens = {};
const userIds = {};

before(async () => {
  dir = makeDataDir();
  for (const [name, role] of [['ada', 'admin'], ['sal', 'sales'], ['tom', 'sales'], ['vic', 'viewer']]) {
    cliOk(['user', 'add', '--data-dir', dir, '--email', `${name}@staff.example`, '--name', name,
      '--role', role, '--password-stdin'], `${PASSWORD}\n`);
    tokens[name] = cliOk(['token', 'create', '--data-dir', dir, '--name', name, '--user', `${name}@staff.example`]);
  }
  server = await startServer({ dataDir: dir, token: tokens.ada });
  for (const user of expectStatus(await server.api('GET', '/users'), 200).data) {
    userIds[user.email.split('@')[0]] = user.id;
  }
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const as = (name) => ({ token: tokens[name] });
const inMinutes = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString();

async function customerOf(owner, first_name) {
  return expectStatus(await server.api('POST', '/customers', { body: { first_name, owner_id: userIds[owner] } }), 201);
}

function openStream(name) {
  const url = `${server.baseUrl.replace('http:', 'ws:')}/api/v1/stream`;
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${tokens[name]}` } });
  const client = { ws, frames: [] };
  ws.onmessage = (message) => client.frames.push(JSON.parse(message.data));
  client.ready = waitFor(() => client.frames.find((f) => f.type === 'ready'), { message: `${name}: no ready frame` });
  client.events = (type) => client.frames.filter((f) => f.type === 'event' && f.event.type === type).map((f) => f.event);
  return client;
}

test('a task is created for its author, read back with an ETag, and bad input names the field', async () => {
  const ann = await customerOf('sal', 'Ann');
  const res = await server.api('POST', '/tasks', { ...as('sal'), body: {
    title: 'Call Ann about the late parcel', due_at: inMinutes(60), customer_id: ann.id, priority: 'high',
    notes: 'She prefers mornings.' } });
  const task = expectStatus(res, 201);
  assert.equal(res.headers.location, `/api/v1/tasks/${task.id}`);
  assert.equal(task.assignee_id, userIds.sal);
  assert.equal(task.creator_id, userIds.sal);
  assert.equal(task.status, 'open');
  const read = await server.api('GET', `/tasks/${task.id}`, as('sal'));
  assert.deepEqual(expectStatus(read, 200), task);
  assert.equal(read.headers.etag, '"v1"');

  for (const [body, field] of [
    [{ due_at: inMinutes(5) }, 'title'],
    [{ title: 'x' }, 'due_at'],
    [{ title: 'x', due_at: 'next tuesday' }, 'due_at'],
    [{ title: 'x'.repeat(201), due_at: inMinutes(5) }, 'title'],
    [{ title: 'x', due_at: inMinutes(5), priority: 'whenever' }, 'priority'],
    [{ title: 'x', due_at: inMinutes(5), assignee_id: 'usr_nobody' }, 'assignee_id'],
    [{ title: 'x', due_at: inMinutes(5), customer_id: 'cus_nobody' }, 'customer_id'],
    [{ title: 'x', due_at: inMinutes(5), mood: 'great' }, 'mood'],
  ]) {
    expectProblem(await server.api('POST', '/tasks', { ...as('sal'), body }), 422, { field });
  }
  const mine = expectStatus(await server.api('GET', '/tasks?assignee=me', as('sal')), 200);
  assert.deepEqual(mine.data.map((t) => t.id), [task.id], 'refused creates left nothing behind');
});

test('my tasks split into overdue, today and upcoming, and page by due time', async () => {
  const made = {};
  for (const [name, minutes] of [['overdue', -30], ['today', 30], ['upcoming', 3 * 24 * 60]]) {
    made[name] = expectStatus(await server.api('POST', '/tasks', { ...as('tom'), body: {
      title: `Tom ${name}`, due_at: inMinutes(minutes) } }), 201);
  }
  const dayEnd = encodeURIComponent(inMinutes(120));
  for (const due of ['overdue', 'today', 'upcoming']) {
    const page = expectStatus(await server.api('GET', `/tasks?assignee=me&due=${due}&day_end=${dayEnd}`, as('tom')), 200);
    assert.deepEqual(page.data.map((t) => t.id), [made[due].id], due);
  }
  const first = expectStatus(await server.api('GET', '/tasks?assignee=me&limit=2', as('tom')), 200);
  assert.equal(first.data.length, 2);
  assert.equal(first.data[0].id, made.overdue.id);
  const second = expectStatus(await server.api('GET', `/tasks?assignee=me&limit=2&cursor=${encodeURIComponent(first.next_cursor)}`, as('tom')), 200);
  assert.deepEqual(second.data.map((t) => t.id), [made.upcoming.id]);
  assert.equal(second.next_cursor, null);
  expectProblem(await server.api('GET', '/tasks?due=someday', as('tom')), 422, { field: 'due' });
  expectProblem(await server.api('GET', '/tasks?status=finished', as('tom')), 422, { field: 'status' });
});

test('a task is read only by those whose tasks level reaches its assignee and who read its customer', async () => {
  const zed = await customerOf('ada', 'Zed');
  const sals = expectStatus(await server.api('POST', '/tasks', { ...as('sal'), body: { title: 'Private', due_at: inMinutes(10) } }), 201);
  // An administrator's task for sal about a customer sal may not read.
  const about = expectStatus(await server.api('POST', '/tasks', { body: {
    title: 'About Zed', due_at: inMinutes(10), assignee_id: userIds.sal, customer_id: zed.id } }), 201);
  expectProblem(await server.api('GET', `/tasks/${sals.id}`, as('tom')), 404);
  expectProblem(await server.api('GET', `/tasks/${sals.id}`, as('vic')), 404);
  expectProblem(await server.api('GET', `/tasks/${about.id}`, as('sal')), 404);
  const list = expectStatus(await server.api('GET', `/tasks?assignee=${userIds.sal}`, as('sal')), 200);
  assert.ok(!list.data.some((t) => t.id === about.id), 'the list hides it too');
  expectStatus(await server.api('GET', `/tasks/${about.id}`), 200);
  expectProblem(await server.api('PATCH', `/tasks/${sals.id}`, { ...as('tom'), body: { status: 'done' } }), 404);
  // Sales edit their own tasks only: handing one to a colleague is a manager's move.
  expectProblem(await server.api('PATCH', `/tasks/${sals.id}`, { ...as('sal'), body: { assignee_id: userIds.tom } }), 403);
});

test('completing a task records its outcome, honours If-Match, and shows on the customer timeline', async () => {
  const bea = await customerOf('sal', 'Bea');
  const task = expectStatus(await server.api('POST', '/tasks', { ...as('sal'), body: {
    title: 'Follow up on the refund', due_at: inMinutes(60), customer_id: bea.id } }), 201);
  expectProblem(await server.api('PATCH', `/tasks/${task.id}`, { ...as('sal'), headers: { 'if-match': '"v9"' },
    body: { status: 'done' } }), 412);
  expectProblem(await server.api('PATCH', `/tasks/${task.id}`, { ...as('sal'), body: { status: 'finished' } }), 422, { field: 'status' });
  const done = expectStatus(await server.api('PATCH', `/tasks/${task.id}`, { ...as('sal'), headers: { 'if-match': '"v1"' },
    body: { status: 'done', outcome: 'called, refunded shipping' } }), 200);
  assert.equal(done.status, 'done');
  assert.equal(done.outcome, 'called, refunded shipping');
  assert.equal(done.version, 2);
  const timeline = expectStatus(await server.api('GET', `/customers/${bea.id}/timeline`, as('sal')), 200);
  const kinds = timeline.data.map((entry) => entry.kind);
  assert.ok(kinds.includes('task_created') && kinds.includes('task_completed'), JSON.stringify(kinds));
  const customerTasks = expectStatus(await server.api('GET', `/tasks?customer_id=${bea.id}`, as('sal')), 200);
  assert.deepEqual(customerTasks.data.map((t) => t.id), [task.id]);
  expectProblem(await server.api('DELETE', `/tasks/${task.id}`, { ...as('sal'), headers: { 'if-match': '"v1"' } }), 412);
  expectStatus(await server.api('DELETE', `/tasks/${task.id}`, { ...as('sal'), headers: { 'if-match': '"v2"' } }), 204);
  expectProblem(await server.api('GET', `/tasks/${task.id}`, as('sal')), 404);
});

test('a reminder reaches its assignee live on the stream, once, and no one who may not read the task', async () => {
  const sal = openStream('sal');
  const tom = openStream('tom');
  await Promise.all([sal.ready, tom.ready]);
  const task = expectStatus(await server.api('POST', '/tasks', { ...as('sal'), body: {
    title: 'Ring back in a moment', due_at: inMinutes(60), remind_at: new Date(Date.now() + 1500).toISOString() } }), 201);
  const reminder = await waitFor(() => sal.events('task.reminder').find((e) => e.payload.task.id === task.id),
    { message: 'no task.reminder for sal', timeoutMs: 15_000 });
  assert.equal(reminder.payload.reason, 'reminder');
  assert.equal(reminder.payload.task.title, 'Ring back in a moment');
  assert.equal(reminder.payload.task.notes, undefined, 'events carry no notes');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(sal.events('task.reminder').filter((e) => e.payload.task.id === task.id).length, 1);
  assert.equal(tom.events('task.reminder').length, 0);
  assert.equal(tom.events('task.created').filter((e) => e.payload.task.id === task.id).length, 0);
  sal.ws.close();
  tom.ws.close();
});

test('a reminder due while the server is down is sent once after the restart', async () => {
  const task = expectStatus(await server.api('POST', '/tasks', { ...as('sal'), body: {
    title: 'While we were out', due_at: inMinutes(60), remind_at: new Date(Date.now() + 2000).toISOString() } }), 201);
  await server.stopClean({ keepDataDir: true });
  await new Promise((resolve) => setTimeout(resolve, 2500));
  server = await startServer({ dataDir: dir, token: tokens.ada });
  const reminders = async () => {
    const feed = expectStatus(await server.api('GET', '/events?after=0&limit=1000'), 200);
    return feed.data.filter((e) => e.type === 'task.reminder' && e.payload.task.id === task.id);
  };
  await waitFor(async () => (await reminders()).length > 0, { message: 'no reminder after the restart', timeoutMs: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal((await reminders()).length, 1);
});
