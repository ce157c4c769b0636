package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daily evaluation, the cadence pass and the weekly digest, when their time came while every node was
 * down, each run once when a node starts again; a start with nothing missed runs none of them, and a
 * changed schedule replaces the stored one.
 */
class MissedRunsMadeUpIntegrationTest {

    /** Its own Quartz scheduler name: only this test's instances hold these triggers in the shared database. */
    private static final String SCHEDULER = "tenure-missed-runs-test";
    private static final List<TriggerKey> CRON_TRIGGERS = List.of(TriggerKey.triggerKey("daily-evaluation", "tenure"),
            TriggerKey.triggerKey("cadences", "tenure"), TriggerKey.triggerKey("weekly-digest", "tenure"));
    /** Far off, so no real firing falls into the test; the missed one is made by moving the stored trigger. */
    private static final String FAR_OFF = "0 0 0 1 1 ? 2099";

    @Test
    void each_cron_job_due_while_every_node_was_down_runs_exactly_once_at_the_next_start() throws Exception {
        Firings firstFirings = new Firings();
        try (ConfigurableApplicationContext first = start(firstFirings, FAR_OFF)) {
            Scheduler scheduler = first.getBean(Scheduler.class);
            for (TriggerKey key : CRON_TRIGGERS) {
                assertThat(scheduler.getTrigger(key)).as(key.toString()).isNotNull();
            }
        }
        // While every node is down, the triggers' time comes and goes (two hours ago by Quartz's clock).
        long missed = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        moveNextFiring(missed);

        Firings secondFirings = new Firings();
        try (ConfigurableApplicationContext second = start(secondFirings, FAR_OFF)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> CRON_TRIGGERS.stream().allMatch(k -> secondFirings.count(k) >= 1));
            // Long enough for a second, wrong firing to show: the scheduler polls every few seconds.
            Thread.sleep(3_000);
            for (TriggerKey key : CRON_TRIGGERS) {
                assertThat(secondFirings.count(key)).as(key + " made up once").isEqualTo(1);
                Trigger trigger = second.getBean(Scheduler.class).getTrigger(key);
                assertThat(trigger.getNextFireTime()).as(key + " goes on with its schedule").isAfter(new Date());
            }
        }
        assertThat(firstFirings.total()).as("nothing was due at the first start").isZero();

        Firings thirdFirings = new Firings();
        String changed = "0 0 0 2 1 ? 2099";
        try (ConfigurableApplicationContext third = start(thirdFirings, changed)) {
            CronTrigger daily = (CronTrigger) third.getBean(Scheduler.class).getTrigger(CRON_TRIGGERS.get(0));
            assertThat(daily.getCronExpression()).as("a changed schedule replaces the stored one").isEqualTo(changed);
            Thread.sleep(3_000);
            for (TriggerKey key : CRON_TRIGGERS) {
                assertThat(thirdFirings.count(key)).as(key + ": nothing was missed, nothing runs").isZero();
            }
        }
    }

    private static ConfigurableApplicationContext start(Firings firings, String dailyEvaluation) {
        // Scheduler name and cron as arguments: builder properties are defaults, below the engine's own properties file.
        return new SpringApplicationBuilder(EngineTestApplication.class).properties("spring.main.banner-mode=off")
                .initializers(context -> context.getBeanFactory().registerSingleton("firings",
                        (SchedulerFactoryBeanCustomizer) factory -> factory.setGlobalTriggerListeners(firings)))
                .run("--spring.quartz.scheduler-name=" + SCHEDULER, "--tenure.daily-evaluation=" + dailyEvaluation);
    }

    /** What the store holds after a firing time passed with no scheduler running. */
    private static void moveNextFiring(long epochMillis) throws Exception {
        try (Connection connection = DriverManager.getConnection(SharedPostgres.jdbcUrl());
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE qrtz_triggers SET next_fire_time = ? WHERE sched_name = ? AND trigger_group = ? AND trigger_name = ?")) {
            for (TriggerKey key : CRON_TRIGGERS) {
                update.setLong(1, epochMillis);
                update.setString(2, SCHEDULER);
                update.setString(3, key.getGroup());
                update.setString(4, key.getName());
                assertThat(update.executeUpdate()).as(key.toString()).isEqualTo(1);
            }
        }
    }

    /**
     * Counts each trigger's firings and stops the job from running: the jobs themselves would evaluate and send
     * for every test's accounts in the shared database. A vetoed firing is a firing all the same.
     */
    private static final class Firings extends TriggerListenerSupport {
        private final Map<TriggerKey, AtomicInteger> fired = new ConcurrentHashMap<>();

        @Override
        public String getName() {
            return "missed-runs-test";
        }

        @Override
        public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
            fired.computeIfAbsent(trigger.getKey(), k -> new AtomicInteger()).incrementAndGet();
            return true;
        }

        int count(TriggerKey key) {
            AtomicInteger n = fired.get(key);
            return n == null ? 0 : n.get();
        }

        int total() {
            return CRON_TRIGGERS.stream().mapToInt(this::count).sum();
        }
    }
}
