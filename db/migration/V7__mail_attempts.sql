-- How many times an email was handed to SMTP. The row is written before each attempt, in its own
-- transaction, so an attempt whose outcome is unknown (a crash mid-send) still counts towards the limit.
ALTER TABLE email ADD COLUMN attempts integer NOT NULL DEFAULT 0;
