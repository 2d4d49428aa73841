-- The desk's working rules (docs/design/scheduler.md, docs/design/sla.md § Wiring): the scheduler's
-- jobs, business calendars and SLA policies, which ones a queue uses, each ticket's status history
-- (what the SLA clock is evaluated over), its evaluated due times, and the warnings and breaches
-- already announced (each exactly once per ticket, target and cycle).

-- One pending job per (kind, key); a job exists iff the change that scheduled it committed.
CREATE TABLE scheduled_jobs (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  due_at TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (kind, key)
) STRICT;
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (due_at);

CREATE TABLE business_calendars (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,                     -- the calendar JSON (src/support/sla/calendar_json.hpp)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE sla_policies (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,                     -- the policy JSON (src/support/sla/sla_policy.hpp)
  is_default INTEGER NOT NULL DEFAULT 0,  -- for tickets whose queue names no policy
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX sla_policies_default ON sla_policies (is_default) WHERE is_default = 1;

ALTER TABLE queues ADD COLUMN calendar_id TEXT REFERENCES business_calendars (id);
ALTER TABLE queues ADD COLUMN sla_policy_id TEXT REFERENCES sla_policies (id);

-- Every status a ticket entered, with when: the clock's history besides the messages.
CREATE TABLE ticket_status_changes (
  seq INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  status TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX ticket_status_changes_ticket ON ticket_status_changes (ticket_id, at, seq);

-- The evaluated clock, rewritten after every change of the ticket (no version bump): `sla` is
-- the served object, `sla_due_at` the earliest due time of a target still owed (the "breaching
-- soon" view sorts on it).
ALTER TABLE tickets ADD COLUMN sla_policy_id TEXT;
ALTER TABLE tickets ADD COLUMN sla TEXT;
ALTER TABLE tickets ADD COLUMN sla_due_at TEXT;
ALTER TABLE tickets ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_sla_due ON tickets (sla_due_at, id) WHERE sla_due_at IS NOT NULL;

-- Warnings and breaches announced: the key makes each one happen once.
CREATE TABLE ticket_sla_notices (
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  target TEXT NOT NULL,                   -- first_response | next_response | resolution
  cycle INTEGER NOT NULL,
  notice TEXT NOT NULL,                   -- warning | breached
  due_at TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, target, cycle, notice)
) STRICT, WITHOUT ROWID;
-- breaches_30d counts a customer's recent breaches.
CREATE INDEX ticket_sla_breaches_customer ON ticket_sla_notices (customer_id, at)
  WHERE notice = 'breached';

-- Tickets from before this migration: their current status since their last change (the
-- closest history there is; their clocks start counting from the next change on).
INSERT INTO ticket_status_changes (ticket_id, customer_id, status, at)
  SELECT id, customer_id, status, updated_at FROM tickets WHERE status <> 'new';

-- Round robin (docs/design/support.md § Assignment): a queue that assigns by turn gives each new
-- unassigned ticket to the next of its team's available agents under the cap; the turn is kept
-- here so it stays fair across restarts.
ALTER TABLE queues ADD COLUMN assignment TEXT NOT NULL DEFAULT 'manual';  -- manual | round_robin
ALTER TABLE queues ADD COLUMN agent_cap INTEGER NOT NULL DEFAULT 20;      -- open tickets per agent
ALTER TABLE queues ADD COLUMN last_assignee_id TEXT;                      -- whose turn it was

-- Agents say whether they take new tickets; no row is "not available".
CREATE TABLE agent_availability (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  available INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Routing rules (src/support/routing.hpp): tried in `position` order on a ticket opened without a
-- queue; the first whose conditions all hold names its queue. `spec` is the rule's JSON.
CREATE TABLE routing_rules (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  spec TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Canned replies (src/support/canned_replies.hpp): shared (owner_id NULL) or one agent's own.
CREATE TABLE canned_replies (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  owner_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  actions TEXT NOT NULL DEFAULT '{}',     -- {status?, priority?, add_tags?}
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX canned_replies_owner ON canned_replies (owner_id, name);
