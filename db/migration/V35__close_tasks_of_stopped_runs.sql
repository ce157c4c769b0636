-- A churned account's tasks from plays for customers used to stay open (in the inbox, the overdue counts and the
-- weekly digests), and so did a win-back play's once the customer was back. They are done now, as the engine
-- closes them from here on: CHURNED (SAVED for a win-back's), the reason as the note, when the account last moved
-- to its stage (a cancellation imported late may be older than the task: then when the task was made).
UPDATE task t
SET status = 'DONE',
    outcome = CASE WHEN a.stage = 'CHURNED' THEN 'CHURNED' ELSE 'SAVED' END,
    note = CASE WHEN a.stage = 'CHURNED' THEN 'closed: the account churned' ELSE 'closed: the account was reactivated' END,
    completed_at = greatest(t.created_at,
                            (SELECT max(c.occurred_at) FROM stage_change c WHERE c.account_id = a.id AND c.to_stage = a.stage))
FROM play_run r, account a
WHERE r.id = t.run_id AND a.id = t.account_id AND t.status <> 'DONE'
  AND r.audience = CASE WHEN a.stage = 'CHURNED' THEN 'ACTIVE' ELSE 'CHURNED' END;
