-- The customer list filtered by nps_last or bad_experiences_open reads the few matching customer
-- ids from these indexes (the traits' lookup form, docs/design/customer_traits.md § Lookups), as
-- churn_risk and health_score do from customer_health_risk and customer_health_score.
CREATE INDEX customer_health_nps_last ON customer_health (nps_last, customer_id)
  WHERE nps_last IS NOT NULL;
CREATE INDEX customer_health_bad_open ON customer_health (bad_open, customer_id);
