-- Custom field definitions get a version (ETag / If-Match on their PATCH and DELETE), and the
-- maintenance sweeps get the indexes they range over, so a sweep touches only what expired
-- instead of scanning under the single writer (docs/design/maintenance.md).

ALTER TABLE custom_field_definitions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX transfer_jobs_finished ON transfer_jobs (kind, status, finished_at);
