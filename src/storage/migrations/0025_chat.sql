-- Live chat (docs/design/chat.md): conversations between a website visitor and the desk, their
-- messages with a per-conversation sequence number (catch-up after a reconnect asks for the
-- messages after the last one seen), and the chat's settings (allowed website origins, the
-- identity-verification secret, routing limits). Message text lives only here, never in events.

CREATE TABLE chat_conversations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  visitor_id TEXT NOT NULL,               -- the signed visitor id's id part (vis_…)
  customer_id TEXT REFERENCES customers (id) ON DELETE SET NULL,  -- only once verified
  queue_id TEXT REFERENCES queues (id) ON DELETE SET NULL,
  state TEXT NOT NULL,                    -- bot | waiting | active | ended
  assignee_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  claimed_name TEXT,                      -- the pre-chat form: a claim, never merged
  claimed_email TEXT,
  page_url TEXT,
  origin TEXT,
  rating TEXT,                            -- good | bad
  rating_comment TEXT,
  ticket_id TEXT REFERENCES tickets (id) ON DELETE SET NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,    -- the highest message seq
  visitor_read_seq INTEGER NOT NULL DEFAULT 0,
  agent_read_seq INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  accepted_at TEXT,
  ended_at TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX chat_conversations_visitor ON chat_conversations (visitor_id, started_at);
CREATE INDEX chat_conversations_state ON chat_conversations (state, queue_id, started_at, id);
CREATE INDEX chat_conversations_assignee ON chat_conversations (assignee_id, state, started_at);
CREATE INDEX chat_conversations_customer ON chat_conversations (customer_id, started_at);

CREATE TABLE chat_messages (
  seq INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,                -- 1, 2, … within the conversation
  author_kind TEXT NOT NULL,              -- visitor | agent | bot | system
  author_id TEXT,                         -- the agent's user id
  text TEXT NOT NULL,
  attachment_ids TEXT NOT NULL DEFAULT '[]',
  client_id TEXT,                         -- the sender's id for an idempotent resend
  created_at TEXT NOT NULL,
  UNIQUE (conversation_id, number)
) STRICT;
CREATE UNIQUE INDEX chat_messages_client ON chat_messages (conversation_id, client_id)
  WHERE client_id IS NOT NULL;

-- One row. The identity secret is handed to admins (GET /api/v1/chat/settings) for the website's
-- server to sign with; rotating keeps the previous one valid until the next rotation.
CREATE TABLE chat_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  queue_id TEXT REFERENCES queues (id) ON DELETE SET NULL,
  max_concurrent INTEGER NOT NULL DEFAULT 3,
  identity_secret TEXT NOT NULL,
  previous_identity_secret TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO chat_settings (id, identity_secret, updated_at)
  VALUES (1, lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
