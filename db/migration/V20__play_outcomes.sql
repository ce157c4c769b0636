-- A run keeps the horizon its play measured its goal at, as it keeps its stop condition: a run is judged by
-- the play it started with. Null: the play was not measured. Runs of accounts held out of a play to measure
-- it have status HOLDOUT and no steps.
ALTER TABLE play_run ADD COLUMN goal_within interval;
-- Outcome reports read the runs of a play started in a period.
CREATE INDEX play_run_play_started ON play_run (play_id, started_at) WHERE goal_within IS NOT NULL;
