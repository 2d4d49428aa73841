-- API tokens belong to a staff user (whose access they will carry once roles exist) and record
-- when they were last used. Tokens created before users existed stay unowned until reassigned.
ALTER TABLE api_tokens ADD COLUMN user_id TEXT REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);
