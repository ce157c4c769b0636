package dev.tenure.engine.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Reads a stored signal back from its row: a {@code signal} row's payload column holds the signal itself,
 * as JSON; a {@code usage_event} row has a column per field. A query reads both as one with
 * {@link #SIGNAL_COLUMNS} and {@link #USAGE_COLUMNS} and {@link #read(ResultSet)}.
 */
@Component
public class SignalPayloads {

    private static final Map<String, Class<? extends Signal>> TYPES = Map.of(
            "usage", UsageSignal.class, "ticket", TicketSignal.class, "billing", BillingSignal.class, "nps", NpsSignal.class,
            "csat", CsatSignal.class);

    private final ObjectMapper json;

    public SignalPayloads(ObjectMapper json) {
        this.json = json;
    }

    /** A {@code signal} row's columns, in the order {@link #USAGE_COLUMNS} gives a usage event's. */
    public static final String SIGNAL_COLUMNS = "id, kind, payload::text AS payload, occurred_at, NULL::text AS source, "
            + "NULL::text AS external_id, NULL::text AS account_id, NULL::text AS feature, NULL::bigint AS quantity, NULL::int AS active_users";
    public static final String USAGE_COLUMNS =
            "id, 'usage', NULL::text, occurred_at, source, external_id, account_id, feature, quantity, active_users";

    /**
     * Each account's last day of use of each feature in the {@link FactSet#USAGE_LOOKBACK_DAYS} days before a day
     * (the first parameter, excluded; the second, the earliest day read), as {@link #USAGE_COLUMNS} rows of that
     * day's total at its start (UTC): a replay that reads its usage from a few months back still knows how long an
     * account has been idle, as the live facts, which look back a year, do. Otherwise an account idle since before
     * the replayed history would be idle only from its first replayed day, and a backfill's score would depend on
     * where it began.
     */
    public static final String LAST_USE_BEFORE = """
            SELECT 0::bigint AS id, 'usage', NULL::text, CAST(day AS timestamp) AT TIME ZONE 'UTC' AS occurred_at,
                   'usage_daily' AS source, 'last-use:' || feature || ':' || day AS external_id, account_id, feature,
                   quantity, active_users
            FROM (SELECT DISTINCT ON (account_id, feature) account_id, feature, day, quantity, active_users FROM usage_daily
                  WHERE day < ? AND day >= ? AND quantity > 0 ORDER BY account_id, feature, day DESC) last_use""";

    /** The two parameters of {@link #LAST_USE_BEFORE} for the days before the UTC day of {@code before}. */
    public static Object[] lastUseBefore(Instant before) {
        LocalDate day = LocalDate.ofInstant(before, ZoneOffset.UTC);
        return new Object[] {day, day.minusDays(FactSet.USAGE_LOOKBACK_DAYS)};
    }

    /** A row selected with {@link #SIGNAL_COLUMNS} or {@link #USAGE_COLUMNS}. */
    public Signal read(ResultSet row) throws SQLException {
        String payload = row.getString(3);
        if (payload != null) {
            return read(row.getLong(1), row.getString(2), payload);
        }
        return new UsageSignal(row.getString(5), row.getString(6), row.getString(7), row.getTimestamp(4).toInstant(),
                row.getString(8), row.getLong(9), row.getInt(10));
    }

    public Signal read(long id, String kind, String payload) {
        Class<? extends Signal> type = TYPES.get(kind);
        if (type == null) {
            throw new IllegalStateException("signal " + id + " has unknown kind '" + kind + "'");
        }
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal " + id + " (" + kind + ") does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
