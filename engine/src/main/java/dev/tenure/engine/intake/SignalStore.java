package dev.tenure.engine.intake;

import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Signal;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores signals set-wise: the batch is copied ({@code COPY}) into a staging table of the session, then
 * one statement inserts it, skips the ones already received ({@code ON CONFLICT DO NOTHING} on source and
 * external id is the dedupe), and updates the usage and ticket rollups from the rows actually inserted.
 * COPY rather than a statement parameter, because a chunk of a large file is tens of thousands of rows.
 */
@Repository
class SignalStore {

    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO signal (source, external_id, account_id, kind, occurred_at, payload)
                SELECT source, external_id, account_id, kind, occurred_at, payload FROM signal_incoming
                -- In key order, so two batches stored at once take their locks in the same order.
                ORDER BY source, external_id
                ON CONFLICT (source, external_id) DO NOTHING
                RETURNING source, external_id, account_id, kind, occurred_at, payload
            ), usage_rollup AS (
                INSERT INTO usage_daily (account_id, feature, day, quantity, active_users)
                SELECT account_id, payload->>'feature', (occurred_at AT TIME ZONE 'UTC')::date,
                       sum((payload->>'quantity')::bigint), max((payload->>'activeUsers')::int)
                FROM inserted WHERE kind = 'usage' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (account_id, feature, day) DO UPDATE
                    SET quantity = usage_daily.quantity + EXCLUDED.quantity,
                        active_users = greatest(usage_daily.active_users, EXCLUDED.active_users)
            ), ticket_latest AS (
                SELECT DISTINCT ON (account_id, payload->>'ticketId')
                       account_id, payload->>'ticketId' AS ticket_id, payload->>'priority' AS priority,
                       payload->>'status' AS status, payload->>'subject' AS subject,
                       min(occurred_at) OVER (PARTITION BY account_id, payload->>'ticketId') AS opened_at,
                       occurred_at AS updated_at
                FROM inserted WHERE kind = 'ticket'
                ORDER BY account_id, payload->>'ticketId', occurred_at DESC
            ), ticket_rollup AS (
                INSERT INTO ticket (account_id, ticket_id, priority, status, subject, opened_at, closed_at, updated_at)
                SELECT account_id, ticket_id, priority, status, subject, opened_at,
                       CASE WHEN status IN ('SOLVED', 'CLOSED') THEN updated_at END, updated_at
                FROM ticket_latest
                ON CONFLICT (account_id, ticket_id) DO UPDATE
                    SET opened_at = least(ticket.opened_at, EXCLUDED.opened_at),
                        priority = CASE WHEN EXCLUDED.updated_at >= ticket.updated_at THEN EXCLUDED.priority ELSE ticket.priority END,
                        status = CASE WHEN EXCLUDED.updated_at >= ticket.updated_at THEN EXCLUDED.status ELSE ticket.status END,
                        subject = coalesce(EXCLUDED.subject, ticket.subject),
                        closed_at = CASE WHEN EXCLUDED.updated_at >= ticket.updated_at THEN EXCLUDED.closed_at ELSE ticket.closed_at END,
                        updated_at = greatest(ticket.updated_at, EXCLUDED.updated_at)
            )
            """;
    private static final String NEW_ONES = INSERT + "SELECT source, external_id FROM inserted";
    private static final String COUNT = INSERT + "SELECT count(*) FROM inserted";

    /** Lives as long as the session (a pooled connection); emptied at every commit, and before each use. */
    private static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS signal_incoming (source text, external_id text, account_id text, kind text,
                                                             occurred_at timestamptz, payload jsonb) ON COMMIT DELETE ROWS""";
    private static final String COPY =
            "COPY signal_incoming (source, external_id, account_id, kind, occurred_at, payload) FROM STDIN (FORMAT csv)";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonColumns json;

    SignalStore(JdbcClient jdbc, DataSource dataSource, JsonColumns json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Stores the signals and returns the ones that were new, in batch order. Must run in a transaction. */
    List<Signal> store(List<Signal> signals) {
        if (signals.isEmpty()) {
            return List.of();
        }
        Map<String, Signal> unique = stage(signals);
        Set<String> inserted = new HashSet<>(jdbc.sql(NEW_ONES).query((rs, n) -> key(rs.getString(1), rs.getString(2))).list());
        return unique.entrySet().stream().filter(e -> inserted.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /**
     * Stores the signals and returns how many were new: for a chunk of a large file, whose signals need not
     * come back to be evaluated. Must run in a transaction.
     */
    int storeCounting(List<Signal> signals) {
        if (signals.isEmpty()) {
            return 0;
        }
        stage(signals);
        return jdbc.sql(COUNT).query(Integer.class).single();
    }

    /** Copies the batch into staging, each signal once; returns them by key, in batch order. */
    private Map<String, Signal> stage(List<Signal> signals) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // The staging table empties at every commit: outside a transaction the COPY would be gone before the insert.
            throw new IllegalStateException("signals are stored inside a transaction");
        }
        // A batch may carry the same signal twice; the first one counts.
        Map<String, Signal> unique = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder(signals.size() * 200);
        for (Signal s : signals) {
            if (unique.putIfAbsent(key(s.source(), s.externalId()), s) == null) {
                line(csv, s.source(), s.externalId(), s.accountId(), s.kind(), s.occurredAt().toString(), json.write(s));
            }
        }
        copy(csv);
        return unique;
    }

    /** Copies the rows into the staging table, on the transaction's own connection. */
    private void copy(CharSequence csv) {
        jdbc.sql(STAGING).update();
        // Empty already unless this transaction stored a batch before (rows leave only at commit).
        jdbc.sql("DELETE FROM signal_incoming").update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not copy " + csv.length() + " characters of signals into staging", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Signals that happened in this many days become events in the evaluation; older ones are backfill. */
    static final int RECENT_DAYS = 7;

    static boolean recent(Signal s, Instant now) {
        return s.occurredAt().isAfter(now.minus(java.time.Duration.ofDays(RECENT_DAYS)));
    }

    /** One CSV line for COPY: every field quoted, so commas, quotes and line breaks in a payload survive. */
    private static void line(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append('"');
            String f = fields[i];
            for (int c = 0; c < f.length(); c++) {
                char ch = f.charAt(c);
                if (ch == '"') {
                    csv.append('"');
                }
                csv.append(ch);
            }
            csv.append('"');
        }
        csv.append('\n');
    }

    private static String key(String source, String externalId) {
        return source + "\u0000" + externalId;
    }

}
