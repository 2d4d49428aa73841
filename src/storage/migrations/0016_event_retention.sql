-- The outbox's retention (docs/design/events.md § Retention): events every subscriber has passed
-- and that are older than the feed's window are deleted by the maintenance sweep. This one-row
-- table remembers the highest seq deleted so far, so the event feed can tell a client whose
-- `after` lies before it that events are missing (410 gone) instead of silently skipping them.
CREATE TABLE events_pruned (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_seq INTEGER NOT NULL
) STRICT;
