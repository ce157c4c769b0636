package dev.tenure.connectors.jdbc;

import dev.tenure.connectors.ConnectorsIntegrationTest;
import dev.tenure.connectors.deadletters.DeadLetterReplay;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** CS ops replay a refused warehouse row: it is read again through its source's mapping. */
class JdbcReplayIntegrationTest extends ConnectorsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ORIGIN = "jdbc/rollup/usage";

    @Autowired
    DeadLetterReplay replay;

    private long row(String accountId, String feature) {
        return jdbc.sql("INSERT INTO " + WarehouseTable.NAME
                        + " (account_id, day, feature_name, uses, active_users) VALUES (?, ?, ?, 4, 2) RETURNING id")
                .params(accountId, LocalDate.parse("2026-11-01"), feature).query(Long.class).single();
    }

    /** The dead letter the poll files for the row, once it has read it. */
    private DeadLetter deadLetterOf(long rowId) {
        return await().atMost(PATIENCE).until(() -> deadLettersFrom(ORIGIN).stream()
                .filter(d -> d.record().contains("\"id\":" + rowId + ",")).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    @Test
    void aRowRefusedForAnUnknownAccount_isReadWithItsSourcesMappingOnReplay_withTheEventIdThePollGives_andOnlyOnce() {
        TestData late = TestData.account("Warehouse Late", Segment.HIGH_TOUCH);
        long id = row(late.id(), "core");
        DeadLetter letter = deadLetterOf(id);
        assertThat(letter.reason()).startsWith("accountId: ").contains(late.id());
        assertThat(replay.canReplay(letter)).isTrue();
        intake.accept(late.batch());

        IntakeResult result = replay.replay(letter.id());

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(signalsOf(late.id())).containsExactly("rollup:" + id);
        assertThat(jdbc.sql("SELECT quantity FROM usage_daily WHERE account_id = ? AND feature = 'core'")
                .param(late.id()).query(Long.class).list()).containsExactly(4L);
        DeadLetter replayed = deadLetters.find(letter.id()).orElseThrow();
        assertThat(replayed.replayedAt()).isNotNull();
        assertThat(replay.canReplay(replayed)).isFalse();
        assertThatThrownBy(() -> replay.replay(letter.id())).hasMessageContaining("was replayed already");
    }

    @Test
    void aBadRowIsRefusedAgainWithTheReason_keptAsANewDeadLetterWithTheRow_andTheOriginalStaysUnreplayed() {
        String acme = existingAccount("Warehouse Still Bad");
        long id = row(acme, null);
        DeadLetter letter = deadLetterOf(id);

        assertThatThrownBy(() -> replay.replay(letter.id())).isInstanceOf(RejectedRecordsException.class)
                .hasMessageContaining("feature: ");

        assertThat(deadLetters.find(letter.id()).orElseThrow().replayedAt()).isNull();
        List<DeadLetter> again = deadLettersFrom(ORIGIN).stream().filter(d -> d.record().equals(letter.record())).toList();
        assertThat(again).hasSize(2);
        assertThat(again.get(1).reason()).startsWith("feature: ");
    }

    @Test
    void aRowOfASourceNoLongerConfigured_isNotReplayable_namingTheSource() {
        deadLetters.record(List.of(DeadLetter.of("jdbc", "jdbc/retired/usage", null,
                "{\"id\":1,\"account_id\":\"acme\"}", "accountId: unknown account 'acme'")));
        DeadLetter letter = deadLettersFrom("jdbc/retired/usage").get(0);

        assertThat(replay.canReplay(letter)).isFalse();
        assertThatThrownBy(() -> replay.replay(letter.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its source 'retired' is no longer configured (tenure.sources.jdbc.retired)");
        assertThat(deadLetters.find(letter.id()).orElseThrow().replayedAt()).isNull();
    }
}
