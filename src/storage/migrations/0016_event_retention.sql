-- The outbox's retention (docs/design/events.md § Retention): events every subscriber has passed
-- and that are older than the feed's window are deleted by the maintenance sweep. This one-row
-- table remembers the highest seq deleted so far, so the event feed can tell a client whose
-- `after` lies before it that events are missing (422 on `after`) instead of skipping them.
CREATE TABLE events_pruned (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_seq INTEGER NOT NULL
) STRICT;

-- No query reads events by aggregate: the feed and the dispatcher range over seq. The index was
-- 7 % of the outbox's bytes (docs/design/events.md § Payloads); a per-record event history, if
-- one comes, can bring it back.
DROP INDEX events_aggregate;
