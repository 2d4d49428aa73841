-- Full-text `q`: prefix indexes for words of up to eight characters (0015 had up to four).
-- FTS5 uses a prefix index only for a prefix of exactly its length; any other prefix query merges
-- the row lists of every word it starts before the first row comes out: "thomas"* at 100,000
-- customers (2,220 rows) cost 129 µs a query against 15 µs with a six-character index, which
-- made the `q` page twice the cost of a 50-row list. Names are typed whole or nearly, and most
-- are under nine characters. Cost: about 13 MB more index at 100,000 customers (136 bytes a
-- customer) and 13 µs more per indexed write (bench/RESULTS.md, 2026-12-07).
-- The rows are copied as they are (same rowid = customers.seq, same text).
CREATE VIRTUAL TABLE customer_search_prefixed USING fts5 (
  names, emails, phones, company, tags,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6 7 8'
);
INSERT INTO customer_search_prefixed (rowid, names, emails, phones, company, tags)
SELECT rowid, names, emails, phones, company, tags FROM customer_search;
DROP TABLE customer_search;
ALTER TABLE customer_search_prefixed RENAME TO customer_search;
