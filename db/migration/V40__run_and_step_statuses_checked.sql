-- Play runs' and steps' statuses, checked by the database as the other enum columns are (V39): the engine writes
-- them from RunStatus and StepStatus, and a value neither has (a hand-written fix, a typo in a migration) is
-- refused where it is written. EnumColumnsIntegrationTest keeps each list equal to its enum.
ALTER TABLE play_run ADD CONSTRAINT play_run_status_check
    CHECK (status IN ('RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'HOLDOUT'));
ALTER TABLE play_step ADD CONSTRAINT play_step_status_check
    CHECK (status IN ('SCHEDULED', 'PAUSED', 'DONE', 'SKIPPED', 'FAILED', 'CANCELLED'));
