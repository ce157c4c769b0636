-- A cancelled account is CHURNED until it is reactivated. The stage it had before is kept, so a reactivation
-- brings it back where it was.
ALTER TABLE account ADD COLUMN stage_before_churn text;
ALTER TABLE account ADD CONSTRAINT account_stage_known
    CHECK (stage IN ('ONBOARDING', 'ADOPTION', 'VALUE', 'RENEWAL', 'EXPANSION', 'ADVOCACY', 'CHURNED'));
ALTER TABLE account ADD CONSTRAINT account_stage_before_churn_active
    CHECK (stage_before_churn IS NULL OR stage_before_churn IN ('ONBOARDING', 'ADOPTION', 'VALUE', 'RENEWAL', 'EXPANSION', 'ADVOCACY'));

-- Which accounts a run's play is for, copied from the play when the run starts (as stop_when is), so a later
-- rule change does not change a running play: ACTIVE plays stop when the account churns, CHURNED plays (win-back)
-- when it is reactivated.
ALTER TABLE play_run ADD COLUMN audience text NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE play_run ADD CONSTRAINT play_run_audience_known CHECK (audience IN ('ACTIVE', 'CHURNED'));

-- An account that cancelled before this version and did not come back is CHURNED now: its latest cancellation
-- or reactivation is a cancellation.
UPDATE account a SET stage_before_churn = a.stage, stage = 'CHURNED'
WHERE a.stage <> 'CHURNED' AND EXISTS (
    SELECT 1 FROM (SELECT s.payload->>'event' AS event FROM signal s
                   WHERE s.account_id = a.id AND s.kind = 'billing'
                     AND s.payload->>'event' IN ('SUBSCRIPTION_CANCELLED', 'SUBSCRIPTION_REACTIVATED')
                   ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1) latest
    WHERE latest.event = 'SUBSCRIPTION_CANCELLED');
