-- Staff accounts. Passwords are argon2id hashes (libsodium's encoded form, parameters included),
-- never the password. Emails are unique ignoring case (email_key is the lower-cased address).

CREATE TABLE users (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',   -- active | disabled
  roles TEXT NOT NULL DEFAULT '[]',        -- JSON array of role names
  teams TEXT NOT NULL DEFAULT '[]',        -- JSON array of team ids
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_sign_in_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
