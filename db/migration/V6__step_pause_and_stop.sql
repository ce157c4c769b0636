-- A run keeps its play's stop condition, as its steps keep their definitions: a run is judged by the
-- play it started with, not by whatever the rules say later.
ALTER TABLE play_run ADD COLUMN stop_when jsonb;
-- When a run was paused, so resuming can shift its remaining steps by the time it stood still.
ALTER TABLE play_run ADD COLUMN paused_at timestamptz;
