-- Which items of its play step's checklist a task's owner has ticked off, by position in the checklist.
ALTER TABLE task ADD COLUMN checklist_done integer[] NOT NULL DEFAULT '{}';
