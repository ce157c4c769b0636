package dev.tenure.engine.deadletters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The dead-letter store. */
@Repository
public class DeadLetters {

    private final JdbcClient jdbc;
    private final Clock clock;

    public DeadLetters(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Kept even when the work that refused the record rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(List<DeadLetter> letters) {
        Timestamp now = Timestamp.from(clock.instant());
        for (DeadLetter d : letters) {
            jdbc.sql("INSERT INTO dead_letter (source, origin, line, record, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(storable(d.source()), storable(d.origin()), d.line(), storable(d.record()), storable(d.reason()), now)
                    .update();
        }
    }

    /**
     * PostgreSQL's text cannot hold a NUL, and a refused record may be refused for carrying one: the letter is
     * kept with U+FFFD in its place, so a record is never lost for the very reason it was refused.
     */
    private static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    public List<DeadLetter> latest(String source, int limit) {
        return jdbc.sql(SELECT + " WHERE (CAST(? AS text) IS NULL OR source = ?) ORDER BY id DESC LIMIT ?")
                .params(source, source, limit).query(this::row).list();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional();
    }

    /** Marks a dead letter replayed; false when it already was (another replay got there first). */
    public boolean markReplayed(long id, Instant at) {
        return jdbc.sql("UPDATE dead_letter SET replayed_at = ? WHERE id = ? AND replayed_at IS NULL")
                .params(Timestamp.from(at), id).update() == 1;
    }

    private static final String SELECT = "SELECT id, source, origin, line, record, reason, created_at, replayed_at FROM dead_letter";

    private DeadLetter row(ResultSet rs, int n) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new DeadLetter(rs.getLong("id"), rs.getString("source"), rs.getString("origin"),
                (Integer) rs.getObject("line"), rs.getString("record"), rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(), replayed == null ? null : replayed.toInstant());
    }
}
