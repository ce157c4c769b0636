-- Rule set versions: which one is in force, which were refused and why, and who brought each in.
-- status: ACTIVE (exactly one), RETIRED (was active, replaced), REJECTED (never passed its checks).
-- origin and who say how the version was last submitted or made active: from the rules folder (who is
-- "start" or "file watcher"), uploaded through the API, or a rollback (who is the user in both cases).
ALTER TABLE rule_set
    ADD COLUMN status       text        NOT NULL DEFAULT 'RETIRED'
        CHECK (status IN ('ACTIVE', 'RETIRED', 'REJECTED')),
    ADD COLUMN errors       jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN origin       text        NOT NULL DEFAULT 'folder'
        CHECK (origin IN ('folder', 'upload', 'rollback')),
    ADD COLUMN who          text        NOT NULL DEFAULT 'start',
    ADD COLUMN activated_at timestamptz;

-- Versions stored before this migration were all active once; the next start activates the folder's.
UPDATE rule_set SET activated_at = loaded_at;

CREATE UNIQUE INDEX rule_set_one_active ON rule_set (status) WHERE status = 'ACTIVE';

-- Every attempt to change the rule set, kept even when a version is made active again later, so each
-- upload and rollback stays recorded with who made it.
CREATE TABLE rule_set_event (
    id       bigserial PRIMARY KEY,
    version  text        NOT NULL REFERENCES rule_set (version),
    at       timestamptz NOT NULL DEFAULT now(),
    outcome  text        NOT NULL CHECK (outcome IN ('ACTIVATED', 'REJECTED', 'UNCHANGED')),
    origin   text        NOT NULL CHECK (origin IN ('folder', 'upload', 'rollback')),
    who      text        NOT NULL,
    errors   jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX rule_set_event_version ON rule_set_event (version, at DESC);
