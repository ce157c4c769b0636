package dev.tenure.engine.rules;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The nodes sharing the database and the rule set version each runs (table {@code rule_set_node}). */
@Repository
public class RuleSetNodes {

    /** A node that has not written for this many polls is not answering: stopped without leaving, or cut off. */
    private static final int POLLS_MISSED = 3;

    private final JdbcClient jdbc;
    private final Duration silence;

    RuleSetNodes(JdbcClient jdbc, RuleSetSyncProperties sync) {
        this.jdbc = jdbc;
        this.silence = sync.pollInterval().multipliedBy(POLLS_MISSED);
    }

    /** Whether the node wrote within the last three polls (this node's poll interval; set the same on every node). */
    public boolean answering(RuleSetNode node, Instant now) {
        return !node.lastSeen().isBefore(now.minus(silence));
    }

    /** Every node that reported and has not left, by name. */
    public List<RuleSetNode> all() {
        return jdbc.sql("SELECT node_id, version, since, started_at, last_seen, problem FROM rule_set_node ORDER BY node_id")
                .query((rs, n) -> new RuleSetNode(rs.getString("node_id"), rs.getString("version"),
                        rs.getTimestamp("since").toInstant(), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("last_seen").toInstant(), rs.getString("problem")))
                .list();
    }

    /** Forgets the nodes not seen since then: crashed ones whose name (host and process id) will not come back. */
    void forget(Instant notSeenSince) {
        jdbc.sql("DELETE FROM rule_set_node WHERE last_seen < ?").param(Timestamp.from(notSeenSince)).update();
    }

    void report(RuleSetNode node) {
        jdbc.sql("""
                        INSERT INTO rule_set_node (node_id, version, since, started_at, last_seen, problem)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (node_id) DO UPDATE SET version = excluded.version, since = excluded.since,
                            started_at = excluded.started_at, last_seen = excluded.last_seen, problem = excluded.problem""")
                .params(node.nodeId(), node.version(), Timestamp.from(node.since()), Timestamp.from(node.startedAt()),
                        Timestamp.from(node.lastSeen()), node.problem())
                .update();
    }

    /**
     * Deletes a stopping node's row on a connection it already holds: at a stop while the database is away,
     * waiting for a new connection from the pool would hold up the stop for the pool's whole timeout.
     */
    static void leave(Connection connection, String nodeId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM rule_set_node WHERE node_id = ?")) {
            delete.setString(1, nodeId);
            delete.executeUpdate();
        }
    }
}
