-- Surveys sent by e-mail and to a filter of customers (docs/design/surveys.md § Sending).

-- mail_outbox carried only the service desk's mail, so every row named a ticket. Survey
-- invitations go through the same queue (one sender, one retry policy, one SMTP relay) but belong
-- to no ticket: ticket_id becomes optional. SQLite cannot drop a NOT NULL in place, so the table
-- is rebuilt with the same columns, rows and indexes; nothing references it.
CREATE TABLE mail_outbox_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- mob_…
  kind TEXT NOT NULL,                      -- reply | rating_request | form_confirmation | survey_invitation
  dedupe_key TEXT NOT NULL UNIQUE,         -- "reply:<tmg id>", "rating:<tkt id>", "survey:<inv id>"
  ticket_id TEXT REFERENCES tickets (id) ON DELETE CASCADE,  -- NULL: mail of no ticket
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
INSERT INTO mail_outbox_new SELECT seq, id, kind, dedupe_key, ticket_id, message_id, customer_id,
  recipients, mail_message_id, attempts, next_attempt_at, state, last_error, created_at, updated_at
  FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX mail_outbox_message ON mail_outbox (message_id) WHERE message_id IS NOT NULL;

-- How an invitation reaches its customer: `link` (the link is handed to the caller once) or
-- `email` (queued in mail_outbox as "survey:<invitation id>"). `no_email` joins the statuses.
ALTER TABLE survey_invitations ADD COLUMN delivery TEXT NOT NULL DEFAULT 'link';
-- Which send (to a filter) or trigger made the invitation, if any.
ALTER TABLE survey_invitations ADD COLUMN send_id TEXT;
CREATE INDEX survey_invitations_send ON survey_invitations (send_id, status) WHERE send_id IS NOT NULL;

-- A send of one survey to every customer a filter selects, worked through in batches by the
-- scheduler's job "survey.send" (key: the send's id), so it survives restarts, never holds the
-- single writer for long, and its progress is committed with each batch. It runs with the access
-- of the user who started it (created_by, scopes): only customers they may read are asked.
CREATE TABLE survey_sends (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- ssd_…
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  filter TEXT NOT NULL,                    -- the filter tree as JSON (docs/design/filters.md)
  delivery TEXT NOT NULL,                  -- email | link
  language TEXT,                           -- en | de; NULL: each customer's own
  expires_in_days INTEGER NOT NULL,
  created_by TEXT NOT NULL,                -- user id ("" for a legacy token)
  scopes TEXT NOT NULL,                    -- JSON array of the token's scopes
  status TEXT NOT NULL,                    -- running | done | failed | cancelled
  total INTEGER NOT NULL,                  -- customers matched when it started
  processed INTEGER NOT NULL DEFAULT 0,
  sent INTEGER NOT NULL DEFAULT 0,
  throttled INTEGER NOT NULL DEFAULT 0,
  no_consent INTEGER NOT NULL DEFAULT 0,
  no_email INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,      -- already holding an open invitation to this survey
  after_seq INTEGER NOT NULL DEFAULT 0,    -- customers.seq of the last customer done
  error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX survey_sends_survey ON survey_sends (survey_id, created_at);

-- Surveys sent by themselves after an event (docs/design/surveys.md § Triggers): at most one
-- trigger per survey; `days` is the delay (order fulfilled + N days) or the quiet spell
-- (M days without a purchase).
ALTER TABLE surveys ADD COLUMN send_trigger TEXT;  -- JSON {"on": …, "days": n} or NULL

-- "You said, we did" (docs/design/surveys.md § Themes): what customers write about, as themes
-- staff name, each with keyword rules that tag answers as they complete, and what the business
-- did about it. answer_themes keeps the answer's time and customer, so counts over time and the
-- customers read scope need no join to the answers.
CREATE TABLE feedback_themes (
  id TEXT PRIMARY KEY,                     -- thm_…
  name TEXT NOT NULL,
  keywords TEXT NOT NULL,                  -- JSON array of folded words or phrases
  we_did TEXT,                             -- what the business changed, for the "we did" half
  we_did_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX feedback_themes_name ON feedback_themes (name COLLATE NOCASE);

CREATE TABLE answer_themes (
  answer_id TEXT NOT NULL REFERENCES survey_answers (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL REFERENCES feedback_themes (id) ON DELETE CASCADE,
  source TEXT NOT NULL,                    -- rule | staff
  customer_id TEXT,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (answer_id, theme_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX answer_themes_theme ON answer_themes (theme_id, answered_at);

-- Open links (docs/design/surveys.md § Open links): one per survey, for a QR code or a website,
-- answered by people Rapport does not know. Only the link token's SHA-256 is kept; making a new
-- link replaces it (the old one stops working). Each start from the link makes an anonymous
-- invitation (customer_id NULL); open_link_asks counts the starts per address and day to resist
-- ballot stuffing, under a key that is the SHA-256 of the address and the survey: no address is
-- stored, and counts of two surveys cannot be joined.
ALTER TABLE surveys ADD COLUMN open_token_hash TEXT;
CREATE UNIQUE INDEX surveys_open_token ON surveys (open_token_hash) WHERE open_token_hash IS NOT NULL;
CREATE TABLE open_link_asks (
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  address_key TEXT NOT NULL,
  day TEXT NOT NULL,                       -- YYYY-MM-DD, UTC
  starts INTEGER NOT NULL,
  PRIMARY KEY (survey_id, address_key, day)
) STRICT, WITHOUT ROWID;
