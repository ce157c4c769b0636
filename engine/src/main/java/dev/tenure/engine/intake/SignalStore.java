package dev.tenure.engine.intake;

import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores signals set-wise: one statement inserts the batch, skips the ones already received
 * ({@code ON CONFLICT DO NOTHING} on source and external id is the dedupe), and updates the usage and
 * ticket rollups from the rows actually inserted.
 */
@Repository
class SignalStore {

    private static final String INSERT = """
            WITH incoming AS (
                SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                    AS r(source text, external_id text, account_id text, kind text, occurred_at timestamptz, payload jsonb)
            ), inserted AS (
                INSERT INTO signal (source, external_id, account_id, kind, occurred_at, payload)
                SELECT source, external_id, account_id, kind, occurred_at, payload FROM incoming
                ON CONFLICT (source, external_id) DO NOTHING
                RETURNING source, external_id, account_id, kind, occurred_at, payload
            ), usage_rollup AS (
                INSERT INTO usage_daily (account_id, feature, day, quantity, active_users)
                SELECT account_id, payload->>'feature', (occurred_at AT TIME ZONE 'UTC')::date,
                       sum((payload->>'quantity')::bigint), max((payload->>'activeUsers')::int)
                FROM inserted WHERE kind = 'usage' GROUP BY 1, 2, 3
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
            SELECT source, external_id, account_id FROM inserted""";

    private final JdbcClient jdbc;
    private final JsonColumns json;

    SignalStore(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the signals and returns the ones that were new, in batch order. */
    List<Signal> store(List<Signal> signals) {
        if (signals.isEmpty()) {
            return List.of();
        }
        // A batch may carry the same signal twice; the first one counts.
        Map<String, Signal> unique = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Signal s : signals) {
            if (unique.putIfAbsent(key(s.source(), s.externalId()), s) == null) {
                rows.add(Map.of("source", s.source(), "external_id", s.externalId(), "account_id", s.accountId(),
                        "kind", s.kind(), "occurred_at", s.occurredAt().toString(), "payload", s));
            }
        }
        Set<String> inserted = new HashSet<>(jdbc.sql(INSERT).param("rows", json.write(rows))
                .query((rs, n) -> key(rs.getString(1), rs.getString(2))).list());
        return unique.entrySet().stream().filter(e -> inserted.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** Signals that happened in this window become events in the evaluation; older ones are backfill. */
    static boolean recent(Signal s, Instant now) {
        return s.occurredAt().isAfter(now.minus(java.time.Duration.ofDays(7)));
    }

    private static String key(String source, String externalId) {
        return source + "\u0000" + externalId;
    }

}
