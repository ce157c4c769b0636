-- A cadence run that the account's churn stopped is written again, for the same occurrence, once the account is
-- active again; the new run names the run it redoes. Still at most one first run per play, account and
-- occurrence, and each stopped run is redone at most once, so a second firing, a catch-up or a second node
-- writes nothing twice.
ALTER TABLE play_run ADD COLUMN redoes bigint REFERENCES play_run (id);
DROP INDEX play_run_occurrence;
CREATE UNIQUE INDEX play_run_occurrence ON play_run (play_id, account_id, occurs_on)
    WHERE occurs_on IS NOT NULL AND redoes IS NULL;
CREATE UNIQUE INDEX play_run_redoes ON play_run (redoes) WHERE redoes IS NOT NULL;
