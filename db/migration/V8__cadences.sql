-- A play run a cadence started is for one occurrence (a QBR date, a renewal date). At most one run per
-- play, account and occurrence: a second firing of the cadence job, a catch-up after a restart or a
-- second node inserts nothing.
ALTER TABLE play_run ADD COLUMN occurs_on date;
CREATE UNIQUE INDEX play_run_occurrence ON play_run (play_id, account_id, occurs_on) WHERE occurs_on IS NOT NULL;

-- The weekly digest to each CSM of their open tasks. The row is written before the email is sent, and
-- (csm, week) is unique: a refire or a second node finds the row and sends nothing.
CREATE TABLE digest (
    id          bigserial PRIMARY KEY,
    csm         text NOT NULL,
    week        text NOT NULL,
    message_id  text NOT NULL UNIQUE,
    tasks       integer NOT NULL,
    overdue     integer NOT NULL,
    status      text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    error       text,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz,
    UNIQUE (csm, week)
);
