package dev.tenure.engine.plays;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = EngineTestApplication.class)
class StepsDueInTheRecipientsTimeZoneIntegrationTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired Intake intake;
    @Autowired PlayRuns runs;
    @Autowired ActiveRuleSet rules;
    @Autowired TransactionTemplate tx;

    @Test
    void an_email_at_half_past_nine_reaches_an_admin_in_tokyo_at_half_past_nine_tokyo_time_and_the_csm_task_at_berlin_time() {
        // The account is in Berlin, its admin in Tokyo; the exec sponsor names a zone that does not exist.
        TestData account = TestData.account("Sakura Robotics", Segment.HIGH_TOUCH).contact(ContactRole.ADMIN, "Asia/Tokyo")
                .contact(ContactRole.EXEC_SPONSOR, "Mars/Olympus_Mons");
        intake.accept(account.batch());
        List<PlayFileProblem> problems = new ArrayList<>();
        PlayDefinition play = PlayFiles.parse("plays/tokyo-check-in.yml", "tokyo-check-in", """
                name: Tokyo check-in
                steps:
                  - type: email
                    delay: 1d
                    to: [admin, champion]
                    template: check-in
                    at: "09:30"
                  - type: task
                    delay: 1d
                    title: Call the champion
                    at: "09:30"
                  - type: email
                    delay: 1d
                    to: [exec_sponsor]
                    template: check-in
                    at: "09:30"
                """, Set.of("check-in"), problems);
        assertThat(problems).isEmpty();
        Instant now = TestClock.now().truncatedTo(ChronoUnit.SECONDS);

        StartedRun run = tx.execute(status -> runs.start(account.id(), play,
                new Why("test", rules.get().version(), Map.of()), now).orElseThrow());

        List<PlayStep> steps = runs.steps(run.runId());
        Instant afterDelay = now.plus(Duration.ofDays(1));
        assertThat(steps.get(0).dueAt().atZone(TOKYO).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(steps.get(1).dueAt().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        // The sponsor's zone is unusable: the account's (Berlin) is used instead.
        assertThat(steps.get(2).dueAt().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 30));
        assertThat(steps).allSatisfy(step -> assertThat(step.dueAt())
                .isAfterOrEqualTo(afterDelay).isBefore(afterDelay.plus(Duration.ofDays(1))));
        assertThat(run.dueTimes()).containsExactlyElementsOf(steps.stream().map(PlayStep::dueAt).toList());
    }
}
