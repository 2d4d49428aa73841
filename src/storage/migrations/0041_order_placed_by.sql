-- Who placed an order when it was not its customer (docs/design/commerce.md § Orders): the id of
-- the customer whose account the shop saw place it, for instance a gift bought for someone else.
-- Loyalty's referrals refuse a referee's first order placed by their referrer
-- (docs/design/loyalty.md § Referrals). An erased placer leaves the order and clears the column.
ALTER TABLE orders ADD COLUMN placed_by TEXT REFERENCES customers (id) ON DELETE SET NULL;
-- For the foreign key's action when a customer is erased; almost every order has none.
CREATE INDEX orders_placed_by ON orders (placed_by) WHERE placed_by IS NOT NULL;
