-- Review requests by e-mail and after fulfilment (docs/design/reviews.md § Collecting).

-- How a request reaches its customer: `link` (the link is handed to the caller once) or `email`
-- (queued in mail_outbox as "review:<request id>"). `no_consent` and `no_email` join the
-- statuses, as for survey invitations; `trigger` names what made it ("order_fulfilled" for the
-- automatic request, NULL for staff).
ALTER TABLE review_requests ADD COLUMN delivery TEXT NOT NULL DEFAULT 'link';
ALTER TABLE review_requests ADD COLUMN made_by TEXT;
-- One automatic request per order: the job and the index agree.
CREATE INDEX review_requests_order ON review_requests (order_id) WHERE order_id IS NOT NULL;

-- The automatic request N days after an order is fulfilled: one row; NULL days: off.
CREATE TABLE review_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  auto_request_days INTEGER,               -- 0-365, NULL: no automatic requests
  expires_in_days INTEGER NOT NULL,        -- the automatic request's link lifetime
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
