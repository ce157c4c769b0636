package dev.tenure.engine.intake;

import dev.tenure.engine.vocabulary.UsageSignal;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Usage events ({@code usage_event}, one row per event, deduplicated by source and external id) and their
 * daily rollup ({@code usage_daily}, which the rules read). A chunk of a large file is first written
 * straight into both tables with {@code COPY}, the rollup summed per account, feature and day beforehand:
 * when nothing in it was seen before and no day is already rolled up, as in a fresh export, that is all
 * the work. If PostgreSQL refuses a row as a duplicate, the chunk is rolled back to before the copy and
 * takes the careful path: inserted skipping what is already there, and added to the rollup. A few events (a
 * webhook call, a Kafka message) always take that path, given to the statement as parameters; more are staged
 * with {@code COPY} first.
 */
@Repository
class UsageLedger {

    private static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS usage_incoming (source text, external_id text, account_id text, occurred_at timestamptz,
                                                            feature text, quantity bigint, active_users integer) ON COMMIT DELETE ROWS""";
    private static final String COPY_COLUMNS = " (source, external_id, account_id, occurred_at, feature, quantity, active_users) FROM STDIN (FORMAT csv)";
    /** Straight into the table, the rows carry when they were received (the engine's clock, not the database's). */
    private static final String COPY_RECEIVED_COLUMNS =
            " (source, external_id, account_id, occurred_at, feature, quantity, active_users, received_at) FROM STDIN (FORMAT csv)";

    private static final String INSERT_NEW = """
            WITH inserted AS (
                INSERT INTO usage_event (source, external_id, account_id, occurred_at, feature, quantity, active_users, received_at)
                SELECT source, external_id, account_id, occurred_at, feature, quantity, active_users, CAST(? AS timestamptz)
                FROM %s
                -- In key order, so two batches stored at once take their locks in the same order.
                ORDER BY source, external_id
                ON CONFLICT (source, external_id) DO NOTHING
                RETURNING source, external_id, account_id, occurred_at, feature, quantity, active_users
            ), rollup AS (
                INSERT INTO usage_daily (account_id, feature, day, quantity, active_users)
                SELECT account_id, feature, (occurred_at AT TIME ZONE 'UTC')::date, sum(quantity), max(active_users)
                FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (account_id, feature, day) DO UPDATE
                    SET quantity = usage_daily.quantity + EXCLUDED.quantity,
                        active_users = greatest(usage_daily.active_users, EXCLUDED.active_users)
            )
            SELECT source, external_id FROM inserted""";
    private static final String INSERT_NEW_STAGED = INSERT_NEW.formatted("usage_incoming");
    /** The same, the events given as one array per column. */
    private static final String INSERT_NEW_GIVEN = INSERT_NEW.formatted("""
            unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS text[]),
                   CAST(? AS bigint[]), CAST(? AS integer[]))
                AS incoming (source, external_id, account_id, occurred_at, feature, quantity, active_users)""");

    /**
     * Up to this many events are handed to PostgreSQL as statement parameters, in one statement; more are
     * staged with {@code COPY} first. A webhook call or a Kafka message carries a few, and for a few the staging
     * (a temporary table made sure of, emptied and copied into: three round trips, and a {@code COPY} costs
     * PostgreSQL about a millisecond however short) took longer than storing them.
     */
    static final int GIVEN_AT_MOST = 1_000;

    private static final String ROLLUP_STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS usage_daily_incoming (account_id text, feature text, day date, quantity bigint,
                                                                  active_users integer) ON COMMIT DELETE ROWS""";
    private static final String ROLLUP_COLUMNS = " (account_id, feature, day, quantity, active_users) FROM STDIN (FORMAT csv)";
    private static final String ADD_TO_ROLLUP = """
            INSERT INTO usage_daily (account_id, feature, day, quantity, active_users)
            SELECT account_id, feature, day, quantity, active_users FROM usage_daily_incoming ORDER BY 1, 2, 3
            ON CONFLICT (account_id, feature, day) DO UPDATE
                SET quantity = usage_daily.quantity + EXCLUDED.quantity,
                    active_users = greatest(usage_daily.active_users, EXCLUDED.active_users)""";

    private static final String DEADLOCK = "40P01";

    /**
     * The order writers insert in, so two of them never wait on each other crosswise: any order all of them
     * share will do, and hash codes (kept in the strings) compare faster than the text.
     */
    private static final Comparator<UsageSignal> KEY_ORDER = (a, b) -> {
        int c = Integer.compare(a.externalId().hashCode(), b.externalId().hashCode());
        if (c == 0) {
            c = a.externalId().compareTo(b.externalId());
        }
        return c != 0 ? c : a.source().compareTo(b.source());
    };

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    UsageLedger(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Stores the events and returns the ones that were new, in batch order. Must run in a transaction. */
    List<UsageSignal> store(List<UsageSignal> usage, Instant receivedAt) {
        if (usage.isEmpty()) {
            return List.of();
        }
        Map<String, UsageSignal> unique = unique(usage);
        Set<String> inserted = insertNew(unique.values(), receivedAt);
        return unique.entrySet().stream().filter(e -> inserted.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** Stores the events and returns how many were new, by {@code COPY} when none was seen before. Must run in a transaction. */
    int storeCounting(List<UsageSignal> usage, Instant receivedAt) {
        if (usage.isEmpty()) {
            return 0;
        }
        // No search for duplicates within the chunk: PostgreSQL refuses one like any other, and the careful path settles it.
        List<UsageSignal> events = new ArrayList<>(usage);
        events.sort(KEY_ORDER);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (!copyRefusingDuplicates(connection, "COPY usage_event" + COPY_RECEIVED_COLUMNS, received(events, receivedAt))) {
                return insertNew(unique(usage).values(), receivedAt).size();
            }
            Map<DailyKey, long[]> days = rollup(events);
            if (!copyRefusingDuplicates(connection, "COPY usage_daily" + ROLLUP_COLUMNS, days(days))) {
                addToRollup(connection, days);
            }
            return events.size();
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Copies the rows, or rolls back to before the copy and answers false when one of them is already there. */
    private static boolean copyRefusingDuplicates(Connection connection, String copy, CopyText csv) {
        try {
            Savepoint before = connection.setSavepoint();
            try {
                copyIn(connection, copy, csv);
                connection.releaseSavepoint(before);
                return true;
            } catch (SQLException e) {
                // A row already there, or one another writer is storing in the other order: the careful path settles both.
                if (!PSQLState.UNIQUE_VIOLATION.getState().equals(e.getSQLState()) && !DEADLOCK.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(before);
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + csv.length() + " characters of usage: " + e.getMessage(), e);
        }
    }

    private Set<String> insertNew(Collection<UsageSignal> events, Instant receivedAt) {
        if (events.size() <= GIVEN_AT_MOST) {
            return insertGiven(events, receivedAt);
        }
        jdbc.sql(STAGING).update();
        // Empty already unless this transaction stored a batch before (rows leave only at commit).
        jdbc.sql("DELETE FROM usage_incoming").update();
        copy("COPY usage_incoming" + COPY_COLUMNS, events(events));
        return new HashSet<>(jdbc.sql(INSERT_NEW_STAGED).param(Timestamp.from(receivedAt))
                .query((rs, n) -> key(rs.getString(1), rs.getString(2))).list());
    }

    private Set<String> insertGiven(Collection<UsageSignal> events, Instant receivedAt) {
        int n = events.size();
        String[] sources = new String[n];
        String[] ids = new String[n];
        String[] accounts = new String[n];
        String[] at = new String[n];
        String[] features = new String[n];
        Long[] quantities = new Long[n];
        Integer[] activeUsers = new Integer[n];
        int i = 0;
        for (UsageSignal u : events) {
            sources[i] = u.source();
            ids[i] = u.externalId();
            accounts[i] = u.accountId();
            at[i] = u.occurredAt().toString();
            features[i] = u.feature();
            quantities[i] = u.quantity();
            activeUsers[i] = u.activeUsers();
            i++;
        }
        return new HashSet<>(jdbc.sql(INSERT_NEW_GIVEN)
                .params(Timestamp.from(receivedAt), sources, ids, accounts, at, features, quantities, activeUsers)
                .query((rs, row) -> key(rs.getString(1), rs.getString(2))).list());
    }

    private void addToRollup(Connection connection, Map<DailyKey, long[]> days) {
        jdbc.sql(ROLLUP_STAGING).update();
        jdbc.sql("DELETE FROM usage_daily_incoming").update();
        try {
            copyIn(connection, "COPY usage_daily_incoming" + ROLLUP_COLUMNS, days(days));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stage " + days.size() + " days of usage: " + e.getMessage(), e);
        }
        jdbc.sql(ADD_TO_ROLLUP).update();
    }

    private void copy(String copy, CopyText csv) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            copyIn(connection, copy, csv);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stage " + csv.length() + " characters of usage: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void copyIn(Connection connection, String copy, CopyText csv) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, csv.bytes());
        } catch (IOException e) {
            throw new SQLException("reading the rows to copy failed", e);
        }
    }

    /** Per account, feature and UTC day (the days the rules count in): the quantity summed, the most active users. Sorted, so writers lock in one order. */
    private static Map<DailyKey, long[]> rollup(List<UsageSignal> events) {
        Map<DailyKey, long[]> days = new HashMap<>(events.size() * 2);
        for (UsageSignal u : events) {
            long[] day = days.computeIfAbsent(new DailyKey(u.accountId(), u.feature(),
                    LocalDate.ofInstant(u.occurredAt(), ZoneOffset.UTC)), k -> new long[2]);
            day[0] += u.quantity();
            day[1] = Math.max(day[1], u.activeUsers());
        }
        DailyKey[] keys = days.keySet().toArray(DailyKey[]::new);
        Arrays.sort(keys);
        Map<DailyKey, long[]> sorted = new LinkedHashMap<>(days.size() * 2);
        for (DailyKey k : keys) {
            sorted.put(k, days.get(k));
        }
        return sorted;
    }

    /** A batch may carry the same event twice; the first one counts. */
    private static Map<String, UsageSignal> unique(List<UsageSignal> usage) {
        Map<String, UsageSignal> unique = new LinkedHashMap<>();
        usage.forEach(u -> unique.putIfAbsent(key(u.source(), u.externalId()), u));
        return unique;
    }

    private static CopyText events(Iterable<UsageSignal> events) {
        CopyText csv = new CopyText();
        for (UsageSignal u : events) {
            csv.text(u.source()).text(u.externalId()).text(u.accountId()).instant(u.occurredAt()).text(u.feature())
                    .number(u.quantity()).number(u.activeUsers()).end();
        }
        return csv;
    }

    private static CopyText received(Iterable<UsageSignal> events, Instant receivedAt) {
        // The same moment on every row: written once.
        String received = new CopyText().instant(receivedAt).toString();
        CopyText csv = new CopyText();
        for (UsageSignal u : events) {
            csv.text(u.source()).text(u.externalId()).text(u.accountId()).instant(u.occurredAt()).text(u.feature())
                    .number(u.quantity()).number(u.activeUsers()).plain(received).end();
        }
        return csv;
    }

    private static CopyText days(Map<DailyKey, long[]> days) {
        CopyText csv = new CopyText();
        days.forEach((k, v) -> csv.text(k.accountId()).text(k.feature()).plain(k.day().toString()).number(v[0]).number(v[1]).end());
        return csv;
    }

    private static String key(String source, String externalId) {
        return source + "\u0000" + externalId;
    }

    /** Ordered as {@link #KEY_ORDER} is: hash codes first, the text only to settle a tie. */
    private record DailyKey(String accountId, String feature, LocalDate day) implements Comparable<DailyKey> {
        @Override
        public int compareTo(DailyKey other) {
            int c = Integer.compare(accountId.hashCode(), other.accountId.hashCode());
            if (c == 0) {
                c = accountId.compareTo(other.accountId);
            }
            if (c == 0) {
                c = feature.compareTo(other.feature);
            }
            return c != 0 ? c : day.compareTo(other.day);
        }
    }
}
