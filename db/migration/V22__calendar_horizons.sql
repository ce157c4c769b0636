-- A measured run keeps the moment its goal is judged at, counted on the account's calendar when it starts
-- (30 days after 10:00 is 10:00 on the wall clock, also across a DST change), not started_at plus a fixed
-- number of hours. goal_within stays as the span the play file gave, for reading.
ALTER TABLE play_run ADD COLUMN goal_horizon_at timestamptz;
UPDATE play_run SET goal_horizon_at = started_at + goal_within WHERE goal_within IS NOT NULL;
ALTER TABLE play_run ADD CONSTRAINT play_run_goal_measured_together
    CHECK ((goal_within IS NULL) = (goal_horizon_at IS NULL));
