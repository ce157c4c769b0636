package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A row that no longer reads back (stored before values were bounded, or damaged by hand) fails alone: its
 * step fails with the reason on the timeline, while every other account's steps run, and lists of plays
 * still answer.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class OneBadRowFailsAloneIntegrationTest {

    private static final PlayDefinition CALL = new PlayDefinition("bad-row-check", "Bad row check", null, Span.ZERO,
            List.of(TestPlays.task(Span.ZERO, "Call the champion")), StopWhen.NEVER);

    @Autowired Intake intake;
    @Autowired PlayRuns runs;
    @Autowired StepRunner runner;
    @Autowired TransactionTemplate transaction;
    @Autowired ActiveRuleSet rules;
    @Autowired Timeline timeline;
    @Autowired JdbcClient jdbc;

    @Test
    void given_a_step_whose_definition_does_not_read_when_steps_run_then_it_fails_alone_and_the_others_run() {
        long broken = startedYesterday(TestData.account("Broken Step", Segment.LOW_TOUCH));
        long healthy = startedYesterday(TestData.account("Healthy Step", Segment.LOW_TOUCH));
        jdbc.sql("UPDATE play_step SET definition = '{\"type\": \"TASK\", \"delay\": \"soon\"}' WHERE run_id = ?").param(broken).update();

        runner.runDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !"SCHEDULED".equals(status(broken)) && !"SCHEDULED".equals(status(healthy)));
        assertThat(status(healthy)).isEqualTo("DONE");
        assertThat(status(broken)).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT result FROM play_step WHERE run_id = ?").param(broken).query(String.class).single())
                .isEqualTo(StepActions.UNREADABLE);
        String account = jdbc.sql("SELECT account_id FROM play_run WHERE id = ?").param(broken).query(String.class).single();
        assertThat(timeline.of(account, 20)).extracting(TimelineEntry::type).contains("step.failed");
    }

    @Test
    void given_matched_facts_that_do_not_read_when_the_step_runs_and_plays_are_listed_then_both_go_on() {
        TestData poisoned = TestData.account("Poisoned Facts", Segment.LOW_TOUCH);
        long run = startedYesterday(poisoned);
        // A number of a hundred thousand digits: PostgreSQL keeps it, the JSON reader refuses to read it back.
        jdbc.sql("UPDATE play_run SET matched_facts = jsonb_build_object('mrr', CAST('1e100000' AS numeric)) WHERE id = ?")
                .param(run).update();

        runner.runDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !"SCHEDULED".equals(status(run)));
        assertThat(status(run)).isEqualTo("DONE");
        assertThat(runs.list(poisoned.id(), null, 10)).singleElement().satisfies(view ->
                assertThat(view.why().matchedFacts()).containsKey(JsonColumns.UNREADABLE));
        assertThat(runs.list(null, null, 50)).isNotEmpty();
    }

    @Test
    void given_a_task_whose_title_does_not_render_when_its_step_runs_then_it_fails_on_the_timeline_not_silently() {
        // A title the rule set check would refuse, stored as if it had slipped through: the renderer refuses it too.
        PlayDefinition reaching = new PlayDefinition("bad-row-check", "Bad row check", null, Span.ZERO,
                List.of(TestPlays.task(Span.ZERO, "Call [[${T(java.lang.Runtime).getRuntime().availableProcessors()}]]")),
                StopWhen.NEVER);
        TestData account = TestData.account("Unrendered Title", Segment.LOW_TOUCH);
        long run = startedYesterday(account, reaching);

        runner.runDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !"SCHEDULED".equals(status(run)));
        assertThat(status(run)).isEqualTo("FAILED");
        assertThat(timeline.of(account.id(), 20)).filteredOn(e -> e.type().equals("step.failed")).singleElement()
                .satisfies(e -> assertThat(e.summary()).startsWith("Step failed: the task's title or details could not be filled in"));
        assertThat(jdbc.sql("SELECT count(*) FROM task WHERE account_id = ?").param(account.id()).query(Long.class).single()).isZero();
    }

    /** Stores the account and starts the play a day ago, so its one step is due. */
    private long startedYesterday(TestData account) {
        return startedYesterday(account, CALL);
    }

    private long startedYesterday(TestData account, PlayDefinition play) {
        intake.accept(account.batch());
        Why why = new Why("test", rules.get().version(), Map.of());
        return transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minus(Duration.ofDays(1)))
                .orElseThrow()).runId();
    }

    private String status(long runId) {
        return jdbc.sql("SELECT status FROM play_step WHERE run_id = ?").param(runId).query(String.class).single();
    }
}
