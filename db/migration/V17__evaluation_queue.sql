-- Accounts whose new records are stored but not yet evaluated. A large file is stored a chunk at a time
-- and each account it touched is evaluated once after the file, not once per chunk; the queue is a table
-- so a node that stops between the two leaves the work for the next pass instead of losing it.
-- since: when the account's first unevaluated records were stored; signals received from then on (and
-- recent enough) are the ones the rules see arrive.
CREATE TABLE evaluation_due (
    account_id  text PRIMARY KEY REFERENCES account (id),
    since       timestamptz NOT NULL
);
