-- Customer search whose cost follows the page, not the table (docs/design/search.md).

-- Exact name filters compare search_fold(name) (filter.cpp): these indexes answer them, and the
-- trailing created_at, id give the default order, so a page of "last_name eq Smith" is a range
-- of one index whatever the number of Smiths.
CREATE INDEX customers_last_name_fold ON customers (search_fold(last_name), created_at, id);
CREATE INDEX customers_first_name_fold ON customers (search_fold(first_name), created_at, id);
CREATE INDEX customers_display_name_fold ON customers (search_fold(display_name), created_at, id);

-- `contains` on names and emails: every three-character run of the folded text is a token, so a
-- fragment of three or more characters is a phrase query instead of a scan calling ICU per row.
-- case_sensitive 1: the text is already folded by search_fold, and the tokenizer must not fold it
-- a second, different way. Emails are the customer's email keys folded, one per line; rowid is
-- customers.seq. Kept in step by customers::store::IndexCustomer in each write's transaction.
CREATE VIRTUAL TABLE customer_fragments USING fts5 (
  first_name, last_name, display_name, emails,
  tokenize = 'trigram case_sensitive 1'
);
INSERT INTO customer_fragments (rowid, first_name, last_name, display_name, emails)
SELECT c.seq, search_fold(c.first_name), search_fold(c.last_name), search_fold(c.display_name),
       COALESCE((SELECT group_concat(k, char(10))
                 FROM (SELECT search_fold(e.address_key) AS k FROM customer_emails e
                       WHERE e.customer_id = c.id ORDER BY e.position)), '')
FROM customers c;

-- Full-text `q`: each word is a prefix query. Without a prefix index FTS5 merges the row lists of
-- every word starting with it before the first row comes out ("m" or "mar" at 100,000 customers:
-- thousands); with one, a prefix of up to four characters is one list, read in row order up to
-- the page. The rows are copied as they are (same rowid = customers.seq, same text).
CREATE VIRTUAL TABLE customer_search_prefixed USING fts5 (
  names, emails, phones, company, tags,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);
INSERT INTO customer_search_prefixed (rowid, names, emails, phones, company, tags)
SELECT rowid, names, emails, phones, company, tags FROM customer_search;
DROP TABLE customer_search;
ALTER TABLE customer_search_prefixed RENAME TO customer_search;
