-- Accounts whose new records are stored but not yet evaluated. A large file is stored a chunk at a time
-- and each account it touched is evaluated once after the file, not once per chunk; the queue is a table
-- so a node that stops between the two leaves the work for the next pass instead of losing it.
-- since: when the account's first unevaluated records were stored; signals received from then on (and
-- recent enough) are the ones the rules see arrive.
CREATE TABLE evaluation_due (
    account_id  text PRIMARY KEY,
    since       timestamptz NOT NULL
);

-- Signals and daily usage are the two tables a large file writes a row into per record. A foreign key
-- checks its account once per row, by a query of its own, and locks the account row each time: about a
-- third of the cost of storing a usage row. The intake checks every record's account (one query per
-- batch, naming each record whose account is unknown) in the same transaction before storing, and
-- accounts are never deleted, so these two keep their integrity without the per-row check.
ALTER TABLE signal DROP CONSTRAINT signal_account_id_fkey;
ALTER TABLE usage_daily DROP CONSTRAINT usage_daily_account_id_fkey;
