-- The nodes that share this database, and the rule set version each one runs. The ACTIVE row of rule_set is
-- the version in force for all of them; each node follows it (LISTEN tenure_rule_set, and a poll) and
-- writes here what it runs, since when, when it was last seen, and why it does not run the version in
-- force if it cannot compile it. A node deletes its row when it stops; a crashed node's row stays, its
-- last_seen getting older. Times come from the nodes' clocks, passed as parameters.
CREATE TABLE rule_set_node (
    node_id     text PRIMARY KEY CHECK (node_id <> '' AND length(node_id) <= 200),
    version     text NOT NULL REFERENCES rule_set (version),
    since       timestamptz NOT NULL,
    started_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    problem     text
);

-- The last version that came from the rules folder decides whether a folder read is a change: the
-- folder's newest accepted event is looked up at every start and folder change.
CREATE INDEX rule_set_event_folder ON rule_set_event (id DESC)
    WHERE origin = 'folder' AND outcome IN ('ACTIVATED', 'UNCHANGED');
