-- Each health score keeps the band it had and the rule set version whose health model (rules/health.yml)
-- computed it, so history keeps its bands when the model's bands are tuned later.
ALTER TABLE health_score ADD COLUMN band text, ADD COLUMN model_version text;
-- Scores from before the model was tunable were banded at 70 and 50.
UPDATE health_score SET band = CASE WHEN score >= 70 THEN 'GOOD' WHEN score >= 50 THEN 'AVERAGE' ELSE 'POOR' END;
ALTER TABLE health_score ALTER COLUMN band SET NOT NULL;
-- The distribution and the churn report read every account's latest score at a given time.
CREATE INDEX health_score_time ON health_score (computed_at);
