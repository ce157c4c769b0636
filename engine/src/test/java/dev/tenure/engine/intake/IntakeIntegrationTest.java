package dev.tenure.engine.intake;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.accounts.Accounts;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
    @Autowired
    EvaluationQueue queue;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_signal_for_an_unknown_account_refuses_the_whole_batch_naming_the_record_and_field() {
        TestData known = TestData.account("Known", Segment.LOW_TOUCH);
        intake.accept(known.batch());
        Batch batch = Batch.ofSignals(List.of(
                new Labeled<>("nps[0]", new NpsSignal("test", "n-" + known.id(), known.id(), TestClock.now(), null, 3, "")),
                new Labeled<>("nps[1]", new NpsSignal("test", "n2-" + known.id(), "nobody-" + known.id(), TestClock.now(), null, 3, ""))));

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

    @Test
    void tickets_of_a_live_call_are_stored_once_whether_given_as_parameters_or_staged() {
        TestData few = TestData.account("Few tickets", Segment.LOW_TOUCH);
        TestData many = TestData.account("Many tickets", Segment.LOW_TOUCH);
        intake.accept(few.batch());
        intake.accept(many.batch());
        Instant at = TestClock.now().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.HOURS);

        IntakeResult small = intake.accept(tickets(few.id(), 3, at));
        IntakeResult smallAgain = intake.accept(tickets(few.id(), 3, at));
        IntakeResult large = intake.accept(tickets(many.id(), 1_001, at));
        IntakeResult largeAgain = intake.accept(tickets(many.id(), 1_001, at));

        assertThat(List.of(small.accepted(), smallAgain.duplicates(), large.accepted(), largeAgain.duplicates()))
                .containsExactly(3, 3, 1_001, 1_001);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE account_id = ? AND status = 'OPEN' AND priority = 'P3'")
                .param(many.id()).query(Long.class).single()).isEqualTo(1_001);
        assertThat(jdbc.sql("SELECT occurred_at FROM signal WHERE account_id = ? LIMIT 1").param(few.id())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at);
    }

    private static Batch tickets(String accountId, int count, Instant at) {
        List<Labeled<Signal>> signals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            signals.add(new Labeled<>("tickets[" + i + "]", new TicketSignal("test", accountId + "-t" + i,
                    accountId, at, "T-" + i, TicketPriority.P3,
                    TicketStatus.OPEN, "Ticket " + i)));
        }
        return Batch.ofSignals(signals);
    }

    @Test
    void a_file_stored_in_chunks_evaluates_each_account_once_after_the_last_chunk_with_every_signal_that_arrived() {
        TestData detractor = TestData.account("Chunked detractor", Segment.HIGH_TOUCH);
        TestData steady = TestData.account("Chunked steady", Segment.LOW_TOUCH);
        intake.store(detractor.batch());
        intake.store(steady.batch());
        intake.store(detractor.next().usage("core", 3, 1, 10).batch());
        intake.store(detractor.next().nps(2, 0).batch());
        intake.store(steady.next().usage("core", 3, 1, 20).batch());

        assertThat(playRuns.list(detractor.id(), null, 10)).isEmpty();
        assertThat(healthScoresOf(detractor.id())).isZero();
        assertThat(queued(detractor.id(), steady.id())).isEqualTo(2);

        IntakeResult evaluated = intake.evaluateQueued();

        assertThat(evaluated.accountsEvaluated()).isGreaterThanOrEqualTo(2);
        assertThat(queued(detractor.id(), steady.id())).isZero();
        assertThat(healthScoresOf(detractor.id())).isEqualTo(1);
        assertThat(healthScoresOf(steady.id())).isEqualTo(1);
        assertThat(playRuns.list(detractor.id(), null, 10)).singleElement()
                .satisfies(run -> assertThat(run.play()).isEqualTo("nps-detractor"));
        assertThat(playRuns.list(steady.id(), null, 10)).isEmpty();
    }

    @Test
    void signals_arrive_from_when_the_account_was_queued_only_those_recent_and_of_kinds_the_rules_match() {
        TestData answered = TestData.account("Answered before", Segment.HIGH_TOUCH).nps(2, 0);
        intake.accept(answered.batch());
        intake.store(answered.next().usage("core", 10, 8, 5).usage("core", 6, 1, 5).nps(9, 0).batch());
        Instant since = jdbc.sql("SELECT since FROM evaluation_due WHERE account_id = ?").param(answered.id())
                .query(java.sql.Timestamp.class).single().toInstant();

        Map<String, List<Signal>> arrived = queue.arrived(Map.of(answered.id(), since), Set.of("nps", "usage"), TestClock.now());
        Map<String, List<Signal>> npsOnly = queue.arrived(Map.of(answered.id(), since), Set.of("nps"), TestClock.now());

        // Usage of the last 7 days is an event; 8 to 10 days ago is backfill.
        assertThat(arrived.get(answered.id())).extracting(Signal::kind).containsExactlyInAnyOrder(
                "usage", "usage", "usage", "usage", "usage", "usage", "nps");
        assertThat(npsOnly.get(answered.id())).singleElement()
                .satisfies(s -> assertThat(((NpsSignal) s).score()).isEqualTo(9));
    }

    @Test
    void a_record_refused_for_an_unknown_account_is_accepted_once_the_account_exists() {
        TestData later = TestData.account("Created later", Segment.LOW_TOUCH);
        Batch answer = Batch.ofSignals(List.of(
                new Labeled<>("nps[0]", new NpsSignal("test", "n-" + later.id(), later.id(), TestClock.now(), null, 9, ""))));
        assertThatThrownBy(() -> intake.accept(answer)).isInstanceOf(RejectedRecordsException.class);

        intake.accept(later.batch());

        assertThat(intake.accept(answer).accepted()).isEqualTo(1);
    }

    @Test
    void a_chunk_that_began_first_but_commits_second_still_has_its_signals_arrive() {
        TestData account = TestData.account("Committed second", Segment.HIGH_TOUCH);
        intake.accept(account.batch());

        Instant began = TestClock.now().truncatedTo(ChronoUnit.MICROS);
        transaction.executeWithoutResult(first -> {
            // Another chunk for the same account begins later and commits meanwhile.
            CompletableFuture.runAsync(() -> transaction.executeWithoutResult(second ->
                    queue.add(List.of(account.id()), began.plusSeconds(1)))).join();
            queue.add(List.of(account.id()), began);
        });

        assertThat(jdbc.sql("SELECT since FROM evaluation_due WHERE account_id = ?").param(account.id())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(began);
    }

    private int queued(String... accountIds) {
        return jdbc.sql("SELECT count(*) FROM evaluation_due WHERE account_id = ANY(?)").param(accountIds)
                .query(Integer.class).single();
    }

    private int healthScoresOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM health_score WHERE account_id = ?").param(accountId).query(Integer.class).single();
    }

    private int signalsOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM all_signals WHERE account_id = ?").param(accountId).query(Integer.class).single();
    }
}
