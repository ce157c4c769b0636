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
    /**
     * Each account's latest payment before a moment (the parameter), when it failed: whether a failure still counts,
     * and how many days ago it was, depend on the latest payment however old it is (live reads all of them,
     * {@code FactSets}), and {@code facts.yml} may keep one counting for longer than the history a replay reads. A
     * paid one is left out: the failures before it count for nothing, and the history holds any after it.
     */
    private static final String LAST_FAILED_PAYMENT_BEFORE = """
            SELECT %s FROM (
                SELECT DISTINCT ON (account_id) * FROM signal
                WHERE kind = 'billing' AND payload->>'event' IN ('PAYMENT_FAILED', 'INVOICE_PAID') AND occurred_at < ?
                ORDER BY account_id, occurred_at DESC, id DESC) last_payment
            WHERE payload->>'event' = 'PAYMENT_FAILED'""".formatted(SignalPayloads.SIGNAL_COLUMNS);

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
     * ({@link SignalPayloads#LAST_USE_BEFORE}), so idle days count as live, and its latest payment before {@code from}
     * when it failed ({@link #LAST_FAILED_PAYMENT_BEFORE}), so a failed payment ages as live.
     */
    void stream(Instant from, Instant to, Consumer<Signal> each) {
        Object[] lastUse = SignalPayloads.lastUseBefore(from);
        jdbc.query("SELECT " + SignalPayloads.SIGNAL_COLUMNS + SIGNALS + " UNION ALL SELECT " + SignalPayloads.USAGE_COLUMNS + USAGE
                        + " UNION ALL " + SignalPayloads.LAST_USE_BEFORE + " UNION ALL " + LAST_FAILED_PAYMENT_BEFORE
                        + " ORDER BY occurred_at, id",
                rs -> {
                    each.accept(payloads.read(rs));
                }, Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to), lastUse[0], lastUse[1],
                Timestamp.from(from));
    }
}
