package dev.tenure.engine.plays;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The account-lifecycle migration (V23) made accounts whose latest cancellation was a cancellation CHURNED in place,
 * and left their plays running: their steps were skipped as they came due, but the runs stayed RUNNING or PAUSED, as
 * running plays of a churned account on its page and the plays page. V38 stops them as a churn does.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class RunsLeftByTheLifecycleMigrationIntegrationTest {

    private static final String MIGRATION = "db/migration/V38__stop_runs_the_lifecycle_migration_left.sql";

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns runs;
    @Autowired
    PlayRunChanges changes;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Timeline timeline;

    @Test
    void runs_left_running_or_paused_at_an_account_churned_in_place_are_stopped_with_the_reason() throws IOException {
        TestData churned = TestData.account("Churned In Place By V23", Segment.HIGH_TOUCH);
        TestData customer = TestData.account("Still A Customer", Segment.HIGH_TOUCH);
        intake.accept(churned.batch());
        intake.accept(customer.batch());
        long running = start(churned, "left-running");
        long paused = start(churned, "left-paused");
        transaction.executeWithoutResult(tx -> changes.pause(paused, "api", TestClock.now()));
        long untouched = start(customer, "left-running");
        // What V23 did: the stage written in place, the runs left as they were.
        jdbc.sql("UPDATE account SET stage_before_churn = stage, stage = 'CHURNED' WHERE id = ?").param(churned.id()).update();

        jdbc.sql(new ClassPathResource(MIGRATION).getContentAsString(StandardCharsets.UTF_8)).update();

        assertThat(runs.find(running).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.find(paused).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.steps(running)).extracting(PlayStep::status, PlayStep::result)
                .containsOnly(tuple(StepStatus.CANCELLED, PlayRunChanges.stoppedResult(Audience.CHURNED_ACCOUNT)));
        assertThat(runs.steps(paused)).extracting(PlayStep::status).containsOnly(StepStatus.CANCELLED);
        assertThat(timeline.of(churned.id(), 50)).extracting(TimelineEntry::summary)
                .contains("Play \"left-running\" stopped: the account churned", "Play \"left-paused\" stopped: the account churned");
        assertThat(runs.find(untouched).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    private long start(TestData account, String play) {
        return transaction.execute(tx -> runs.start(account.id(), TestPlays.play(play, TestPlays.task(Span.ofDays(5), "Call")),
                new Why("test", rules.get().version(), Map.of()), TestClock.now()).orElseThrow()).runId();
    }
}
