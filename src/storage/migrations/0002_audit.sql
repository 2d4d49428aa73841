-- The audit trail: one row per create, update and delete through any path (API, CLI, import),
-- with each changed field's old and new value. Append-only: the triggers make the database itself
-- refuse to change or remove an entry, whatever code runs against it.

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  occurred_at TEXT NOT NULL,
  actor TEXT NOT NULL,          -- token:<id>, cli:<command>, later user:<id>
  via TEXT NOT NULL,            -- api | cli | import | system
  action TEXT NOT NULL,         -- create | update | delete
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  changes TEXT NOT NULL,        -- JSON [{"field", "old", "new"}]
  request_id TEXT
) STRICT;
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
