package dev.tenure.engine.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads stored signals back in event-time order, a few thousand rows at a time (a fetch size, so a
 * PostgreSQL cursor): a replay of millions of signals never holds them all. Must run in a transaction,
 * which is what lets PostgreSQL use a cursor.
 */
@Repository
class StoredSignals {

    private static final String WHERE = " FROM signal WHERE occurred_at >= ? AND occurred_at < ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    StoredSignals(DataSource dataSource, ObjectMapper json, BacktestProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(properties.fetchSize());
        this.json = json;
    }

    long count(Instant from, Instant to) {
        Long count = jdbc.queryForObject("SELECT count(*)" + WHERE, Long.class, Timestamp.from(from), Timestamp.from(to));
        return count == null ? 0 : count;
    }

    /** Every signal that happened in [from, to), oldest first; of two at the same moment, the one stored first. */
    void stream(Instant from, Instant to, Consumer<Signal> each) {
        jdbc.query("SELECT id, kind, payload" + WHERE + " ORDER BY occurred_at, id",
                rs -> {
                    each.accept(signal(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }, Timestamp.from(from), Timestamp.from(to));
    }

    /** The payload is the signal as the engine stored it; one that does not read back is a bug, named by id. */
    private Signal signal(long id, String kind, String payload) {
        Class<? extends Signal> type = switch (kind) {
            case "usage" -> UsageSignal.class;
            case "ticket" -> TicketSignal.class;
            case "billing" -> BillingSignal.class;
            case "nps" -> NpsSignal.class;
            case "csat" -> CsatSignal.class;
            default -> throw new IllegalStateException("signal " + id + " has unknown kind '" + kind + "'");
        };
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal " + id + " (" + kind + ") does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
