-- Commerce (docs/design/commerce.md): products, orders with their lines, refunds, payments,
-- saved payment methods (processor tokens only; never card numbers), and each customer's value,
-- maintained in the same transaction as every order, refund and payment. Money is in minor units
-- (cents) as INTEGER; currencies are ISO 4217 codes.

CREATE TABLE products (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  category TEXT,
  price_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  custom_fields TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX products_name ON products (name COLLATE NOCASE, id);

CREATE TABLE orders (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  external_id TEXT,
  placed_at TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  channel TEXT NOT NULL,
  notes TEXT,
  subtotal_cents INTEGER NOT NULL,
  discount_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  refunded_cents INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX orders_external_id ON orders (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX orders_customer ON orders (customer_id, placed_at, id);

CREATE TABLE order_lines (
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  product_id TEXT REFERENCES products (id) ON DELETE SET NULL,
  sku TEXT,
  description TEXT NOT NULL,
  category TEXT,
  quantity INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL,
  discount_cents INTEGER NOT NULL,
  line_total_cents INTEGER NOT NULL,
  PRIMARY KEY (order_id, position)
) STRICT;

CREATE TABLE refunds (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX refunds_order ON refunds (order_id, seq);

CREATE TABLE payments (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  order_id TEXT REFERENCES orders (id) ON DELETE SET NULL,
  amount_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  method TEXT NOT NULL,
  status TEXT NOT NULL,
  processor_reference TEXT,
  occurred_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_customer ON payments (customer_id, occurred_at, id);

CREATE TABLE payment_methods (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  processor_token TEXT NOT NULL,
  brand TEXT,
  last4 TEXT,
  exp_month INTEGER,
  exp_year INTEGER,
  billing_address TEXT,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX payment_methods_customer ON payment_methods (customer_id, seq);

-- A customer's value, kept by every order, refund and cancellation in the same transaction.
-- category_spend is a JSON object {category: cents} from which the favourite is chosen.
CREATE TABLE customer_value (
  customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  order_count INTEGER NOT NULL DEFAULT 0,
  total_spent_cents INTEGER NOT NULL DEFAULT 0,
  first_purchase_at TEXT,
  last_purchase_at TEXT,
  favourite_category TEXT,
  category_spend TEXT NOT NULL DEFAULT '{}'
) STRICT, WITHOUT ROWID;
