package dev.tenure.api;

import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayRunView;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.vocabulary.Segment;
import org.springframework.context.ApplicationContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Accounts with a play running, as the page and browser tests need them: one whose save play a rule started
 * (and made its first task), or one whose play was started directly, not hanging on what makes a rule fire.
 */
final class PlayFixtures {

    /** The save play holds one eligible account in ten out; six held out in a row is one chance in a million. */
    private static final int ATTEMPTS = 6;

    private final Intake intake;
    private final Timeline timeline;
    private final Inbox inbox;
    private final PlayRuns runs;
    private final ActiveRuleSet active;
    private final Clock clock;

    PlayFixtures(ApplicationContext context) {
        this.intake = context.getBean(Intake.class);
        this.timeline = context.getBean(Timeline.class);
        this.inbox = context.getBean(Inbox.class);
        this.runs = context.getBean(PlayRuns.class);
        this.active = context.getBean(ActiveRuleSet.class);
        this.clock = context.getBean(Clock.class);
    }

    /**
     * A high-touch account whose core usage fell for four weeks, so the usage rule started the save play for it,
     * whose first task is in the inbox.
     */
    TestData dropping(String name) {
        return savePlayStarted(() -> TestData.account(name, Segment.HIGH_TOUCH).usage("core", 56, 29, 100).usage("core", 28, 0, 40));
    }

    /**
     * An account stored with the signals {@code made} gives it, whose save play started and made its first task.
     * The play holds one eligible account in ten out (a draw on the account's id): a held-out one is replaced by
     * a new one.
     */
    TestData savePlayStarted(Supplier<TestData> made) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TestData account = made.get();
            intake.accept(account.batch());
            await().atMost(Duration.ofSeconds(10)).until(() -> timeline.of(account.id(), 50).stream()
                    .anyMatch(e -> e.type().equals("play.started") || e.type().equals("play.held-out")));
            if (timeline.of(account.id(), 50).stream().anyMatch(e -> e.type().equals("play.started"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.list(new TaskQuery(null, account.id(), null, null, 5)).isEmpty());
                return account;
            }
        }
        throw new AssertionError("every account was held out of the save play");
    }

    /**
     * A play that stays running (its second step is two weeks away), started for a new account as a rule
     * would start it.
     */
    PlayRunView runningPlay(String name) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        long id = runs.start(account.id(), active.get().play("renewal-risk").orElseThrow(),
                new Why("Renewal at risk (started by the test)", active.get().version(), Map.of()), clock.instant())
                .orElseThrow().runId();
        return runs.find(id).orElseThrow();
    }
}
