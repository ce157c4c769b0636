-- A dead letter CS ops replayed (after fixing what refused it) is kept, marked with when it went through.
ALTER TABLE dead_letter ADD COLUMN replayed_at timestamptz;
