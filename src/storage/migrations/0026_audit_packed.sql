-- Audit entries store their `changes` packed (zstd against a fixed dictionary,
-- storage/audit_codec.hpp; docs/design/audit.md § Stored shape): the trail was the largest part
-- of a data directory. New entries write '' into `changes` and the packed form here; entries
-- written before keep their text and a NULL here, and both read the same.
-- Adding a nullable column rewrites no row: the append-only triggers are untouched.
ALTER TABLE audit_log ADD COLUMN changes_z BLOB;
