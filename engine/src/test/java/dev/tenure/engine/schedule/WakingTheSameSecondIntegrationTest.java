package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two evaluations finishing together wake the scheduler for the same second: one trigger is stored for it,
 * and neither wake-up loses the other seconds it asked for.
 */
class WakingTheSameSecondIntegrationTest {

    /**
     * Its own Quartz scheduler name: Quartz keeps a scheduler's data source JVM-wide by that name, so in a
     * context shared under the usual name the job store may write through another test context's pool, outside
     * the transaction that holds its lock. Given as an argument: builder properties rank below the engine's.
     */
    private final ConfigurableApplicationContext node = new SpringApplicationBuilder(EngineTestApplication.class)
            .properties("spring.main.banner-mode=off").run("--spring.quartz.scheduler-name=tenure-wake-test");
    private final StepScheduler steps = node.getBean(StepScheduler.class);
    private final Scheduler scheduler = node.getBean(Scheduler.class);
    private final List<TriggerKey> created = new ArrayList<>();

    @Test
    void given_two_threads_waking_the_same_second_at_once_then_every_second_either_asked_for_has_its_trigger() throws Exception {
        // Far ahead, so nothing fires during the test; a random base, so reruns on one database do not meet old triggers.
        long base = Instant.parse("2098-01-01T00:00:00Z").getEpochSecond() + ThreadLocalRandom.current().nextLong(1_000_000) * 100;
        CyclicBarrier together = new CyclicBarrier(2);
        for (long round = 0; round < 20; round++) {
            long shared = base + round * 3;
            CompletableFuture<Void> first = wakeTogether(together, shared, shared + 1);
            CompletableFuture<Void> second = wakeTogether(together, shared, shared + 2);
            first.get();
            second.get();
            for (long at = shared; at <= shared + 2; at++) {
                assertThat(scheduler.checkExists(key(at))).as("trigger for second %d of round %d", at - base, round).isTrue();
            }
        }
    }

    private CompletableFuture<Void> wakeTogether(CyclicBarrier together, long... seconds) {
        List<Instant> due = new ArrayList<>();
        for (long second : seconds) {
            due.add(Instant.ofEpochSecond(second));
            created.add(key(second));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            steps.wake(due);
        });
    }

    private static TriggerKey key(long epochSecond) {
        return TriggerKey.triggerKey("due-" + epochSecond, "steps");
    }

    @AfterEach
    void stop() throws SchedulerException {
        try (node) {
            scheduler.unscheduleJobs(created);
        }
    }
}
