-- Customer health (docs/design/health.md): one row per scored customer, kept current by the
-- `customer_health` event subscriber and re-scored by the review sweep on the day time alone
-- would change it (next_review_on), never on read. `inputs` is the compact history the score
-- is computed from (bounded lists: health_inputs.hpp); `reasons` the score's own explanation.
CREATE TABLE customer_health (
  customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  risk TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  nps_last INTEGER,
  bad_open INTEGER NOT NULL DEFAULT 0,
  reasons TEXT NOT NULL,                  -- JSON [{code, text, points}]
  inputs TEXT NOT NULL,                   -- JSON HealthInputs
  next_review_on INTEGER,                 -- a day number; NULL: only an event changes it
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- The customer list filtered by churn_risk reads customer ids from here (the trait's lookup),
-- then the customers by primary key; the at-risk view pages by score.
CREATE INDEX customer_health_risk ON customer_health (risk, score, customer_id);
CREATE INDEX customer_health_score ON customer_health (score, customer_id);
CREATE INDEX customer_health_review ON customer_health (next_review_on)
  WHERE next_review_on IS NOT NULL;

-- Bad experiences: recorded by staff, or by the rules from events (a breached target, a reopened
-- ticket, a detractor, a low rating, a negative review or contact, a refund, a cancelled order).
-- `source` names the record it came from ("ticket:tkt_…/first_response/0", "order:ord_…"), so a
-- replayed event never records the same experience twice.
CREATE TABLE bad_experiences (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                -- bx_…
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  cause TEXT NOT NULL,                    -- staff | sla_breach | ticket_reopened | detractor |
                                          -- low_csat | low_rating | negative_review |
                                          -- negative_contact | refund | order_cancelled
  source TEXT,
  summary TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'recovered', 'lost')),
  outcome TEXT,
  occurred_at TEXT NOT NULL,
  recorded_by TEXT,                       -- a user id; NULL for the rules
  resolved_at TEXT,
  resolved_by TEXT,
  -- The follow-up task the rules opened (a detractor's call-back); completing it closes the loop.
  follow_up_task_id TEXT,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX bad_experiences_source ON bad_experiences (customer_id, cause, source)
  WHERE source IS NOT NULL;
CREATE INDEX bad_experiences_customer ON bad_experiences (customer_id, state, occurred_at);
CREATE INDEX bad_experiences_follow_up ON bad_experiences (follow_up_task_id)
  WHERE follow_up_task_id IS NOT NULL;

-- The distribution over time: the count per risk, written by the review sweep once a day (and
-- again the same day as it changes), so the chart reads a row per day.
CREATE TABLE health_daily (
  day TEXT PRIMARY KEY,                   -- YYYY-MM-DD
  low INTEGER NOT NULL,
  medium INTEGER NOT NULL,
  high INTEGER NOT NULL,
  average_score REAL
) STRICT;

-- The rules and weights administrators may change (health_settings.hpp); one row.
CREATE TABLE health_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  document TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
) STRICT;
