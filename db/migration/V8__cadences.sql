-- A play run a cadence started is for one occurrence (a QBR date, a renewal date). At most one run per
-- play, account and occurrence: a second firing of the cadence job, a catch-up after a restart or a
-- second node inserts nothing.
ALTER TABLE play_run ADD COLUMN occurs_on date;
CREATE UNIQUE INDEX play_run_occurrence ON play_run (play_id, account_id, occurs_on) WHERE occurs_on IS NOT NULL;
