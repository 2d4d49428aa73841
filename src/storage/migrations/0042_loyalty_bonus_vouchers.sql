-- Vouchers given instead of bonus points (docs/design/loyalty.md § Review rewards): one row per
-- programme, customer and cause ("review:<product>"), inserted in the transaction that issues the
-- voucher, so a replayed or repeated event issues nothing more, as a lot's cause does for points.
CREATE TABLE loyalty_bonus_vouchers (
  programme_id TEXT NOT NULL REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  cause TEXT NOT NULL,
  voucher_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (programme_id, customer_id, cause)
) STRICT, WITHOUT ROWID;
-- For the cascade when a customer is erased.
CREATE INDEX loyalty_bonus_vouchers_customer ON loyalty_bonus_vouchers (customer_id);
