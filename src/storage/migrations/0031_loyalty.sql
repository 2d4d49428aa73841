-- Loyalty (docs/design/loyalty.md § Storage): programmes, their members, and each member's
-- double-entry ledger as rows — transactions, their postings, the earned lots and which lots each
-- transaction took points from. The ledger is the balance: balances are sums of postings, read
-- through loyalty_postings_balance; there is no counter beside them.

-- A programme's settings (points name, currency, dates, earn rules, window, expiry) as validated
-- JSON (src/loyalty/programme.cpp); `id` is the slug staff chose ("beans").
CREATE TABLE loyalty_programmes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  settings TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE loyalty_members (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  joined_at TEXT NOT NULL,
  UNIQUE (customer_id, programme_id)
) STRICT;
CREATE INDEX loyalty_members_programme ON loyalty_members (programme_id);

-- `seq` numbers a member's transactions from 1 (the pure ledger's ids); kind: earn, release,
-- redeem, reverse, expire, adjust; cause: order:<id>, bonus:<rule>, release, expiry, or the
-- staff's reason.
CREATE TABLE loyalty_transactions (
  member_id TEXT NOT NULL REFERENCES loyalty_members (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  cause TEXT NOT NULL,
  day INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (member_id, seq)
) STRICT, WITHOUT ROWID;

-- account: pending, available, debt (the member's wallets), issued, redeemed, expired, adjusted
-- (the programme's). Each transaction's rows sum to zero.
CREATE TABLE loyalty_postings (
  member_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  account TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (member_id, seq, account),
  FOREIGN KEY (member_id, seq) REFERENCES loyalty_transactions (member_id, seq) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
-- A balance is SUM(points) over (member, account): a covering index range, whatever the table's
-- size (bench: a million rows).
CREATE INDEX loyalty_postings_balance ON loyalty_postings (member_id, account, points);

-- `warned`: the expiry warning of this lot was announced (once).
CREATE TABLE loyalty_lots (
  member_id TEXT NOT NULL REFERENCES loyalty_members (id) ON DELETE CASCADE,
  lot INTEGER NOT NULL,
  cause TEXT NOT NULL,
  points INTEGER NOT NULL,
  remaining INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= points),
  earned_on INTEGER NOT NULL,
  available_on INTEGER NOT NULL,
  expires_on INTEGER,
  available INTEGER NOT NULL,
  warned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, lot),
  UNIQUE (member_id, cause)
) STRICT, WITHOUT ROWID;

CREATE TABLE loyalty_lot_uses (
  member_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  n INTEGER NOT NULL,
  lot INTEGER NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (member_id, seq, n),
  FOREIGN KEY (member_id, seq) REFERENCES loyalty_transactions (member_id, seq) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- What each order earned in a programme, for pro-rata reversals: a refund of R out of a total T
-- takes back floor(points × refunded / T) in all, less what earlier refunds took.
CREATE TABLE loyalty_order_earnings (
  programme_id TEXT NOT NULL REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  order_id TEXT NOT NULL,
  member_id TEXT NOT NULL REFERENCES loyalty_members (id) ON DELETE CASCADE,
  total_cents INTEGER NOT NULL,
  points INTEGER NOT NULL,
  refunded_cents INTEGER NOT NULL DEFAULT 0,
  reversed_points INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (programme_id, order_id)
) STRICT, WITHOUT ROWID;

-- Refunds already applied to an order's points: a replayed order.refunded event takes nothing
-- twice.
CREATE TABLE loyalty_order_refunds (
  programme_id TEXT NOT NULL REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  refund_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  PRIMARY KEY (programme_id, refund_id)
) STRICT, WITHOUT ROWID;
