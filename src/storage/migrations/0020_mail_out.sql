-- Mail going out of the service desk (docs/design/mail_out.md) and the satisfaction ratings it
-- asks for (docs/design/public_tokens.md, docs/api.md). Child tables carry customer_id (DESIGN §7).

-- One row per e-mail to send. Queued by the support area's event subscriber in the same
-- transaction as its saved position, so replaying the outbox never queues a mail twice (and the
-- unique event_id makes a second insert for one purpose a no-op besides). The sender thread moves a
-- row queued -> sending (attempt counted) -> sent | queued again (with next_attempt_at backed
-- off) | failed. `mail_message_id` is the Message-ID header, fixed when the row is queued, so
-- every retry of one mail carries the same id and a repeat is recognisable.
CREATE TABLE mail_outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- mob_…
  kind TEXT NOT NULL,                      -- reply | rating_request | form_confirmation
  dedupe_key TEXT NOT NULL UNIQUE,         -- what it is for: "reply:<tmg id>", "rating:<tkt id>", …
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  message_id TEXT,                         -- ticket_messages.id for a reply
  customer_id TEXT NOT NULL,
  recipients TEXT NOT NULL,                -- JSON {"to": [addr], "cc": [addr]}
  mail_message_id TEXT NOT NULL UNIQUE,    -- the Message-ID header, without <>
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,           -- RFC 3339 UTC, milliseconds
  state TEXT NOT NULL,                     -- queued | sending | sent | failed
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- The sender's work list: what is due, soonest first.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX mail_outbox_message ON mail_outbox (message_id) WHERE message_id IS NOT NULL;

-- A customer's answer to "How did we do?": one per ticket, for ever (the link works once).
CREATE TABLE ticket_ratings (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  score TEXT NOT NULL,                     -- good | bad
  comment TEXT,
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX ticket_ratings_customer ON ticket_ratings (customer_id, created_at);
