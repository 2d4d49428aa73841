-- Reviews and ratings (docs/design/reviews.md): a customer's review of the business or of one
-- product, moderated by staff, with one public reply. `verified` is computed by the server from
-- the customer's fulfilled orders when the review is written (never taken from input);
-- `version` is the record's ETag version.
CREATE TABLE reviews (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- rev_…
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  product_id TEXT REFERENCES products (id) ON DELETE SET NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,                    -- invited | own_site | google | facebook | other
  source_url TEXT,                         -- required for `other`
  verified INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL,                  -- en | de | …
  sentiment REAL,
  status TEXT NOT NULL,                    -- pending | published | rejected
  moderated_by TEXT,
  moderated_at TEXT,
  moderation_reason TEXT,
  reply TEXT,
  replied_by TEXT,
  replied_at TEXT,
  request_id TEXT UNIQUE,                  -- the review request it answers (one review each)
  created_at TEXT NOT NULL,
  published_at TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The moderation queue and the lists: keyset pages over (created_at, id) per filter.
CREATE INDEX reviews_status ON reviews (status, created_at, id);
CREATE INDEX reviews_customer ON reviews (customer_id, created_at, id);
CREATE INDEX reviews_product ON reviews (product_id, status, published_at, id);

-- Per product ('' for reviews of the business) the published reviews' count and distribution,
-- kept current by every write that publishes or unpublishes one: never a scan on read.
CREATE TABLE review_stats (
  product_id TEXT PRIMARY KEY,
  count INTEGER NOT NULL DEFAULT 0,
  rating_sum INTEGER NOT NULL DEFAULT 0,
  stars_1 INTEGER NOT NULL DEFAULT 0,
  stars_2 INTEGER NOT NULL DEFAULT 0,
  stars_3 INTEGER NOT NULL DEFAULT 0,
  stars_4 INTEGER NOT NULL DEFAULT 0,
  stars_5 INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
) STRICT;

-- A request to review (an order, a product, or the business), one per ask, like a survey
-- invitation: `sent` with a short single-use link of which only the SHA-256 is kept, or
-- `throttled` (the contact budget) without one; `completed` once its review is written.
CREATE TABLE review_requests (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- rrq_…
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  order_id TEXT REFERENCES orders (id) ON DELETE SET NULL,
  product_id TEXT REFERENCES products (id) ON DELETE SET NULL,
  token_hash TEXT UNIQUE,
  language TEXT NOT NULL,
  status TEXT NOT NULL,                    -- sent | completed | throttled
  expires_at TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT
) STRICT;
CREATE INDEX review_requests_customer ON review_requests (customer_id, created_at);
-- Rows the database itself removes or unlinks keep the stats true too: a customer's deletion
-- cascades to their reviews, a product's deletion unlinks its reviews (they then count for the
-- business, as every review without a product does). The service counts its own moves.
CREATE TRIGGER reviews_stats_on_delete AFTER DELETE ON reviews WHEN OLD.status = 'published'
BEGIN
  UPDATE review_stats SET count = count - 1, rating_sum = rating_sum - OLD.rating,
    stars_1 = stars_1 - (OLD.rating = 1), stars_2 = stars_2 - (OLD.rating = 2),
    stars_3 = stars_3 - (OLD.rating = 3), stars_4 = stars_4 - (OLD.rating = 4),
    stars_5 = stars_5 - (OLD.rating = 5)
  WHERE product_id = COALESCE(OLD.product_id, '');
END;
CREATE TRIGGER reviews_stats_on_unlink AFTER UPDATE OF product_id ON reviews
WHEN OLD.status = 'published' AND NEW.status = 'published' AND OLD.product_id IS NOT NULL AND
  NEW.product_id IS NULL
BEGIN
  DELETE FROM review_stats WHERE product_id = OLD.product_id;
  INSERT INTO review_stats (product_id, count, rating_sum, stars_1, stars_2, stars_3, stars_4,
    stars_5, updated_at)
  VALUES ('', 1, OLD.rating, OLD.rating = 1, OLD.rating = 2, OLD.rating = 3, OLD.rating = 4,
    OLD.rating = 5, NEW.updated_at)
  ON CONFLICT (product_id) DO UPDATE SET count = count + 1, rating_sum = rating_sum + OLD.rating,
    stars_1 = stars_1 + (OLD.rating = 1), stars_2 = stars_2 + (OLD.rating = 2),
    stars_3 = stars_3 + (OLD.rating = 3), stars_4 = stars_4 + (OLD.rating = 4),
    stars_5 = stars_5 + (OLD.rating = 5);
END;
