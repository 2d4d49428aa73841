-- Open links' start tickets are single-use (docs/design/surveys.md § Open links): each start
-- records its ticket's nonce, so a ticket fetched once opens one answer, and the wait it carries
-- is paid per answer. A ticket is stale an hour after it was issued (kMaxStartMillis), so rows
-- older than that are pruned by the starts themselves (the index on issued_ms).
CREATE TABLE open_link_tickets (
  nonce TEXT PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  issued_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX open_link_tickets_issued ON open_link_tickets (issued_ms);
