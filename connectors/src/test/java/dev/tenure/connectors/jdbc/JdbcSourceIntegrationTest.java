package dev.tenure.connectors.jdbc;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.engine.deadletters.DeadLetter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A warehouse rollup polled past its watermark by the real route into the real engine. */
class JdbcSourceIntegrationTest extends ConnectorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ORIGIN = "jdbc/rollup/usage";

    /** Inserts a rollup row; its id, which is also its event id after "rollup:". */
    private long row(String accountId, String day, String feature, Long uses) {
        return jdbc.sql("INSERT INTO " + WarehouseTable.NAME
                        + " (account_id, day, feature_name, uses, active_users) VALUES (?, ?, ?, ?, 2) RETURNING id")
                .params(accountId, LocalDate.parse(day), feature, uses).query(Long.class).single();
    }

    private long rowsRead() {
        return jdbc.sql("SELECT coalesce(max(rows_read), 0) FROM jdbc_source_watermark WHERE source = 'rollup'")
                .query(Long.class).single();
    }

    private long watermark() {
        return jdbc.sql("SELECT coalesce(max(CAST(watermark AS bigint)), 0) FROM jdbc_source_watermark WHERE source = 'rollup'")
                .query(Long.class).single();
    }

    @Test
    void givenRollupRows_thenEachBecomesASignal_andRowsAddedLaterAreTheOnlyOnesReadNext() {
        String acme = existingAccount("Warehouse Polled");
        long first = row(acme, "2026-11-01", "core", 12L);
        long second = row(acme, "2026-11-02", "core", 9L);
        long third = row(acme, "2026-11-02", "reports", 3L);
        long fourth = row(acme, "2026-11-03", "core", 7L);

        await().atMost(PATIENCE).until(() -> watermark() >= fourth);
        assertThat(signalsOf(acme)).containsExactlyInAnyOrder("rollup:" + first, "rollup:" + second,
                "rollup:" + third, "rollup:" + fourth);
        long readBefore = rowsRead();

        long fifth = row(acme, "2026-11-04", "core", 5L);
        await().atMost(PATIENCE).until(() -> watermark() >= fifth);

        assertThat(signalsOf(acme)).hasSize(5).contains("rollup:" + fifth);
        assertThat(rowsRead() - readBefore).as("only the new row was read again").isEqualTo(1);
        assertThat(jdbc.sql("SELECT quantity FROM usage_daily WHERE account_id = ? AND feature = 'core' ORDER BY day")
                .param(acme).query(Long.class).list()).containsExactly(12L, 9L, 7L, 5L);
    }

    @Test
    void givenABadRowAndARowOfAnUnknownAccount_thenBothAreDeadLettersWithTheRow_andTheRestLands() {
        String acme = existingAccount("Warehouse Bad Row");
        long good = row(acme, "2026-11-01", "core", 1L);
        long bad = row(acme, "2026-11-01", null, 1L);
        long unknown = row("no-such-account-" + acme, "2026-11-01", "core", 1L);
        long after = row(acme, "2026-11-02", "core", 2L);

        await().atMost(PATIENCE).until(() -> watermark() >= after);

        assertThat(signalsOf(acme)).containsExactlyInAnyOrder("rollup:" + good, "rollup:" + after);
        List<DeadLetter> letters = deadLettersFrom(ORIGIN).stream()
                .filter(d -> d.record().contains(acme)).toList();
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).source()).isEqualTo("jdbc");
        assertThat(letters.get(0).record()).contains("\"id\":" + bad, "\"feature_name\":null");
        assertThat(letters.get(0).reason()).startsWith("feature: ");
        assertThat(letters.get(1).record()).contains("\"id\":" + unknown);
        assertThat(letters.get(1).reason()).startsWith("accountId: ").contains("no-such-account-" + acme);
    }
}
