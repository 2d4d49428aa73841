-- The service desk (docs/design/support.md): queues, tickets with their tags and followers, and
-- the conversation of messages. Child tables carry customer_id so that a distributed engine
-- co-locates them with their customer (DESIGN §7). Inbox views page by (updated_at, id) under an
-- equality prefix, each with the index that makes a page of 50 read 51 entries.

CREATE TABLE queues (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,          -- lower-cased: names are unique ignoring case
  email TEXT,
  email_key TEXT UNIQUE,                  -- email_key(email): one queue per mailbox
  team_id TEXT REFERENCES teams (id) ON DELETE SET NULL,
  default_priority TEXT NOT NULL DEFAULT 'normal',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE tickets (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  number INTEGER NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  requester TEXT,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  type TEXT,
  channel TEXT NOT NULL,
  queue_id TEXT REFERENCES queues (id),
  assignee_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  custom_fields TEXT NOT NULL DEFAULT '{}',
  merged_into TEXT REFERENCES tickets (id),
  linked_ticket_id TEXT REFERENCES tickets (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  first_response_at TEXT,
  solved_at TEXT,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX tickets_inbox_assignee ON tickets (status, assignee_id, updated_at, id);
CREATE INDEX tickets_inbox_queue ON tickets (queue_id, status, updated_at, id);
CREATE INDEX tickets_customer ON tickets (customer_id, updated_at, id);
CREATE INDEX tickets_updated ON tickets (updated_at, id);
-- Auto-close walks the solved tickets by how long ago they were solved.
CREATE INDEX tickets_solved ON tickets (solved_at) WHERE status = 'solved';

CREATE TABLE ticket_tags (
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (ticket_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX ticket_tags_tag ON ticket_tags (tag, ticket_id);

CREATE TABLE ticket_followers (
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (ticket_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ticket_followers_user ON ticket_followers (user_id, ticket_id);

CREATE TABLE ticket_messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  kind TEXT NOT NULL,                     -- reply | note
  author_type TEXT NOT NULL,              -- customer | staff | system
  author_id TEXT,
  body_text TEXT NOT NULL,
  body_html TEXT,                         -- raw, as received; rendered only through a sanitiser
  message_id TEXT,
  in_reply_to TEXT,
  "references" TEXT NOT NULL DEFAULT '[]',
  delivery TEXT,                          -- queued | sent | failed (outbound email replies)
  delivery_error TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, created_at, seq);
-- A mail delivered twice (same Message-ID) is recognised per customer.
CREATE UNIQUE INDEX ticket_messages_message_id ON ticket_messages (customer_id, message_id)
  WHERE message_id IS NOT NULL;

INSERT INTO counters (name, next_value) VALUES ('ticket_number', 1001);
