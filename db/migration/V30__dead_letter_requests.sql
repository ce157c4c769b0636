-- Every record refused by one request (a webhook call, a chunk of a file, a poll) shares a request number,
-- so the dead letters page can show them as one group and replay them together. Letters stored before
-- this column each stand alone.
CREATE SEQUENCE dead_letter_request_seq;
ALTER TABLE dead_letter ADD COLUMN request_id bigint;
UPDATE dead_letter SET request_id = id;
SELECT setval('dead_letter_request_seq', COALESCE((SELECT MAX(id) FROM dead_letter), 0) + 1, false);
ALTER TABLE dead_letter ALTER COLUMN request_id SET NOT NULL;
CREATE INDEX dead_letter_request ON dead_letter (request_id DESC);
