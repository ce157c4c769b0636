-- A score is LIVE (an evaluation of the account as it happened) or BACKFILL (computed afterwards from
-- stored history, for a day no evaluation scored, e.g. an imported past). A backfill replaces only its own
-- scores, never a live one.
ALTER TABLE health_score ADD COLUMN origin text NOT NULL DEFAULT 'LIVE'
    CHECK (origin IN ('LIVE', 'BACKFILL'));
CREATE INDEX health_score_backfill ON health_score (computed_at) WHERE origin = 'BACKFILL';
