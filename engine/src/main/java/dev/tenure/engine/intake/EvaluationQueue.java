package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.AccountHistory;
import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.Signal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts waiting for one evaluation after their records were stored (table {@code evaluation_due}).
 * Claims skip rows another node holds, so two nodes draining the queue take different accounts.
 */
@Repository
class EvaluationQueue {

    private final JdbcClient jdbc;
    private final SignalPayloads payloads;
    private final AccountHistory history;

    EvaluationQueue(JdbcClient jdbc, SignalPayloads payloads, AccountHistory history) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.history = history;
    }

    /**
     * Queues accounts in the caller's transaction, since {@code receivedAt} (the engine's now when the
     * transaction began, when its signals count as received). An account already waiting keeps the earlier of the two starts: two chunks of a file are
     * stored side by side, and the one that began first may commit second; its signals must still count as
     * arrived. Sorted, so two batches queueing the same accounts take their rows in the same order.
     */
    void add(Collection<String> accountIds, Instant receivedAt) {
        if (accountIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO evaluation_due (account_id, since) SELECT id, ? FROM unnest(?::text[]) AS ids(id)
                        ON CONFLICT (account_id) DO UPDATE SET since = EXCLUDED.since WHERE evaluation_due.since > EXCLUDED.since""")
                .params(Timestamp.from(receivedAt), sorted(accountIds)).update();
    }

    private static String[] sorted(Collection<String> ids) {
        String[] sorted = ids.stream().distinct().toArray(String[]::new);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Takes up to {@code limit} waiting accounts off the queue, in id order; a rollback puts them back. */
    Map<String, Instant> claim(int limit) {
        Map<String, Instant> claimed = new HashMap<>();
        jdbc.sql("""
                        DELETE FROM evaluation_due WHERE account_id IN (
                            SELECT account_id FROM evaluation_due ORDER BY account_id LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING account_id, since""")
                .param(limit)
                .query(rs -> {
                    claimed.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return claimed;
    }

    /**
     * The signals that arrived for the claimed accounts while they waited: received since each was queued,
     * recent enough to be events, and of a kind some rule matches (the others would only be read to be
     * ignored), oldest first; with the contact changes recorded meanwhile, when a rule matches those.
     */
    Map<String, List<Signal>> arrived(Map<String, Instant> claimed, Collection<String> kinds, Instant now) {
        Map<String, List<Signal>> arrived = new HashMap<>();
        if (claimed.isEmpty() || kinds.isEmpty()) {
            return arrived;
        }
        List<String> ids = new ArrayList<>(claimed.keySet());
        Timestamp recent = Timestamp.from(FactSet.daysBefore(now, SignalStore.RECENT_DAYS));
        Timestamp earliest = Timestamp.from(Collections.min(claimed.values()));
        String[] accounts = ids.toArray(String[]::new);
        Timestamp[] since = ids.stream().map(id -> Timestamp.from(claimed.get(id))).toArray(Timestamp[]::new);
        List<Object> params = new ArrayList<>(List.of(accounts, since, kinds.toArray(String[]::new), recent));
        String usage = "";
        if (kinds.contains("usage")) {
            // Usage events are found by when they arrived (a BRIN index), then by account.
            usage = """
                    UNION ALL
                    SELECT %s FROM (
                        SELECT u.* FROM usage_event u
                        JOIN unnest(?::text[], ?::timestamptz[]) AS q(account_id, since) ON u.account_id = q.account_id
                        WHERE u.received_at >= ? AND u.occurred_at > ? AND u.received_at >= q.since) arrived_usage
                    """.formatted(SignalPayloads.USAGE_COLUMNS);
            params.addAll(List.of(accounts, since, earliest, recent));
        }
        jdbc.sql("""
                        SELECT %s FROM (
                            SELECT s.* FROM signal s
                            JOIN unnest(?::text[], ?::timestamptz[]) AS q(account_id, since) ON s.account_id = q.account_id
                            WHERE s.kind = ANY(?) AND s.occurred_at > ? AND s.received_at >= q.since) arrived_signals
                        %s
                        ORDER BY occurred_at, id""".formatted(SignalPayloads.SIGNAL_COLUMNS, usage))
                .params(params)
                .query(rs -> {
                    Signal s = payloads.read(rs);
                    arrived.computeIfAbsent(s.accountId(), id -> new ArrayList<>()).add(s);
                });
        if (kinds.contains("contact")) {
            history.recordedSince(claimed, recent.toInstant()).forEach((account, changes) -> {
                List<Signal> all = arrived.computeIfAbsent(account, id -> new ArrayList<>());
                all.addAll(changes);
                all.sort(Comparator.comparing(Signal::occurredAt));
            });
        }
        return arrived;
    }
}
