-- A programme's replay of past orders run as a job (docs/design/loyalty.md § Replay): started by
-- POST /api/v1/loyalty/programmes/{id}/replays, one page of orders per run of the scheduler's
-- "loyalty.replay" job, its position (`after_seq`, commerce's order seq) and count committed with
-- the page's earnings, so a kill resumes at the last committed page and no order earns twice.
CREATE TABLE loyalty_replays (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- lrp_…
  programme_id TEXT NOT NULL REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  since TEXT,                              -- RFC 3339: orders placed at or after it; NULL: all
  batch_size INTEGER NOT NULL,             -- orders per page (1-1000)
  created_by TEXT NOT NULL,                -- user id ("" for a legacy token)
  status TEXT NOT NULL,                    -- running | done
  total INTEGER NOT NULL,                  -- orders to look at when it started
  done INTEGER NOT NULL DEFAULT 0,         -- orders looked at so far
  after_seq INTEGER NOT NULL DEFAULT 0,    -- the last order done
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX loyalty_replays_programme ON loyalty_replays (programme_id, seq);
-- One running replay per programme: a second start is refused (409) rather than racing the first.
CREATE UNIQUE INDEX loyalty_replays_running ON loyalty_replays (programme_id)
  WHERE status = 'running';
