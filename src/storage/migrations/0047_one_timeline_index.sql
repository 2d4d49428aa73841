-- The timeline keeps one index (docs/design/storage.md § Index plan). Before, it had two, each
-- ending in the entry's 30-character id: (customer_id, occurred_at, id) and (customer_id,
-- channel, occurred_at, id), 200 MB at 100,000 customers with 950,000 entries. Now:
-- - the order's tie-break is `seq`, the rowid every index entry already ends with, so the key
--   needs no id;
-- - a page of one channel walks the same index and reads each entry's channel from its row: a
--   customer's timeline is tens of entries, and the channel filter is the rare view.
-- Cursors still name the page's last entry by id (the service looks its seq up), so a cursor
-- made before this migration still pages on.
DROP INDEX interactions_timeline_channel;
DROP INDEX interactions_timeline;
CREATE INDEX interactions_timeline ON interactions (customer_id, occurred_at);
