-- Contacts and stages as they were: every change is a dated row, so a backtest, a health backfill and the
-- timeline can see an account's contacts and stage at any past moment, not only as they are now.
-- occurred_at is when the change happened (the source's time if the record had one, else the engine's now
-- when it was taken in); recorded_at is when Tenure learnt of it (an evaluation after an import reads the
-- changes recorded since it was queued). origin says what kind of thing made the change, cause which one
-- ("contacts.csv line 7", "rule \"...\"", "unsubscribe link").

CREATE TABLE contact_change (
    id            bigserial PRIMARY KEY,
    account_id    text NOT NULL REFERENCES account (id),
    email         text NOT NULL,
    change        text NOT NULL CHECK (change IN ('ADDED', 'ROLE_CHANGED', 'BECAME_INACTIVE', 'BECAME_ACTIVE', 'UNSUBSCRIBED')),
    old_value     text,
    new_value     text,
    -- The contact as it was right after the change, so its state at any moment is one row away.
    role          text NOT NULL CHECK (role IN ('CHAMPION', 'EXEC_SPONSOR', 'ADMIN', 'BILLING', 'USER')),
    active        boolean NOT NULL,
    unsubscribed  boolean NOT NULL,
    occurred_at   timestamptz NOT NULL,
    -- True when occurred_at is the source's own time. A contact first seen without one (the first import of
    -- a customer base) counts as there before, as first seen: Tenure only learnt of them then.
    dated         boolean NOT NULL,
    recorded_at   timestamptz NOT NULL,
    origin        text NOT NULL CHECK (origin IN ('SOURCE', 'RULE', 'LIFECYCLE', 'UNSUBSCRIBE_LINK')),
    cause         text NOT NULL
);
CREATE INDEX contact_change_contact ON contact_change (account_id, email, occurred_at);
-- A backtest reads the changes of a period, an evaluation queue those recorded since it waited.
CREATE INDEX contact_change_time ON contact_change (occurred_at);
CREATE INDEX contact_change_recorded ON contact_change (recorded_at);

CREATE TABLE stage_change (
    id           bigserial PRIMARY KEY,
    account_id   text NOT NULL REFERENCES account (id),
    -- NULL when the account first appeared in to_stage.
    from_stage   text CHECK (from_stage IN ('ONBOARDING', 'ADOPTION', 'VALUE', 'RENEWAL', 'EXPANSION', 'ADVOCACY', 'CHURNED')),
    to_stage     text NOT NULL CHECK (to_stage IN ('ONBOARDING', 'ADOPTION', 'VALUE', 'RENEWAL', 'EXPANSION', 'ADVOCACY', 'CHURNED')),
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    origin       text NOT NULL CHECK (origin IN ('SOURCE', 'RULE', 'LIFECYCLE', 'UNSUBSCRIBE_LINK')),
    cause        text NOT NULL
);
CREATE INDEX stage_change_account ON stage_change (account_id, occurred_at);
CREATE INDEX stage_change_time ON stage_change (occurred_at);
