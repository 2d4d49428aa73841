-- An import finds a row that repeats an earlier row of its file through the database's unique
-- indexes (the e-mail or external id is already taken) instead of a table of every key in memory;
-- the record holding the key names the row that created it here (docs/import.md). NULL for items
-- of imports made before this version.
ALTER TABLE import_items ADD COLUMN row_number INTEGER;
CREATE INDEX import_items_object ON import_items (job_seq, object_id);
