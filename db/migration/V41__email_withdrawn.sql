-- An email waiting for its next attempt (RETRYING, or SENDING left by a node that died) whose play step will never
-- be tried again (its run cancelled by hand or stopped by a churn or a reactivation, or the step skipped or failed
-- when it came due) is WITHDRAWN, with why in error, rather than showing RETRYING for ever: as a Slack post whose
-- task was closed is (V37). Digests are written from the same enum, so their CHECK lists it too; no digest is
-- withdrawn.
ALTER TABLE email DROP CONSTRAINT email_status_check;
ALTER TABLE email ADD CONSTRAINT email_status_check
    CHECK (status IN ('SENDING', 'SENT', 'KEPT', 'RETRYING', 'FAILED', 'WITHDRAWN'));
ALTER TABLE digest DROP CONSTRAINT digest_status_check;
ALTER TABLE digest ADD CONSTRAINT digest_status_check
    CHECK (status IN ('SENDING', 'SENT', 'KEPT', 'RETRYING', 'FAILED', 'WITHDRAWN'));
-- The emails of steps already ended, left waiting before this migration, with why as the engine words it from now
-- on (a cancelled step's result is "cancelled by ..." or "stopped: ...").
UPDATE email e SET status = 'WITHDRAWN',
       error = 'not sent: its step was ' || CASE WHEN s.status = 'CANCELLED' THEN coalesce(s.result, 'cancelled')
                                                ELSE lower(s.status) || coalesce(': ' || s.result, '') END
FROM play_step s
WHERE s.id = e.step_id AND e.status IN ('SENDING', 'RETRYING') AND s.status IN ('CANCELLED', 'SKIPPED', 'FAILED');
