-- Slack incoming webhooks that hear of new high-priority tasks: one CSM's (scope CSM, csm set) or every
-- CSM's (scope TEAM). The URL is a secret (whoever has it posts to the channel): pages show it masked.
CREATE TABLE slack_webhook (
    id          bigserial PRIMARY KEY,
    scope       text NOT NULL CHECK (scope IN ('CSM', 'TEAM')),
    csm         text CHECK (csm = lower(csm)),
    channel     text NOT NULL,
    url         text NOT NULL CHECK (url LIKE 'http%://%'),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL,
    CHECK ((scope = 'CSM') = (csm IS NOT NULL))
);

-- One post of one task to one webhook: queued when the task is seen, retried with backoff, SENT or FAILED
-- in the end. The unique pair is what keeps two nodes, or two polls, from posting a task twice.
CREATE TABLE slack_post (
    id               bigserial PRIMARY KEY,
    task_id          bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    webhook_id       bigint NOT NULL REFERENCES slack_webhook (id) ON DELETE CASCADE,
    status           text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    UNIQUE (task_id, webhook_id)
);
CREATE INDEX slack_post_due ON slack_post (next_attempt_at) WHERE status = 'PENDING';

-- Each poll looks at the high-priority tasks created since a moment.
CREATE INDEX task_high_created ON task (created_at) WHERE priority = 'HIGH';
