// The desk's working rules over HTTP: business calendars and SLA policies (admin CRUD, field-named
// 422s, nothing written on bad input), queues naming them, and the SLA clock every ticket carries
// (`sla`), re-evaluated on each change and sortable as the "breaching soon" view.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliOk, createToken, makeDataDir, removeDir, startServer } from './lib/server.mjs';
import { expectStatus, expectProblem } from './lib/expect.mjs';

let dir;
let server;
const tokens = {};

before(async () => {
  dir = makeDataDir();
  cliOk(['user', 'add', '--data-dir', dir, '--email', 'sue@staff.example', '--name', 'sue', '--role', 'support',
    '--password-stdin'], 'a long enough passphrase\n');
  tokens.sue = cliOk(['token', 'create', '--data-dir', dir, '--name', 'sue', '--user', 'sue@staff.example']);
  server = await startServer({ dataDir: dir, token: createToken(dir, 'admin') });
});
after(async () => {
  if (server) await server.stopClean();
  removeDir(dir);
});

const allWeek = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
  .map((day) => [day, [{ start: '00:00', end: '24:00' }]]));

function fieldsOf(problem) {
  return (problem.errors ?? []).map((e) => e.field);
}

test('calendars and policies: admins write them, bad fields are named, nothing is written', async () => {
  const bad = expectProblem(await server.api('POST', '/support/calendars', {
    body: { name: 'Office', time_zone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '25:00' }] } },
  }), 422);
  assert.ok(fieldsOf(bad).includes('week.monday[0].end'), JSON.stringify(bad));
  const badZone = expectProblem(await server.api('POST', '/support/calendars', {
    body: { name: 'Office', time_zone: 'Mars/Olympus', week: allWeek },
  }), 422);
  assert.ok(fieldsOf(badZone).includes('time_zone'));
  const badPolicy = expectProblem(await server.api('POST', '/support/sla-policies', {
    body: { name: 'P', targets: { normal: { first_response: { minutes: 0 } } }, colour: 'red' },
  }), 422);
  assert.ok(fieldsOf(badPolicy).includes('targets.normal.first_response.minutes'));
  assert.ok(fieldsOf(badPolicy).includes('colour'));
  assert.deepEqual(expectStatus(await server.api('GET', '/support/calendars'), 200).data, []);
  assert.deepEqual(expectStatus(await server.api('GET', '/support/sla-policies'), 200).data, []);

  expectProblem(await server.api('POST', '/support/calendars', {
    body: { name: 'Office', time_zone: 'Europe/Berlin', week: allWeek }, token: tokens.sue,
  }), 403);
  const calendar = expectStatus(await server.api('POST', '/support/calendars', {
    body: { name: 'Office', time_zone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } },
  }), 201);
  assert.match(calendar.id, /^cal_/);
  assert.deepEqual(calendar.week.sunday, []);
  const patched = await server.api('PATCH', `/support/calendars/${calendar.id}`, {
    body: { week: allWeek, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] },
    headers: { 'If-Match': '"v1"' },
  });
  assert.equal(expectStatus(patched, 200).version, 2);
  assert.equal(patched.body.holidays[0].name, 'Christmas Day');
  const read = expectStatus(await server.api('GET', `/support/calendars/${calendar.id}`, { token: tokens.sue }), 200);
  assert.equal(read.week.saturday[0].end, '24:00');
});

test('a ticket in a queue carries its SLA clock, re-evaluated on every change', async () => {
  const calendar = expectStatus(await server.api('POST', '/support/calendars', {
    body: { name: 'Around the clock', time_zone: 'UTC', week: allWeek },
  }), 201);
  const policy = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: {
      name: 'Standard', warning_minutes: 10,
      targets: { normal: { first_response: { minutes: 60 }, resolution: { minutes: 480, hours: 'calendar' } } },
    },
  }), 201);
  assert.equal(policy.default, false);
  expectProblem(await server.api('POST', '/queues', { body: { name: 'Nowhere', calendar_id: 'cal_missing' } }), 422);
  const queue = expectStatus(await server.api('POST', '/queues', {
    body: { name: 'Billing', calendar_id: calendar.id, sla_policy_id: policy.id },
  }), 201);
  assert.equal(queue.sla_policy_id, policy.id);
  expectProblem(await server.api('DELETE', `/support/sla-policies/${policy.id}`), 409);

  const ticket = expectStatus(await server.api('POST', '/tickets', {
    body: { subject: 'Invoice', queue_id: queue.id, requester: { email: 'ann@example.com' }, message: { body_text: 'Hi' } },
    token: tokens.sue,
  }), 201);
  assert.equal(ticket.sla.policy_id, policy.id);
  assert.equal(ticket.sla.first_response.state, 'running');
  const created = Date.parse(ticket.created_at);
  assert.equal(Date.parse(ticket.sla.first_response.due_at), created + 60 * 60_000);
  assert.equal(Date.parse(ticket.sla.first_response.warning_at), created + 50 * 60_000);
  assert.equal(ticket.sla.due_at, ticket.sla.first_response.due_at);
  assert.equal(ticket.sla.breached, false);
  assert.equal(ticket.sla.next_response, null);  // the policy sets none

  const other = expectStatus(await server.api('POST', '/tickets', {
    body: { subject: 'No queue', requester: { email: 'ann@example.com' }, message: { body_text: 'Hi' } },
  }), 201);
  assert.equal(other.sla, null);  // no queue policy, no default

  const soon = expectStatus(await server.api('GET', '/tickets?sort=sla_due_at', { token: tokens.sue }), 200);
  assert.deepEqual(soon.data.map((t) => t.id), [ticket.id]);

  const replied = expectStatus(await server.api('POST', `/tickets/${ticket.id}/messages`, {
    body: { body_text: 'Looking into it', status: 'pending' }, token: tokens.sue,
  }), 201);
  assert.equal(replied.ticket.sla.first_response.state, 'met');
  assert.equal(replied.ticket.sla.resolution.state, 'paused');
  assert.ok(replied.ticket.sla.resolution.remaining_seconds > 0);
  assert.equal(replied.ticket.sla.due_at, null);
  const none = expectStatus(await server.api('GET', '/tickets?sort=sla_due_at'), 200);
  assert.deepEqual(none.data, []);
});

test('one default policy applies to tickets whose queue names none', async () => {
  const first = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: { name: 'Fallback', default: true, targets: { high: { first_response: { minutes: 30, hours: 'calendar' } } } },
  }), 201);
  const second = expectStatus(await server.api('POST', '/support/sla-policies', {
    body: { name: 'Fallback 2', default: true, targets: { high: { first_response: { minutes: 15, hours: 'calendar' } } } },
  }), 201);
  assert.equal(expectStatus(await server.api('GET', `/support/sla-policies/${first.id}`), 200).default, false);
  const ticket = expectStatus(await server.api('POST', '/tickets', {
    body: { subject: 'Urgent-ish', priority: 'high', requester: { email: 'bo@example.com' }, message: { body_text: 'x' } },
  }), 201);
  assert.equal(ticket.sla.policy_id, second.id);
  assert.equal(Date.parse(ticket.sla.first_response.due_at), Date.parse(ticket.created_at) + 15 * 60_000);
  // Lowering the priority re-targets: `normal` has no target in this policy.
  const lowered = expectStatus(await server.api('PATCH', `/tickets/${ticket.id}`, { body: { priority: 'normal' } }), 200);
  assert.equal(lowered.sla.first_response, null);
  assert.equal(lowered.sla.due_at, null);
});

test('routing rules send a queue-less ticket to the first matching rule, round robin assigns it', async () => {
  const team = expectStatus(await server.api('POST', '/teams', { body: { name: 'Billing desk' } }), 201);
  const sue = expectStatus(await server.api('GET', '/support/agents/me', { token: tokens.sue }), 200);
  assert.equal(sue.available, false);
  expectStatus(await server.api('PATCH', `/users/${sue.user_id}`, { body: { teams: [team.id] } }), 200);
  const queue = expectStatus(await server.api('POST', '/queues', {
    body: { name: 'Refunds', team_id: team.id, assignment: 'round_robin', agent_cap: 1 },
  }), 201);
  const bad = expectProblem(await server.api('POST', '/support/routing-rules', {
    body: { name: 'bad', conditions: { channel: ['fax'] }, queue_id: 'que_nope' },
  }), 422);
  assert.deepEqual(fieldsOf(bad).sort(), ['conditions.channel', 'queue_id']);
  expectProblem(await server.api('POST', '/support/routing-rules', {
    body: { name: 'mine', conditions: {}, queue_id: queue.id }, token: tokens.sue,
  }), 403);
  const rule = expectStatus(await server.api('POST', '/support/routing-rules', {
    body: { name: 'Refund words', position: 5, conditions: { keywords: ['refund'] }, queue_id: queue.id, tags: ['refund'] },
  }), 201);
  assert.equal(rule.priority, null);

  const open = (subject) => server.api('POST', '/tickets', {
    body: { subject, requester: { email: 'rita@example.com' }, message: { body_text: 'please' } }, token: tokens.sue,
  });
  const unassigned = expectStatus(await open('A REFUND please'), 201);
  assert.equal(unassigned.queue_id, queue.id);
  assert.deepEqual(unassigned.tags, ['refund']);
  assert.equal(unassigned.assignee_id, null);  // sue has not said she is available

  expectProblem(await server.api('PUT', '/support/agents/me', { body: { available: 'yes' }, token: tokens.sue }), 422);
  const now = expectStatus(await server.api('PUT', '/support/agents/me', { body: { available: true }, token: tokens.sue }), 200);
  assert.equal(now.available, true);
  const assigned = expectStatus(await open('Refund again'), 201);
  assert.equal(assigned.assignee_id, sue.user_id);
  const capped = expectStatus(await open('Refund the third'), 201);
  assert.equal(capped.assignee_id, null);  // agent_cap 1
  const other = expectStatus(await open('Hello'), 201);
  assert.equal(other.queue_id, null);  // no rule matched
});

test('canned replies render merge fields as plain text for the composer', async () => {
  const bad = expectProblem(await server.api('POST', '/support/canned-replies', {
    body: { name: 'x', body: 'Hi {{customer.nickname}}' }, token: tokens.sue,
  }), 422);
  assert.deepEqual(fieldsOf(bad), ['body']);
  assert.match(bad.errors[0].message, /customer\.nickname/);
  const reply = expectStatus(await server.api('POST', '/support/canned-replies', {
    body: { name: 'Thanks', body: 'Hi {{customer.first_name}}, <b>#{{ticket.number}}</b> is solved. {{agent.name}}',
      actions: { status: 'solved', add_tags: ['done'] } },
    token: tokens.sue,
  }), 201);
  assert.equal(reply.shared, false);
  const ticket = expectStatus(await server.api('POST', '/tickets', {
    body: { subject: 'Thanks', requester: { email: 'zoe@example.com', name: 'Zoe Quinn' }, message: { body_text: 'x' } },
  }), 201);
  const rendered = expectStatus(await server.api('POST', `/tickets/${ticket.id}/canned-replies/${reply.id}/render`,
    { token: tokens.sue }), 200);
  assert.equal(rendered.body, `Hi Zoe, <b>#${ticket.number}</b> is solved. sue`);
  assert.deepEqual(rendered.actions, { status: 'solved', add_tags: ['done'] });
  // Personal: the admin's token (another user) neither lists nor renders it.
  const theirs = expectStatus(await server.api('GET', '/support/canned-replies'), 200);
  assert.ok(!theirs.data.some((r) => r.id === reply.id));
  expectProblem(await server.api('POST', `/tickets/${ticket.id}/canned-replies/${reply.id}/render`), 404);
});
