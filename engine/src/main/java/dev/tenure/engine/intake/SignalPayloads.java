package dev.tenure.engine.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
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
