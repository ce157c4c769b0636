-- Usage is most of what arrives: a daily export is a row per account, feature and day, a product-analytics
-- feed a row per tracked event. As rows of `signal` each cost a JSON payload and three index entries; here
-- they are typed columns with one index, the dedupe key, so a large file can be written with COPY.
-- Nothing reads usage events by account (the rules read the `usage_daily` rollup); an evaluation that
-- wants the usage events that arrived since an account was queued reads them by `received_at`, which
-- grows with the table, so a BRIN index finds them for almost nothing.
CREATE TABLE usage_event (
    -- One numbering with `signal`, so a replay of both in time order puts the one stored first first.
    id           bigint NOT NULL DEFAULT nextval('signal_id_seq'),
    -- Compared byte by byte: a dedupe key needs equality, not a language's sort order, which costs a
    -- collation call per comparison of every row's way into the index.
    source       text COLLATE "C" NOT NULL,
    external_id  text COLLATE "C" NOT NULL,
    account_id   text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    feature      text NOT NULL,
    quantity     bigint NOT NULL,
    active_users integer NOT NULL,
    PRIMARY KEY (source, external_id)
);
CREATE INDEX usage_event_received ON usage_event USING brin (received_at);

INSERT INTO usage_event (id, source, external_id, account_id, occurred_at, received_at, feature, quantity, active_users)
SELECT id, source, external_id, account_id, occurred_at, received_at, payload->>'feature',
       coalesce((payload->>'quantity')::bigint, 0), coalesce((payload->>'activeUsers')::int, 0)
FROM signal WHERE kind = 'usage';
DELETE FROM signal WHERE kind = 'usage';
ALTER TABLE signal ADD CONSTRAINT signal_not_usage CHECK (kind <> 'usage');

-- The rollup's key too: a large file writes a row of it per account, feature and day.
ALTER TABLE usage_daily ALTER COLUMN account_id TYPE text COLLATE "C", ALTER COLUMN feature TYPE text COLLATE "C";

-- Every signal received, whichever table holds it: for counting and looking up by hand, not for the engine's
-- own reads, which go to the table they need.
CREATE VIEW all_signals AS
SELECT id, source, external_id, account_id, kind, occurred_at, received_at FROM signal
UNION ALL
SELECT id, source COLLATE "default", external_id COLLATE "default", account_id, 'usage', occurred_at, received_at FROM usage_event;
