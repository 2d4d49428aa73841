-- Each order rule's points kept apart (docs/design/loyalty.md § Earn rules): the spend rule and
-- the per-order bonus have caps of their own, counted from these columns over the cap's period,
-- and an order the programme saw but that earned nothing is recorded too (points 0), so the
-- first-order bonus goes with the member's first order and never with a later one.
ALTER TABLE loyalty_order_earnings ADD COLUMN spend_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loyalty_order_earnings ADD COLUMN bonus_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loyalty_order_earnings ADD COLUMN earned_on INTEGER NOT NULL DEFAULT 0;
-- Earnings before this migration were capped as one sum: counted as spend, on their lot's day.
UPDATE loyalty_order_earnings SET spend_points = points,
  earned_on = COALESCE((SELECT l.earned_on FROM loyalty_lots l
                        WHERE l.member_id = loyalty_order_earnings.member_id
                          AND l.cause = 'order:' || loyalty_order_earnings.order_id), 0);
CREATE INDEX loyalty_order_earnings_member_day ON loyalty_order_earnings (member_id, earned_on);
