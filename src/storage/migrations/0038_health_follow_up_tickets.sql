-- The customer list filtered by nps_last or bad_experiences_open reads the few matching customer
-- ids from these indexes (the traits' lookup form, docs/design/customer_traits.md § Lookups), as
-- churn_risk and health_score do from customer_health_risk and customer_health_score.
CREATE INDEX customer_health_nps_last ON customer_health (nps_last, customer_id)
  WHERE nps_last IS NOT NULL;
CREATE INDEX customer_health_bad_open ON customer_health (bad_open, customer_id);

-- A follow-up may be a ticket in a chosen queue (docs/design/health.md § Follow-ups): its id,
-- beside the task's. Set by the rules in the transaction that records the experience.
ALTER TABLE bad_experiences ADD COLUMN follow_up_ticket_id TEXT;
