-- Saved list views: a staff member's named searches (text, sort, filters, columns), private or
-- shared with every colleague. The definition is the web app's own JSON, kept whole.
CREATE TABLE saved_views (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  object_type TEXT NOT NULL,                 -- customers | companies
  owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  shared INTEGER NOT NULL DEFAULT 0,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX saved_views_name ON saved_views (owner_id, object_type, name);
CREATE INDEX saved_views_shared ON saved_views (object_type, shared);
