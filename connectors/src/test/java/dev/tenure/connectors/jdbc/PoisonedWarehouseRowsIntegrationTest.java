package dev.tenure.connectors.jdbc;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.testing.Poison;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.SeededDraws;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A warehouse rollup with generated bad rows among good ones, as a broken ETL job writes them: text of any
 * length and character the warehouse stores, days a calendar barely has (year 1, 5874897, infinity), counts
 * from bigint's ends. The poll goes on past every one of them: each row is a signal or a dead letter with the
 * row and a reason naming the field, never both, never neither, and a good row after them still lands. The rows
 * are drawn from a seed ({@link SeededDraws}), printed in each row's test name.
 */
class PoisonedWarehouseRowsIntegrationTest extends ConnectorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ORIGIN = "jdbc/rollup/usage";
    private static final int ROWS = 30;
    private static final List<String> DATABASE_WORDS = List.of("PSQLException", "ERROR:", "violates", "SQL", "org.postgresql");

    private final SeededDraws draws = SeededDraws.fromConfiguredSeed();

    /** A rollup row as the warehouse holds it; a day is PostgreSQL's text for a date. */
    private record Row(String accountId, String day, String feature, Long uses, Integer activeUsers) {

        boolean valid(String account) {
            return account.equals(accountId) && "2026-11-02".equals(day) && "core".equals(feature) && uses != null
                    && uses >= 0 && uses <= 1_000_000_000L && (activeUsers == null || activeUsers >= 0 && activeUsers <= 10_000_000);
        }

        @Override
        public String toString() {
            return "account " + shown(accountId) + ", day " + shown(day) + ", feature " + shown(feature) + ", uses " + uses
                    + ", active users " + activeUsers;
        }

        private static String shown(String text) {
            return text == null ? "null" : "'" + PoisonRecords.shown(text) + "'";
        }
    }

    @TestFactory
    Stream<DynamicTest> a_poll_goes_past_every_bad_row_and_each_row_is_a_signal_or_a_dead_letter() {
        String account = existingAccount("Warehouse Poison");
        List<Row> rows = draws.draw(rows(account), ROWS);
        List<Long> ids = new ArrayList<>();
        for (Row row : rows) {
            ids.add(insert(row));
        }
        long good = insert(new Row(account, "2026-11-03", "core", 5L, 2));

        await().atMost(PATIENCE).until(() -> signalsOf(account).contains("rollup:" + good));

        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            long id = ids.get(i);
            tests.add(DynamicTest.dynamicTest("row " + i + " (seed " + draws.seed() + "): " + row, () -> {
                List<DeadLetter> letters = deadLettersFrom(ORIGIN).stream().filter(d -> d.record().contains("\"id\":" + id + ","))
                        .toList();
                boolean stored = jdbc.sql("SELECT count(*) FROM all_signals WHERE external_id = ?").param("rollup:" + id)
                        .query(Long.class).single() > 0;
                assertThat(letters.size() + (stored ? 1 : 0)).as("a signal or a dead letter, once").isEqualTo(1);
                if (row.valid(account)) {
                    assertThat(stored).as("a good row is a signal").isTrue();
                }
                letters.forEach(letter -> {
                    assertThat(letter.reason()).matches("(?s)^[\\w.]+: .+");
                    DATABASE_WORDS.forEach(word -> assertThat(letter.reason()).doesNotContain(word));
                });
            }));
        }
        return tests.stream();
    }

    private Arbitrary<Row> rows(String account) {
        // Text the warehouse can hold: PostgreSQL's text has no NUL, and UTF-8 no lone surrogate.
        Arbitrary<String> text = Poison.text().filter(t -> t.indexOf('\u0000') < 0 && t.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        Arbitrary<String> accounts = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(account)), Tuple.of(1, text),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<String> days = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("2026-11-02")),
                Tuple.of(2, Arbitraries.of("0001-01-01", "5874897-12-31", "infinity", "-infinity", "4713-01-01 BC", "1999-12-31",
                        "2100-01-01", "1970-01-01")), Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<String> features = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("core")), Tuple.of(2, text),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<Long> uses = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(12L)),
                Tuple.of(2, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 1_000_000_000L, 1_000_000_001L)),
                Tuple.of(1, Arbitraries.just((Long) null)));
        Arbitrary<Integer> activeUsers = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(2)),
                Tuple.of(2, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 10_000_001)),
                Tuple.of(1, Arbitraries.just((Integer) null)));
        return Combinators.combine(accounts, days, features, uses, activeUsers).as(Row::new);
    }

    private long insert(Row row) {
        return jdbc.sql("INSERT INTO " + WarehouseTable.NAME + " (account_id, day, feature_name, uses, active_users)"
                        + " VALUES (?, CAST(? AS date), ?, ?, ?) RETURNING id")
                .params(row.accountId(), row.day(), row.feature(), row.uses(), row.activeUsers()).query(Long.class).single();
    }
}
