-- Chat ratings count in the desk's satisfaction report beside ticket ratings (docs/design/
-- chat.md § Ratings in reports): the report counts the ratings given in its range, so a
-- conversation records when it was rated. Ratings given before this column existed take the
-- conversation's end (or last change) as their time.
ALTER TABLE chat_conversations ADD COLUMN rated_at TEXT;
UPDATE chat_conversations SET rated_at = COALESCE(ended_at, updated_at) WHERE rating IS NOT NULL;
CREATE INDEX chat_conversations_rated ON chat_conversations (rated_at) WHERE rated_at IS NOT NULL;
CREATE INDEX chat_conversations_ended ON chat_conversations (ended_at) WHERE ended_at IS NOT NULL;

-- Files in the chat, both ways (docs/design/chat.md § Files), under the service desk's attachment
-- rules: the bytes in the same content-addressed blob store as ticket attachments (named by
-- sha256, so the desk's sweep keeps a blob either table names), the safe name, the type sniffed
-- from the bytes. An upload is bound to the message that names it (message_number); uploads no
-- message named are removed after a day. The message keeps [{id, name, type, size}] of its files
-- in chat_messages.attachment_ids.
CREATE TABLE chat_attachments (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                -- caf_…
  conversation_id TEXT NOT NULL REFERENCES chat_conversations (id) ON DELETE CASCADE,
  message_number INTEGER,                 -- the message's seq; NULL until a message names it
  author_kind TEXT NOT NULL,              -- visitor | agent: who uploaded it
  uploaded_by TEXT,                       -- the agent's user id
  sha256 TEXT NOT NULL,
  name TEXT NOT NULL,                     -- SafeFilename: never a path
  type TEXT NOT NULL,                     -- sniffed from the bytes, never the client's word
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX chat_attachments_conversation ON chat_attachments (conversation_id, message_number);
CREATE INDEX chat_attachments_sha ON chat_attachments (sha256);
CREATE INDEX chat_attachments_unsent ON chat_attachments (created_at) WHERE message_number IS NULL;
