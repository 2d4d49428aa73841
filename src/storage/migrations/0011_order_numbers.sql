-- Short order numbers (docs/design/commerce.md): people say "order #1042", not the order's id.
-- Numbers come from a named counter, so one is never handed out twice, even after the newest
-- order is deleted (as MAX(number) + 1 would). Existing orders are numbered in the order they
-- were written, from 1001.

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  next_value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

ALTER TABLE orders ADD COLUMN number INTEGER;

UPDATE orders SET number = 1000 + numbered.position
FROM (SELECT seq, ROW_NUMBER() OVER (ORDER BY seq) AS position FROM orders) AS numbered
WHERE orders.seq = numbered.seq;

CREATE UNIQUE INDEX orders_number ON orders (number);

INSERT INTO counters (name, next_value)
VALUES ('order_number', 1001 + (SELECT COUNT(*) FROM orders));
