-- Server-side staff sessions. The cookie carries a random 256-bit secret; only its SHA-256 is
-- stored. `id` is the public handle shown in "my sessions" lists and used to revoke one.

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,          -- the absolute limit; idle expiry is last_seen_at + idle
  revoked_at TEXT,
  address TEXT,
  user_agent TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id, created_at);
