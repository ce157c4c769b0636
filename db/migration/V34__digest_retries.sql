-- A weekly digest is tried again like a play's email: each hand-over to SMTP is counted before it is
-- made, and retry_at says when the digest is due for another attempt: after a transient failure
-- (RETRYING), or, while it is SENDING, when the node sending it is taken to have died (the lease ends).
-- Rows left SENDING before this migration have no retry_at and are not taken again.
ALTER TABLE digest ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE digest ADD COLUMN retry_at timestamptz;
UPDATE digest SET attempts = 1 WHERE status <> 'KEPT';
ALTER TABLE digest ADD CONSTRAINT digest_status_check
    CHECK (status IN ('SENDING', 'SENT', 'KEPT', 'RETRYING', 'FAILED'));
CREATE INDEX digest_due ON digest (retry_at) WHERE status IN ('SENDING', 'RETRYING');
