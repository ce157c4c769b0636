package dev.tenure.engine.timeline;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Writes and reads account timelines; writes join the caller's transaction. */
@Repository
public class Timeline {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public Timeline(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Records a batch's entries in one round trip. */
    public void recordAll(List<TimelineEntry> entries) {
        batch.batchUpdate("INSERT INTO timeline_entry (account_id, at, type, summary, ref) VALUES (?, ?, ?, ?, ?)",
                entries, entries.size(), (ps, entry) -> {
                    ps.setString(1, entry.accountId());
                    ps.setTimestamp(2, java.sql.Timestamp.from(entry.at()));
                    ps.setString(3, entry.type());
                    ps.setString(4, entry.summary());
                    ps.setString(5, entry.ref());
                });
    }

    public void record(TimelineEntry entry) {
        jdbc.sql("INSERT INTO timeline_entry (account_id, at, type, summary, ref) VALUES (?, ?, ?, ?, ?)")
                .params(entry.accountId(), java.sql.Timestamp.from(entry.at()), entry.type(), entry.summary(), entry.ref())
                .update();
    }

    public List<TimelineEntry> of(String accountId, int limit) {
        return jdbc.sql("""
                        SELECT account_id, at, type, summary, ref FROM timeline_entry
                        WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?""")
                .params(accountId, limit)
                .query((rs, n) -> new TimelineEntry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /** The latest entries of the given types across all accounts, e.g. suppressed and deferred emails. */
    public List<TimelineEntry> latestOfTypes(List<String> types, int limit) {
        return jdbc.sql("""
                        SELECT account_id, at, type, summary, ref FROM timeline_entry
                        WHERE type IN (:types) ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("types", types).param("limit", limit)
                .query((rs, n) -> new TimelineEntry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }
}
