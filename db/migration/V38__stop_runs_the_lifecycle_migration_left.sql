-- V23 made an account whose latest cancellation or reactivation was a cancellation CHURNED in place, and left its
-- plays running: their steps were skipped as they came due, but the runs stayed RUNNING or PAUSED, shown as running
-- plays of an account that had left (V35 closed their tasks). They stop now as the engine stops them when an account
-- churns (PlayRunChanges.stopFor): the run and its waiting steps CANCELLED, the steps with the reason, on the
-- timeline; a win-back run at an account active again likewise. Ended when the account last moved to its stage.
WITH stopped AS (
    UPDATE play_run r
    SET status = 'CANCELLED', paused_at = NULL,
        ended_at = greatest(r.started_at,
                            (SELECT max(c.occurred_at) FROM stage_change c WHERE c.account_id = a.id AND c.to_stage = a.stage))
    FROM account a
    WHERE a.id = r.account_id AND r.status IN ('RUNNING', 'PAUSED')
      AND r.audience = CASE WHEN a.stage = 'CHURNED' THEN 'ACTIVE' ELSE 'CHURNED' END
    RETURNING r.id, r.account_id, r.play_name, r.ended_at,
              CASE WHEN a.stage = 'CHURNED' THEN 'the account churned' ELSE 'the account was reactivated' END AS reason
), steps AS (
    UPDATE play_step s SET status = 'CANCELLED', executed_at = st.ended_at, result = 'stopped: ' || st.reason
    FROM stopped st
    WHERE s.run_id = st.id AND s.status IN ('SCHEDULED', 'PAUSED')
)
INSERT INTO timeline_entry (account_id, at, type, summary, ref)
SELECT account_id, ended_at, 'play.stopped', 'Play "' || play_name || '" stopped: ' || reason, 'play:' || id
FROM stopped;
