-- Loyalty: stamp cards, tier-exclusive rewards and referrals (docs/design/loyalty.md).
-- Stamp cards ("buy N, get one free"): a card's settings as validated JSON
-- (src/loyalty/stamp_card.cpp), the stamps each order gave a customer on a card, the refunds
-- already applied to them, and every card filled with the voucher it issued.

CREATE TABLE loyalty_stamp_cards (
  id TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- One row per card and order: the primary key is what makes a replayed order.placed stamp once.
-- `stamps` what the order gave; `removed` what refunds, a cancellation or a deletion took back;
-- the figures keep the pro-rata share of a partial refund.
CREATE TABLE loyalty_stamps (
  card_id TEXT NOT NULL REFERENCES loyalty_stamp_cards (id) ON DELETE CASCADE,
  order_id TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  stamps INTEGER NOT NULL CHECK (stamps >= 1),
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0 AND removed <= stamps),
  total_cents INTEGER NOT NULL,
  refunded_cents INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  stamped_at TEXT NOT NULL,
  PRIMARY KEY (card_id, order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX loyalty_stamps_customer ON loyalty_stamps (customer_id, card_id);

-- A refund applies to a card's stamps once, whatever is replayed.
CREATE TABLE loyalty_stamp_refunds (
  card_id TEXT NOT NULL,
  refund_id TEXT NOT NULL,
  PRIMARY KEY (card_id, refund_id)
) STRICT, WITHOUT ROWID;

-- Each full card: `fill` numbers a customer's cards on a card definition from 1; `voucher_id` the
-- single-use voucher issued in the same transaction. `revoked_at`: a refund took the stamps that
-- filled it before the voucher was used, so the voucher was withdrawn and the card stands no more.
CREATE TABLE loyalty_stamp_fills (
  card_id TEXT NOT NULL REFERENCES loyalty_stamp_cards (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  fill INTEGER NOT NULL,
  voucher_id TEXT NOT NULL,
  code_hint TEXT NOT NULL,
  filled_at TEXT NOT NULL,
  revoked_at TEXT,
  PRIMARY KEY (card_id, customer_id, fill)
) STRICT, WITHOUT ROWID;

-- Tier-exclusive rewards (docs/design/loyalty.md § Rewards): the lowest tier of the programme
-- that may buy the reward (NULL: every member).
ALTER TABLE loyalty_rewards ADD COLUMN min_tier TEXT;

-- Referrals (docs/design/loyalty.md § Referrals): each customer's referral code (made the first
-- time it is asked for; same generator as vouchers) and every referral — linked when a new
-- customer arrives with a code, qualifying once their first order is placed (until the return
-- window passes), then rewarded; lapsed when that order was cancelled or refunded in full first;
-- refused with the fraud signal named, kept for staff to review. A customer is referred at most
-- once (refusals aside). `network_key`: a hash of the visitor's network neighbourhood, never the
-- address (src/loyalty/referral_signals.hpp).
CREATE TABLE loyalty_referral_codes (
  customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  code TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE loyalty_referrals (
  id TEXT PRIMARY KEY,
  referrer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  referee_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('linked', 'qualifying', 'rewarded', 'lapsed', 'refused')),
  signal TEXT,
  detail TEXT,
  via TEXT NOT NULL CHECK (via IN ('signup', 'order')),
  network_key TEXT,
  order_id TEXT,
  order_cents INTEGER,
  refunded_cents INTEGER NOT NULL DEFAULT 0,
  qualifies_on INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX loyalty_referrals_referee ON loyalty_referrals (referee_id)
  WHERE state <> 'refused';
CREATE INDEX loyalty_referrals_referrer ON loyalty_referrals (referrer_id, created_at);
CREATE INDEX loyalty_referrals_state ON loyalty_referrals (state, created_at);
CREATE INDEX loyalty_referrals_network ON loyalty_referrals (network_key, created_at)
  WHERE network_key IS NOT NULL;
CREATE INDEX loyalty_referrals_order ON loyalty_referrals (order_id) WHERE order_id IS NOT NULL;
