package dev.tenure.engine.intake;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage of a large file is copied straight into the ledger and its daily rollup; whatever was seen before
 * takes the careful path, so the figures come out the same either way.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class UsageLedgerIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");

    @Autowired
    Intake intake;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_fresh_chunk_is_stored_whole_and_rolled_up_per_account_feature_and_day() {
        String account = known("Fresh chunk");

        IntakeResult stored = intake.store(batch(
                usage(account, "e1", MONDAY, "core", 5, 2),
                usage(account, "e2", MONDAY.plusSeconds(3600), "core", 7, 4),
                usage(account, "e3", MONDAY, "reports", 1, 1),
                usage(account, "e4", MONDAY.plusSeconds(86_400), "core", 2, 1)));

        assertThat(stored.accepted()).isEqualTo(4);
        assertThat(stored.duplicates()).isZero();
        assertThat(daily(account)).containsExactly("core 2026-11-16 12 4", "core 2026-11-17 2 1", "reports 2026-11-16 1 1");
    }

    @Test
    void a_copied_event_keeps_its_moment_to_the_microsecond() {
        String account = known("Exact moment");
        Instant at = Instant.parse("2026-11-16T23:59:59.123456Z");

        intake.store(batch(usage(account, "e1", at, "core", 1, 1)));

        assertThat(jdbc.sql("SELECT occurred_at FROM usage_event WHERE external_id = ?").param(account + "-e1")
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at);
        assertThat(daily(account)).containsExactly("core 2026-11-16 1 1");
    }

    @Test
    void a_chunk_with_an_event_seen_before_stores_and_rolls_up_only_the_new_ones() {
        String account = known("Seen before");
        intake.store(batch(usage(account, "e1", MONDAY, "core", 5, 2), usage(account, "e2", MONDAY, "core", 7, 2)));

        IntakeResult again = intake.store(batch(usage(account, "e2", MONDAY, "core", 700, 9), usage(account, "e3", MONDAY, "core", 1, 1)));

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(daily(account)).containsExactly("core 2026-11-16 13 2");
        assertThat(quantityOf(account, "e2")).isEqualTo(7);
    }

    @Test
    void new_events_on_days_already_rolled_up_add_to_them() {
        String account = known("Later the same day");
        intake.store(batch(usage(account, "e1", MONDAY, "core", 5, 2)));

        intake.store(batch(usage(account, "e2", MONDAY.plusSeconds(7200), "core", 7, 6), usage(account, "e3", MONDAY.plusSeconds(86_400), "core", 1, 1)));

        assertThat(daily(account)).containsExactly("core 2026-11-16 12 6", "core 2026-11-17 1 1");
    }

    @Test
    void the_same_event_twice_in_one_chunk_counts_once_as_first_seen() {
        String account = known("Twice in a chunk");

        IntakeResult stored = intake.store(batch(usage(account, "e1", MONDAY, "core", 3, 1), usage(account, "e1", MONDAY, "core", 9, 1)));

        assertThat(stored.accepted()).isEqualTo(1);
        assertThat(daily(account)).containsExactly("core 2026-11-16 3 1");
    }

    @Test
    void the_live_path_returns_only_new_usage_and_rolls_it_up_once() {
        String account = known("Live");
        intake.accept(batch(usage(account, "e1", MONDAY, "core", 5, 2)));

        IntakeResult again = intake.accept(batch(usage(account, "e1", MONDAY, "core", 5, 2), usage(account, "e2", MONDAY, "core", 1, 1)));

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(daily(account)).containsExactly("core 2026-11-16 6 2");
    }

    @Test
    void a_live_call_of_a_few_events_keeps_each_moment_to_the_microsecond_and_counts_what_was_seen_before() {
        String account = known("Live few");
        Instant at = Instant.parse("2026-11-16T23:59:59.123456Z");
        intake.accept(batch(usage(account, "e1", at, "core", 2, 1)));

        IntakeResult again = intake.accept(batch(usage(account, "e1", at, "core", 2, 1), usage(account, "e2", at, "reports", 3, 2),
                usage(account, "e2", at, "reports", 3, 2)));

        assertThat(again.accepted()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT occurred_at FROM usage_event WHERE external_id = ?").param(account + "-e2")
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at);
        assertThat(daily(account)).containsExactly("core 2026-11-16 2 1", "reports 2026-11-16 3 2");
    }

    @Test
    void a_live_call_of_more_events_than_are_given_as_parameters_is_staged_and_stored_the_same() {
        String account = known("Live many");
        intake.accept(batch(usage(account, "e0", MONDAY, "core", 1, 1)));
        List<UsageSignal> many = new ArrayList<>();
        for (int i = 0; i <= UsageLedger.GIVEN_AT_MOST; i++) {
            many.add(usage(account, "e" + i, MONDAY.plusSeconds(i), "core", 1, 1 + i % 7));
        }

        IntakeResult stored = intake.accept(batch(many.toArray(UsageSignal[]::new)));

        assertThat(stored.accepted()).isEqualTo(UsageLedger.GIVEN_AT_MOST);
        assertThat(stored.duplicates()).isEqualTo(1);
        assertThat(daily(account)).containsExactly("core 2026-11-16 " + (UsageLedger.GIVEN_AT_MOST + 1) + " 7");
    }

    @Test
    void two_writers_storing_the_same_days_at_once_lose_nothing() {
        String account = known("Two writers");
        List<CompletableFuture<IntakeResult>> writers = IntStream.range(0, 2).mapToObj(w -> CompletableFuture.supplyAsync(() -> {
            List<UsageSignal> chunk = new ArrayList<>();
            for (int day = 0; day < 30; day++) {
                chunk.add(usage(account, "w" + w + "-" + day, MONDAY.minusSeconds(86_400L * day), "core", 1 + w, 1));
            }
            return intake.store(batch(chunk.toArray(UsageSignal[]::new)));
        })).toList();

        writers.forEach(CompletableFuture::join);

        assertThat(daily(account)).hasSize(30).allSatisfy(day -> assertThat(day).startsWith("core ").endsWith(" 3 1"));
    }

    private String known(String name) {
        TestData account = TestData.account(name, Segment.LOW_TOUCH);
        intake.accept(account.batch());
        return account.id();
    }

    private static UsageSignal usage(String account, String id, Instant at, String feature, long quantity, int activeUsers) {
        return new UsageSignal("ledger-test", account + "-" + id, account, at, feature, quantity, activeUsers);
    }

    private static Batch batch(UsageSignal... usage) {
        List<Labeled<Signal>> signals = new ArrayList<>();
        for (int i = 0; i < usage.length; i++) {
            signals.add(new Labeled<>("usage[" + i + "]", usage[i]));
        }
        return Batch.ofSignals(signals);
    }

    private List<String> daily(String account) {
        return jdbc.sql("SELECT feature || ' ' || day || ' ' || quantity || ' ' || active_users FROM usage_daily WHERE account_id = ? ORDER BY 1")
                .param(account).query(String.class).list();
    }

    private long quantityOf(String account, String id) {
        return jdbc.sql("SELECT quantity FROM usage_event WHERE external_id = ?").param(account + "-" + id).query(Long.class).single();
    }
}
