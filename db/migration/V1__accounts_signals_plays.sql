-- Accounts and the people at them.
CREATE TABLE account (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    segment     text NOT NULL,
    stage       text NOT NULL,
    csm         text,
    arr         numeric(14, 2),
    plan        text,
    started_on  date,
    renewal_on  date,
    timezone    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact (
    account_id    text NOT NULL REFERENCES account (id),
    email         text NOT NULL,
    name          text,
    role          text NOT NULL,
    timezone      text,
    active        boolean NOT NULL DEFAULT true,
    unsubscribed  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (account_id, email)
);

-- Every signal ever received. (source, external_id) is the dedupe key: a replay inserts nothing.
CREATE TABLE signal (
    id           bigserial PRIMARY KEY,
    source       text NOT NULL,
    external_id  text NOT NULL,
    account_id   text NOT NULL REFERENCES account (id),
    kind         text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    payload      jsonb NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX signal_account_kind_time ON signal (account_id, kind, occurred_at);

-- Rollups kept current as signals arrive, so rules see compact facts.
CREATE TABLE usage_daily (
    account_id    text NOT NULL REFERENCES account (id),
    feature       text NOT NULL,
    day           date NOT NULL,
    quantity      bigint NOT NULL,
    active_users  integer NOT NULL,
    PRIMARY KEY (account_id, feature, day)
);

CREATE TABLE ticket (
    account_id  text NOT NULL REFERENCES account (id),
    ticket_id   text NOT NULL,
    priority    text NOT NULL,
    status      text NOT NULL,
    subject     text,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, ticket_id)
);

CREATE TABLE health_score (
    id           bigserial PRIMARY KEY,
    account_id   text NOT NULL REFERENCES account (id),
    score        integer NOT NULL,
    previous     integer NOT NULL,
    components   jsonb NOT NULL,
    computed_at  timestamptz NOT NULL
);
CREATE INDEX health_score_account_time ON health_score (account_id, computed_at DESC);

CREATE TABLE milestone (
    account_id  text NOT NULL REFERENCES account (id),
    type        text NOT NULL,
    reached_at  timestamptz NOT NULL,
    rule_name   text,
    PRIMARY KEY (account_id, type)
);

-- Every rule set that was loaded, so a play run can say which rules started it.
CREATE TABLE rule_set (
    version    text PRIMARY KEY,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    files      jsonb NOT NULL,
    rules      jsonb NOT NULL
);

-- A play started for an account, with why: the rule, its rule set version and the facts it matched.
CREATE TABLE play_run (
    id                bigserial PRIMARY KEY,
    account_id        text NOT NULL REFERENCES account (id),
    play_id           text NOT NULL,
    play_name         text NOT NULL,
    status            text NOT NULL,
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz,
    rule_name         text NOT NULL,
    rule_set_version  text NOT NULL REFERENCES rule_set (version),
    matched_facts     jsonb NOT NULL
);
CREATE INDEX play_run_account_play ON play_run (account_id, play_id, started_at DESC);

-- Each step of a play run is a row with a due time; the due-steps job drains them.
CREATE TABLE play_step (
    id           bigserial PRIMARY KEY,
    run_id       bigint NOT NULL REFERENCES play_run (id),
    account_id   text NOT NULL REFERENCES account (id),
    position     integer NOT NULL,
    type         text NOT NULL,
    definition   jsonb NOT NULL,
    due_at       timestamptz NOT NULL,
    status       text NOT NULL,
    executed_at  timestamptz,
    result       text,
    UNIQUE (run_id, position)
);
CREATE INDEX play_step_due ON play_step (due_at) WHERE status = 'SCHEDULED';

CREATE TABLE task (
    id            bigserial PRIMARY KEY,
    account_id    text NOT NULL REFERENCES account (id),
    run_id        bigint REFERENCES play_run (id),
    step_id       bigint UNIQUE REFERENCES play_step (id),
    owner         text NOT NULL,
    title         text NOT NULL,
    details       text,
    priority      text NOT NULL,
    status        text NOT NULL,
    due_at        timestamptz NOT NULL,
    snoozed_until timestamptz,
    outcome       text,
    note          text,
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz
);
CREATE INDEX task_owner_status_due ON task (owner, status, due_at);

CREATE TABLE email (
    id          bigserial PRIMARY KEY,
    account_id  text NOT NULL REFERENCES account (id),
    run_id      bigint REFERENCES play_run (id),
    step_id     bigint UNIQUE REFERENCES play_step (id),
    message_id  text NOT NULL UNIQUE,
    recipient   text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    status      text NOT NULL,
    error       text,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX email_account ON email (account_id, created_at DESC);

-- What happened at an account, newest first: plays, tasks, emails, milestones, stage moves.
CREATE TABLE timeline_entry (
    id          bigserial PRIMARY KEY,
    account_id  text NOT NULL REFERENCES account (id),
    at          timestamptz NOT NULL,
    type        text NOT NULL,
    summary     text NOT NULL,
    ref         text
);
CREATE INDEX timeline_account_at ON timeline_entry (account_id, at DESC);

-- Records a source could not take, with where they came from and why.
CREATE TABLE dead_letter (
    id          bigserial PRIMARY KEY,
    source      text NOT NULL,
    origin      text NOT NULL,
    line        integer,
    record      text NOT NULL,
    reason      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
