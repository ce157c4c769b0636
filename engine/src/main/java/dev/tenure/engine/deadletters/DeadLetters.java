package dev.tenure.engine.deadletters;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The dead-letter store. */
@Repository
public class DeadLetters {

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Kept even when the work that refused the record rolls back. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(List<DeadLetter> letters) {
        for (DeadLetter d : letters) {
            jdbc.sql("INSERT INTO dead_letter (source, origin, line, record, reason) VALUES (?, ?, ?, ?, ?)")
                    .params(d.source(), d.origin(), d.line(), d.record(), d.reason())
                    .update();
        }
    }

    public List<DeadLetter> latest(String source, int limit) {
        return jdbc.sql("""
                        SELECT id, source, origin, line, record, reason, created_at FROM dead_letter
                        WHERE (CAST(? AS text) IS NULL OR source = ?) ORDER BY id DESC LIMIT ?""")
                .params(source, source, limit)
                .query((rs, n) -> new DeadLetter(rs.getLong("id"), rs.getString("source"), rs.getString("origin"),
                        (Integer) rs.getObject("line"), rs.getString("record"), rs.getString("reason"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
