-- Loyalty vouchers (docs/design/loyalty.md § Vouchers): batches of codes sharing one set of rules,
-- the codes, and every use of one on an order. A use is counted on the code's row in the order's
-- own transaction (uses < max_uses checked in the same UPDATE), and each use is a row so a
-- cancelled or refunded order can give it back exactly once.

-- kind: bulk (generated single-use codes), shared (one code, a usage limit), issued (one code for
-- one customer, from staff), reward (one code bought with points). `rules` is validated JSON
-- (src/loyalty/voucher_rules.cpp): value, currency, minimum order, scope, expiry, per-customer
-- limit, combinable, returned on cancel.
CREATE TABLE loyalty_voucher_batches (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('bulk', 'shared', 'issued', 'reward')),
  name TEXT NOT NULL,
  rules TEXT NOT NULL,
  code_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX loyalty_voucher_batches_created ON loyalty_voucher_batches (created_at, id);

-- `code`: normalised (upper case, no separators). Generated codes come from a CSPRNG over a
-- 31-letter alphabet (about 59 bits in 12 letters), so holding them is no help in guessing
-- another; they are kept so a batch can be exported again. `customer_id`: the only customer who
-- may use it, when issued to one.
CREATE TABLE loyalty_vouchers (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES loyalty_voucher_batches (id) ON DELETE CASCADE,
  code TEXT NOT NULL UNIQUE,
  customer_id TEXT REFERENCES customers (id) ON DELETE CASCADE,
  max_uses INTEGER NOT NULL CHECK (max_uses >= 1),
  uses INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX loyalty_vouchers_batch ON loyalty_vouchers (batch_id, id);
CREATE INDEX loyalty_vouchers_customer ON loyalty_vouchers (customer_id) WHERE customer_id IS NOT NULL;

-- One row per use on an order; `returned_at` once the order was cancelled, deleted or refunded in
-- full and the batch gives uses back. No foreign key to orders: a deleted order's uses are
-- returned through its event.
CREATE TABLE loyalty_voucher_uses (
  voucher_id TEXT NOT NULL REFERENCES loyalty_vouchers (id) ON DELETE CASCADE,
  order_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  discount_cents INTEGER NOT NULL,
  used_at TEXT NOT NULL,
  returned_at TEXT,
  PRIMARY KEY (voucher_id, order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX loyalty_voucher_uses_order ON loyalty_voucher_uses (order_id);
CREATE INDEX loyalty_voucher_uses_customer ON loyalty_voucher_uses (batch_id, customer_id);

-- The rewards catalogue (docs/design/loyalty.md § Rewards): bought with a programme's points, each
-- issuing the buyer a single-use voucher with `rules`, valid for `valid_days` (NULL: no expiry). `stock`: what is left (NULL: unlimited),
-- taken with `stock > 0` checked in the same UPDATE, so it is never oversold.
CREATE TABLE loyalty_rewards (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points >= 1),
  rules TEXT NOT NULL,
  stock INTEGER CHECK (stock IS NULL OR stock >= 0),
  per_customer_limit INTEGER,
  valid_days INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  redeemed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX loyalty_rewards_programme ON loyalty_rewards (programme_id, name);

-- Each purchase of a reward: the ledger transaction that paid for it and the voucher it issued.
CREATE TABLE loyalty_reward_redemptions (
  reward_id TEXT NOT NULL REFERENCES loyalty_rewards (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  voucher_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (reward_id, voucher_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX loyalty_reward_redemptions_customer ON loyalty_reward_redemptions (reward_id, customer_id);

-- Tiers (docs/design/loyalty.md § Tiers): a programme's tier settings as validated JSON
-- (src/loyalty/tiers.cpp), each member's tier with the day its qualification period ends (a
-- downgrade is considered only at that day plus the grace period), and every change of tier.
CREATE TABLE loyalty_tier_settings (
  programme_id TEXT PRIMARY KEY REFERENCES loyalty_programmes (id) ON DELETE CASCADE,
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE loyalty_member_tiers (
  member_id TEXT PRIMARY KEY REFERENCES loyalty_members (id) ON DELETE CASCADE,
  programme_id TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tier TEXT NOT NULL,
  since TEXT NOT NULL,
  period_end INTEGER NOT NULL
) STRICT;
CREATE INDEX loyalty_member_tiers_customer ON loyalty_member_tiers (customer_id);

CREATE TABLE loyalty_tier_changes (
  member_id TEXT NOT NULL REFERENCES loyalty_members (id) ON DELETE CASCADE,
  changed_at TEXT NOT NULL,
  from_tier TEXT,
  to_tier TEXT,
  reason TEXT NOT NULL
) STRICT;
CREATE INDEX loyalty_tier_changes_member ON loyalty_tier_changes (member_id, changed_at);
