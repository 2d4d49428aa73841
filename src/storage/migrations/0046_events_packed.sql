-- Events store their payload packed (zstd against a fixed dictionary of typical payloads,
-- storage/packed_json.hpp; docs/design/events.md § Stored shape): the outbox holds every change
-- of the feed's window (30 days), the largest part of a data directory after an import. New
-- events write '' into `payload` and the packed form here; events written before keep their text
-- and a NULL here, and both read the same.
ALTER TABLE events ADD COLUMN payload_z BLOB;
