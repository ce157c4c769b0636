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

    private static final String SIGNALS = " FROM signal WHERE occurred_at >= ? AND occurred_at < ?";
    private static final String USAGE = " FROM usage_event WHERE occurred_at >= ? AND occurred_at < ?";

    private final JdbcTemplate jdbc;
    private final SignalPayloads payloads;

    StoredSignals(DataSource dataSource, SignalPayloads payloads, BacktestProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(properties.fetchSize());
        this.payloads = payloads;
    }

    long count(Instant from, Instant to) {
        Long count = jdbc.queryForObject("SELECT (SELECT count(*)" + SIGNALS + ") + (SELECT count(*)" + USAGE + ")", Long.class,
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to));
        return count == null ? 0 : count;
    }

    /**
     * Every signal that happened in [from, to), oldest first; of two at the same moment, the one stored first. Before
     * them, each account's last day of use of each feature in the year before {@code from}
     * ({@link SignalPayloads#LAST_USE_BEFORE}), so idle days count as live.
     */
    void stream(Instant from, Instant to, Consumer<Signal> each) {
        Object[] lastUse = SignalPayloads.lastUseBefore(from);
        jdbc.query("SELECT " + SignalPayloads.SIGNAL_COLUMNS + SIGNALS + " UNION ALL SELECT " + SignalPayloads.USAGE_COLUMNS + USAGE
                        + " UNION ALL " + SignalPayloads.LAST_USE_BEFORE + " ORDER BY occurred_at, id",
                rs -> {
                    each.accept(payloads.read(rs));
                }, Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to), lastUse[0], lastUse[1]);
    }
}
