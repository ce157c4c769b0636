package dev.tenure.engine.intake;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores signals set-wise. Usage goes to its own ledger ({@link UsageLedger}); for the other kinds one
 * statement inserts them, skips the ones already received ({@code ON CONFLICT DO NOTHING} on source, kind
 * and external id is the dedupe: two kinds' events of one source may share an id), and updates the ticket rollup from the rows actually inserted. A few signals
 * (a webhook call) are given to it as parameters, one array per column; a chunk of a large file, tens of
 * thousands of rows, is first copied ({@code COPY}) into a staging table of the session.
 */
@Repository
class SignalStore {

    private static final String INSERT = """
            WITH numbered AS (
                -- Ids in arrival order: of two signals at the same moment, the one received later is the later one,
                -- here (ORDER BY occurred_at, id), in a replay and in a scenario (the order of its lines) alike.
                SELECT nextval('signal_id_seq') AS id, source, external_id, account_id, kind, occurred_at, payload
                FROM (SELECT * FROM %s ORDER BY position) arrived
            ), inserted AS (
                INSERT INTO signal (id, source, external_id, account_id, kind, occurred_at, payload, received_at)
                SELECT id, source, external_id, account_id, kind, occurred_at, payload, CAST(? AS timestamptz) FROM numbered
                -- In key order, so two batches stored at once take their locks in the same order.
                ORDER BY source, kind, external_id
                ON CONFLICT (source, kind, external_id) DO NOTHING
                RETURNING id, source, external_id, account_id, kind, occurred_at, payload
            ), ticket_latest AS (
                SELECT DISTINCT ON (account_id, payload->>'ticketId')
                       account_id, payload->>'ticketId' AS ticket_id, payload->>'priority' AS priority,
                       payload->>'status' AS status, payload->>'subject' AS subject,
                       min(occurred_at) OVER (PARTITION BY account_id, payload->>'ticketId') AS opened_at,
                       occurred_at AS updated_at
                FROM inserted WHERE kind = 'ticket'
                ORDER BY account_id, payload->>'ticketId', occurred_at DESC, id DESC
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
    private static final String STAGED = "signal_incoming";
    /** The signals given as one array per column: see {@link UsageLedger#GIVEN_AT_MOST}. */
    private static final String GIVEN = """
            unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]),
                   CAST(? AS jsonb[])) WITH ORDINALITY AS incoming (source, external_id, account_id, kind, occurred_at, payload,
                                                                   position)""";
    private static final String NEW_ONES = INSERT + "SELECT source, kind, external_id FROM inserted";
    private static final String COUNT = INSERT + "SELECT count(*) FROM inserted";

    /** Lives as long as the session (a pooled connection); emptied at every commit, and before each use. */
    private static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS signal_incoming (source text, external_id text, account_id text, kind text,
                                                             occurred_at timestamptz, payload jsonb,
                                                             position bigint GENERATED ALWAYS AS IDENTITY)
            ON COMMIT DELETE ROWS""";
    private static final String COPY =
            "COPY signal_incoming (source, external_id, account_id, kind, occurred_at, payload) FROM STDIN (FORMAT csv)";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonColumns json;
    private final UsageLedger usage;

    SignalStore(JdbcClient jdbc, DataSource dataSource, JsonColumns json, UsageLedger usage) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.usage = usage;
    }

    /**
     * Stores the signals and returns the ones that were new, in batch order. Must run in a transaction.
     * {@code receivedAt} is the engine's now when the transaction began: the evaluation queue finds what
     * arrived for an account by it.
     */
    List<Signal> store(List<Signal> signals, Instant receivedAt) {
        requireTransaction();
        Kinds kinds = Kinds.of(signals);
        Set<Signal> inserted = new HashSet<>(usage.store(kinds.usage(), receivedAt));
        if (!kinds.others().isEmpty()) {
            Map<String, Signal> unique = unique(kinds.others());
            RowMapper<Signal> back = (rs, n) -> unique.get(key(rs.getString(1), rs.getString(2), rs.getString(3)));
            if (unique.size() <= UsageLedger.GIVEN_AT_MOST) {
                given(NEW_ONES, unique.values(), receivedAt).query(back).list().forEach(inserted::add);
            } else {
                copy(unique.values());
                jdbc.sql(NEW_ONES.formatted(STAGED)).param(Timestamp.from(receivedAt)).query(back).list().forEach(inserted::add);
            }
        }
        // Batch order, each new signal once (a batch may carry one twice).
        Set<Signal> seen = new HashSet<>();
        return signals.stream().filter(inserted::contains).filter(seen::add).toList();
    }

    /**
     * Stores the signals and returns how many were new: for a chunk of a large file, whose signals need not
     * come back to be evaluated. Must run in a transaction.
     */
    int storeCounting(List<Signal> signals, Instant receivedAt) {
        requireTransaction();
        Kinds kinds = Kinds.of(signals);
        int stored = usage.storeCounting(kinds.usage(), receivedAt);
        if (!kinds.others().isEmpty()) {
            Map<String, Signal> unique = unique(kinds.others());
            if (unique.size() <= UsageLedger.GIVEN_AT_MOST) {
                stored += given(COUNT, unique.values(), receivedAt).query(Integer.class).single();
            } else {
                copy(unique.values());
                stored += jdbc.sql(COUNT.formatted(STAGED)).param(Timestamp.from(receivedAt)).query(Integer.class).single();
            }
        }
        return stored;
    }

    /** Usage and the rest: they are kept apart. */
    private record Kinds(List<UsageSignal> usage, List<Signal> others) {
        static Kinds of(List<Signal> signals) {
            List<UsageSignal> usage = new ArrayList<>();
            List<Signal> others = new ArrayList<>();
            for (Signal s : signals) {
                if (s instanceof UsageSignal u) {
                    usage.add(u);
                } else {
                    others.add(s);
                }
            }
            return new Kinds(usage, others);
        }
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Staging tables empty at every commit: outside a transaction the COPY would be gone before the insert.
            throw new IllegalStateException("signals are stored inside a transaction");
        }
    }

    /** A batch may carry the same signal twice; the first one counts. By key, in batch order. */
    private static Map<String, Signal> unique(List<Signal> signals) {
        Map<String, Signal> unique = new LinkedHashMap<>();
        for (Signal s : signals) {
            unique.putIfAbsent(key(s.source(), s.kind(), s.externalId()), s);
        }
        return unique;
    }

    /** The statement over the signals given as parameters, one array per column. */
    private JdbcClient.StatementSpec given(String statement, Collection<Signal> signals, Instant receivedAt) {
        int n = signals.size();
        String[] sources = new String[n];
        String[] ids = new String[n];
        String[] accounts = new String[n];
        String[] kinds = new String[n];
        String[] at = new String[n];
        String[] payloads = new String[n];
        int i = 0;
        for (Signal s : signals) {
            sources[i] = s.source();
            ids[i] = s.externalId();
            accounts[i] = s.accountId();
            kinds[i] = s.kind();
            at[i] = s.occurredAt().toString();
            payloads[i] = json.write(s);
            i++;
        }
        return jdbc.sql(statement.formatted(GIVEN)).params(sources, ids, accounts, kinds, at, payloads, Timestamp.from(receivedAt));
    }

    /** Copies the signals into staging. */
    private void copy(Collection<Signal> signals) {
        CopyText csv = new CopyText();
        for (Signal s : signals) {
            csv.text(s.source()).text(s.externalId()).text(s.accountId()).text(s.kind()).plain(s.occurredAt().toString())
                    .text(json.write(s)).end();
        }
        copy(csv);
    }

    /** Copies the rows into the staging table, on the transaction's own connection. */
    private void copy(CopyText csv) {
        jdbc.sql(STAGING).update();
        // Empty already unless this transaction stored a batch before (rows leave only at commit).
        jdbc.sql("DELETE FROM signal_incoming").update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, csv.bytes());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not copy " + csv.length() + " characters of signals into staging", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Signals that happened in this many days become events in the evaluation; older ones are backfill. */
    static final int RECENT_DAYS = 7;

    static boolean recent(Signal s, Instant now) {
        return s.occurredAt().isAfter(FactSet.daysBefore(now, RECENT_DAYS));
    }

    private static String key(String source, String kind, String externalId) {
        return source + "\u0000" + kind + "\u0000" + externalId;
    }

}
