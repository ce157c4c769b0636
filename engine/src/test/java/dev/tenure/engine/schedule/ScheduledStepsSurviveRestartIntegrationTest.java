package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A step scheduled before the application stops runs once after it starts again. */
class ScheduledStepsSurviveRestartIntegrationTest {

    /**
     * Its own Quartz scheduler name, so only the instances of this test hold its trigger. Given as an
     * argument: builder properties are defaults, below the engine's own properties file.
     */
    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EngineTestApplication.class).properties("spring.main.banner-mode=off")
                .run("--spring.quartz.scheduler-name=tenure-restart-test");
    }

    @Test
    void a_task_step_due_while_the_application_is_down_is_created_exactly_once_after_the_restart() {
        TestData account = TestData.account("Restart Ltd", Segment.LOW_TOUCH);
        PlayDefinition play = new PlayDefinition("restart-check", "Restart check", null, Span.ZERO, List.of(
                new StepDefinition(StepType.TASK, Span.ofTime(Duration.ofSeconds(3)), "csm", "Check in after the restart", null,
                        "NORMAL", Span.ofDays(1), List.of(), null)));

        try (ConfigurableApplicationContext first = start()) {
            first.getBean(Intake.class).accept(account.batch());
            Why why = new Why("test", first.getBean(ActiveRuleSet.class).get().version(), Map.of());
            StartedRun run = first.getBean(TransactionTemplate.class).execute(tx ->
                    first.getBean(PlayRuns.class).start(account.id(), play, why, TestClock.now()).orElseThrow());
            first.getBean(StepScheduler.class).wake(run.dueTimes());
        }

        try (ConfigurableApplicationContext second = start()) {
            Inbox inbox = second.getBean(Inbox.class);
            TaskQuery query = new TaskQuery(null, account.id(), null, null, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> !inbox.list(query).isEmpty());
            second.getBean(StepRunner.class).runDue();

            assertThat(inbox.list(query)).extracting(Task::title).containsExactly("Check in after the restart");
        }
    }
}
