package dev.tenure.engine.intake;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batches are all or nothing; a replayed signal changes nothing. */
@SpringBootTest(classes = EngineTestApplication.class)
class IntakeIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    Accounts accounts;
    @Autowired
    PlayRuns playRuns;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_signal_for_an_unknown_account_refuses_the_whole_batch_naming_the_record_and_field() {
        TestData known = TestData.account("Known", Segment.LOW_TOUCH);
        intake.accept(known.batch());
        Batch batch = Batch.ofSignals(List.of(
                new Labeled<>("nps[0]", new NpsSignal("test", "n-" + known.id(), known.id(), Instant.now(), null, 3, "")),
                new Labeled<>("nps[1]", new NpsSignal("test", "n2-" + known.id(), "nobody-" + known.id(), Instant.now(), null, 3, ""))));

        assertThatThrownBy(() -> intake.accept(batch))
                .isInstanceOf(RejectedRecordsException.class)
                .satisfies(e -> assertThat(((RejectedRecordsException) e).errors()).containsExactly(
                        new RecordError("nps[1]", "accountId", "unknown account 'nobody-" + known.id() + "'")));
        assertThat(signalsOf(known.id())).isZero();
        assertThat(playRuns.list(known.id(), null, 10)).isEmpty();
    }

    @Test
    void a_replayed_batch_stores_nothing_twice_and_starts_no_second_play() {
        TestData unhappy = TestData.account("Replayed", Segment.HIGH_TOUCH).nps(2, 0).usage("core", 3, 0, 10);
        IntakeResult first = intake.accept(unhappy.batch());
        IntakeResult again = intake.accept(unhappy.batch());

        assertThat(first.duplicates()).isZero();
        assertThat(again.duplicates()).isEqualTo(5);
        assertThat(signalsOf(unhappy.id())).isEqualTo(5);
        assertThat(jdbc.sql("SELECT sum(quantity) FROM usage_daily WHERE account_id = ?").param(unhappy.id())
                .query(Long.class).single()).isEqualTo(40);
        assertThat(playRuns.list(unhappy.id(), null, 10)).hasSize(1);
    }

    private int signalsOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM signal WHERE account_id = ?").param(accountId).query(Integer.class).single();
    }
}
