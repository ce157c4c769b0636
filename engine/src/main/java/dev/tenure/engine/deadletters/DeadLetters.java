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
import java.util.Collection;
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

    /** Kept even when the work that refused the record rolls back; the letters of one call are one request. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        long request = jdbc.sql("SELECT nextval('dead_letter_request_seq')").query(Long.class).single();
        for (DeadLetter d : letters) {
            jdbc.sql("INSERT INTO dead_letter (source, origin, line, record, reason, created_at, request_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(storable(d.source()), storable(d.origin()), d.line(), storable(d.record()), storable(d.reason()), now,
                            request)
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
        return latest(source, limit, 0);
    }

    /** Dead letters, newest first, from the {@code offset}-th; of one source when {@code source} is given. */
    public List<DeadLetter> latest(String source, int limit, long offset) {
        return jdbc.sql(SELECT + " WHERE (CAST(? AS text) IS NULL OR source = ?) ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(source, source, limit, offset).query(this::row).list();
    }

    /** How many dead letters {@link #latest} can page through. */
    public long count(String source) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE (CAST(? AS text) IS NULL OR source = ?)")
                .params(source, source).query(Long.class).single();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional();
    }

    /** Marks a dead letter replayed; false when it already was (another replay got there first). */
    public boolean markReplayed(long id, Instant at) {
        return jdbc.sql("UPDATE dead_letter SET replayed_at = ? WHERE id = ? AND replayed_at IS NULL")
                .params(Timestamp.from(at), id).update() == 1;
    }

    /**
     * A page of requests that had records refused, matching {@code search} (in the source, origin, reason or
     * record; null for all), in the order asked.
     */
    public List<DeadLetterRequest> requests(String search, DeadLetterRequest.Order order, boolean descending, int limit,
                                            int offset) {
        String direction = descending ? " DESC" : " ASC";
        String orderBy = switch (order) {
            case WHEN -> "MIN(created_at)" + direction + ", request_id" + direction;
            case SOURCE -> "MIN(source)" + direction + ", request_id DESC";
            case LETTERS -> "COUNT(*)" + direction + ", request_id DESC";
            case WAITING -> "COUNT(*) - COUNT(replayed_at)" + direction + ", request_id DESC";
        };
        return jdbc.sql("SELECT request_id, MIN(created_at) AS at, STRING_AGG(DISTINCT source, ', ') AS sources, "
                        + "STRING_AGG(DISTINCT origin, ', ') AS origins, COUNT(*) AS letters, COUNT(replayed_at) AS replayed "
                        + "FROM dead_letter WHERE " + MATCHES + " GROUP BY request_id ORDER BY " + orderBy + " LIMIT ? OFFSET ?")
                .params(search, like(search), like(search), like(search), like(search), limit, offset)
                .query((rs, n) -> new DeadLetterRequest(rs.getLong("request_id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("sources"), rs.getString("origins"), rs.getInt("letters"), rs.getInt("replayed")))
                .list();
    }

    /** How many requests {@link #requests} would page through. */
    public long countRequests(String search) {
        return jdbc.sql("SELECT COUNT(DISTINCT request_id) FROM dead_letter WHERE " + MATCHES)
                .params(search, like(search), like(search), like(search), like(search)).query(Long.class).single();
    }

    /** The first {@code each} letters of each of these requests, in the order they were refused. */
    public List<DeadLetter> ofRequests(Collection<Long> requestIds, int each) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY request_id ORDER BY id) AS nth "
                        + "FROM dead_letter d WHERE request_id = ANY(?)) ranked WHERE nth <= ? ORDER BY request_id DESC, id")
                .params(requestIds.toArray(Long[]::new), each).query(this::row).list();
    }

    /** Every letter one request left, in the order they were refused. */
    public List<DeadLetter> ofRequest(long requestId) {
        return jdbc.sql(SELECT + " WHERE request_id = ? ORDER BY id").param(requestId).query(this::row).list();
    }

    private static final String MATCHES =
            "(CAST(? AS text) IS NULL OR source ILIKE ? OR origin ILIKE ? OR reason ILIKE ? OR record ILIKE ?)";

    /** A search as an ILIKE pattern in which its own % and _ match only themselves. */
    private static String like(String search) {
        return search == null ? null
                : "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static final String SELECT = "SELECT id, source, origin, line, record, reason, created_at, replayed_at, request_id FROM dead_letter";

    private DeadLetter row(ResultSet rs, int n) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new DeadLetter(rs.getLong("id"), rs.getString("source"), rs.getString("origin"),
                (Integer) rs.getObject("line"), rs.getString("record"), rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(), replayed == null ? null : replayed.toInstant(),
                rs.getLong("request_id"));
    }
}
