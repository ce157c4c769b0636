package dev.tenure.engine.plays;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given two steps of one run that come due together, a drain takes them one after the other: the later
 * step waits until the earlier one is done, so two workers never carry out both at once.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class DueStepsIntegrationTest {

    @Autowired
    Intake intake;
    @Autowired
    PlayRuns runs;
    @Autowired
    DueSteps dueSteps;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;

    @Test
    void given_two_steps_of_a_run_due_together_then_the_second_is_claimed_only_once_the_first_is_done() {
        TestData account = TestData.account("In Order Co", Segment.LOW_TOUCH);
        intake.accept(account.batch());
        PlayDefinition play = TestPlays.play("in-order",
                TestPlays.task(Span.ZERO, "Call the champion"),
                TestPlays.task(Span.ZERO, "Follow up with the champion"));
        // Started an hour ahead, so the running scheduler's own drains leave these steps alone.
        Instant start = TestClock.now().plus(Duration.ofHours(1));
        long runId = transaction.execute(tx -> runs.start(account.id(), play,
                new Why("test", rules.get().version(), Map.of()), start).orElseThrow()).runId();
        Instant later = start.plus(Duration.ofMinutes(5));

        List<PlayStep> first = transaction.execute(tx -> mine(dueSteps.claim(later, 1000), runId));
        transaction.executeWithoutResult(tx -> dueSteps.finish(first.get(0).id(), StepStatus.DONE, "task:1", later));
        List<PlayStep> second = transaction.execute(tx -> mine(dueSteps.claim(later, 1000), runId));

        assertThat(first).extracting(PlayStep::position).containsExactly(0);
        assertThat(second).extracting(PlayStep::position).containsExactly(1);
    }

    private static List<PlayStep> mine(List<PlayStep> claimed, long runId) {
        return claimed.stream().filter(s -> s.runId() == runId).toList();
    }
}
