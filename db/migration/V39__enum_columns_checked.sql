-- The kinds and statuses the engine writes from its enums, checked by the database as the later tables' are: a value
-- no enum has (a hand-written fix, a bad import by SQL) is refused where it is written, not when a page reads it.
-- EnumColumnsIntegrationTest keeps each list equal to its enum.
ALTER TABLE account ADD CONSTRAINT account_segment_check CHECK (segment IN ('HIGH_TOUCH', 'LOW_TOUCH', 'TECH_TOUCH'));
ALTER TABLE contact ADD CONSTRAINT contact_role_check CHECK (role IN ('CHAMPION', 'EXEC_SPONSOR', 'ADMIN', 'BILLING', 'USER'));
ALTER TABLE ticket ADD CONSTRAINT ticket_priority_check CHECK (priority IN ('P1', 'P2', 'P3', 'P4'));
ALTER TABLE ticket ADD CONSTRAINT ticket_status_check CHECK (status IN ('OPEN', 'PENDING', 'SOLVED', 'CLOSED'));
ALTER TABLE milestone ADD CONSTRAINT milestone_type_check
    CHECK (type IN ('ACTIVATED', 'FIRST_VALUE', 'ADOPTED', 'RENEWAL_WINDOW', 'RENEWED'));
ALTER TABLE play_step ADD CONSTRAINT play_step_type_check CHECK (type IN ('TASK', 'EMAIL'));
ALTER TABLE task ADD CONSTRAINT task_status_check CHECK (status IN ('OPEN', 'SNOOZED', 'DONE'));
ALTER TABLE task ADD CONSTRAINT task_outcome_check CHECK (outcome IS NULL OR outcome IN ('SAVED', 'CHURNED', 'EXPANDED', 'NO_ACTION'));
ALTER TABLE email ADD CONSTRAINT email_status_check CHECK (status IN ('SENDING', 'SENT', 'KEPT', 'RETRYING', 'FAILED'));
