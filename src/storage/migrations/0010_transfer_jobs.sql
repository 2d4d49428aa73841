-- Imports and exports run as jobs (docs/import.md, docs/export.md). A job's options, progress and
-- outcome are a row, so progress is readable from any request and survives a restart (a job the
-- server was running when it stopped is marked interrupted at the next start). import_items
-- records what an import created, so the import can be reverted; transfer_errors keeps the error
-- report (row, column, value, reason), capped per job by the code that writes it.

CREATE TABLE transfer_jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,         -- import | export
  object_type TEXT NOT NULL,  -- customers | companies | products | orders | interactions
  status TEXT NOT NULL,       -- queued | running | completed | failed | interrupted | reverted
  options TEXT NOT NULL DEFAULT '{}',
  file_name TEXT,
  actor TEXT NOT NULL,
  user_id TEXT,               -- the staff member who started it; they (and admins) may see it
  total_bytes INTEGER NOT NULL DEFAULT 0,
  done_bytes INTEGER NOT NULL DEFAULT 0,
  rows_read INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  reverted_at TEXT
) STRICT;
CREATE INDEX transfer_jobs_created ON transfer_jobs (created_at, id);

CREATE TABLE import_items (
  job_seq INTEGER NOT NULL REFERENCES transfer_jobs (seq) ON DELETE CASCADE,
  position INTEGER NOT NULL,  -- creation order: a revert removes in reverse
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  PRIMARY KEY (job_seq, position)
) WITHOUT ROWID, STRICT;

CREATE TABLE transfer_errors (
  job_seq INTEGER NOT NULL REFERENCES transfer_jobs (seq) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  row_number INTEGER NOT NULL,  -- the data row (1 = first row after the header); 0 = whole file
  line INTEGER NOT NULL,        -- the physical line the row starts on
  column_name TEXT NOT NULL,
  value TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (job_seq, position)
) WITHOUT ROWID, STRICT;
