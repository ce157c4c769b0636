package dev.tenure.engine.backtest;

import dev.tenure.engine.intake.SignalPayloads;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads stored signals back in event-time order, a few thousand rows at a time (a fetch size, so a
 * PostgreSQL cursor): a replay of millions of signals never holds them all. Must run in a transaction,
 * which is what lets PostgreSQL use a cursor. A payload that does not read back is a bug, named by id.
 */
@Repository
class StoredSignals {

    private static final String WHERE = " FROM signal WHERE occurred_at >= ? AND occurred_at < ?";

    private final JdbcTemplate jdbc;
    private final SignalPayloads payloads;

    StoredSignals(DataSource dataSource, SignalPayloads payloads, BacktestProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(properties.fetchSize());
        this.payloads = payloads;
    }

    long count(Instant from, Instant to) {
        Long count = jdbc.queryForObject("SELECT count(*)" + WHERE, Long.class, Timestamp.from(from), Timestamp.from(to));
        return count == null ? 0 : count;
    }

    /** Every signal that happened in [from, to), oldest first; of two at the same moment, the one stored first. */
    void stream(Instant from, Instant to, Consumer<Signal> each) {
        jdbc.query("SELECT id, kind, payload" + WHERE + " ORDER BY occurred_at, id",
                rs -> {
                    each.accept(payloads.read(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }, Timestamp.from(from), Timestamp.from(to));
    }
}
