-- Mail in and attachments (docs/design/mail_in.md, docs/design/support.md § Attachments).

-- A file on a ticket. The bytes live in the content-addressed blob store under the data directory
-- (storage/blob_store.hpp), named by sha256; a row is an upload (message_id NULL until a message
-- names it; removed after a day otherwise) or part of a message. An attachment of a received mail
-- that was over the size limit is kept as a row without bytes (sha256 NULL, dropped = the reason).
CREATE TABLE ticket_attachments (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  message_id TEXT REFERENCES ticket_messages (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  sha256 TEXT,
  name TEXT NOT NULL,                     -- SafeFilename: never a path
  type TEXT NOT NULL,                     -- sniffed from the bytes, never the sender's word
  size INTEGER NOT NULL,
  inline_cid TEXT,                        -- an inline image's Content-ID (cid: in the HTML)
  dropped TEXT,                           -- why the bytes were not kept ("too_large")
  uploaded_by TEXT,                       -- the staff user of an API upload
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX ticket_attachments_message ON ticket_attachments (message_id);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id, seq);
CREATE INDEX ticket_attachments_sha ON ticket_attachments (sha256) WHERE sha256 IS NOT NULL;
-- The sweep of uploads no message named.
CREATE INDEX ticket_attachments_unreferenced ON ticket_attachments (created_at)
  WHERE message_id IS NULL;

-- People CC'd on a ticket's mail: their replies thread onto it (the requester's and staff's do
-- anyway). address_key is customers' email key, so every spelling of one mailbox is one row.
CREATE TABLE ticket_participants (
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  address_key TEXT NOT NULL,
  address TEXT NOT NULL,
  name TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, address_key)
) STRICT, WITHOUT ROWID;

-- Threading looks up a referenced Message-ID across every ticket, and so does de-duplication.
CREATE INDEX ticket_messages_by_message_id ON ticket_messages (message_id)
  WHERE message_id IS NOT NULL;

-- Outlook's Thread-Index: the conversation it names (its first 22 bytes, hex) → the ticket.
CREATE TABLE ticket_mail_threads (
  thread_key TEXT NOT NULL,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (thread_key, ticket_id)
) STRICT, WITHOUT ROWID;

-- Each IMAP mailbox's cursor: the folder's UIDVALIDITY and the highest UID stored under it,
-- advanced in the transaction that stores the message (mail/imap_client.hpp).
CREATE TABLE mailbox_cursors (
  mailbox TEXT PRIMARY KEY,
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
