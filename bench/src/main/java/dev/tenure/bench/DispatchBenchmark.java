package dev.tenure.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.schedule.StepScheduler;
import dev.tenure.engine.storage.JsonColumns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How fast due email steps go out, exactly once: 100,000 steps due now, each to the contact of an account
 * of its own, are drained by the engine's batched pipeline (the scheduler woken once) into an
 * in-process GreenMail SMTP server; then, in the same run, a smaller number through one Quartz job per
 * step (the baseline), each job carrying out its one step through the same code. Prints both rates, their
 * ratio and the counts that show each step ran once. Run it with {@code ./mvnw -B -Pbench -pl bench
 * -am verify -DskipTests -Dbench=dispatch} (bench/README.md).
 * <p>
 * The contacts share {@code bench.mailboxes} addresses (1,000): GreenMail's in-memory store finds and creates
 * a recipient's mailbox by comparing its name with every mailbox it holds, so 100,000 different recipients
 * would cost time in the square of their number and measure GreenMail rather than Tenure. The frequency
 * cap is lifted for the run, since one address gets many emails.
 */
public final class DispatchBenchmark {

    /** The target: due email steps dispatched per second on a 2-core machine. */
    static final long TARGET_PER_SECOND = 2_000;

    private static final Duration LONGEST_WAIT = Duration.ofMinutes(30);

    private DispatchBenchmark() {
    }

    public static void main(String[] args) throws IOException, SchedulerException, InterruptedException, MessagingException {
        int steps = Integer.getInteger("bench.steps", 100_000);
        int baselineSteps = Integer.getInteger("bench.baselineSteps", 2_000);
        int batch = Integer.getInteger("bench.batch", 500);
        int workers = Integer.getInteger("bench.stepWorkers", 2);
        int connections = Integer.getInteger("bench.connections", 4);
        int mailboxes = Integer.getInteger("bench.mailboxes", 1_000);
        System.out.printf("Dispatch benchmark: %,d email steps batched, %,d one job per step; batch %d, %d workers; "
                        + "%d processors, heap %d MB, load average %.2f%n", steps, baselineSteps, batch, workers,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("shared_buffers", "256MB").start();
             ConfigurableApplicationContext engine = new SpringApplicationBuilder(BenchApplication.class)
                     .web(WebApplicationType.NONE)
                     // As arguments: they must outrank the engine's own defaults.
                     .run("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                             "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                             "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                             "--spring.main.banner-mode=off", "--tenure.rules-folder=rules",
                             // Only the wake-up below drains the steps.
                             "--tenure.sweep-interval=1h", "--tenure.daily-evaluation=0 0 0 1 1 ? 2099",
                             "--tenure.cadences.cron=0 0 0 1 1 ? 2099", "--tenure.digest.cron=0 0 0 1 1 ? 2099",
                             // Many emails per address and day: lift the frequency cap and the day's limit.
                             "--tenure.guardrails.daily-limit=" + Integer.MAX_VALUE,
                             "--tenure.guardrails.frequency-cap.max=" + Integer.MAX_VALUE,
                             "--tenure.mail.connections=" + connections,
                             "--tenure.step-batch-size=" + batch, "--tenure.step-workers=" + workers,
                             "--logging.level.root=WARN")) {
            JdbcClient jdbc = engine.getBean(JdbcClient.class);
            String definition = engine.getBean(JsonColumns.class).write(new StepDefinition(StepType.EMAIL, Span.ZERO,
                    null, null, null, null, null, List.of("champion"), "usage-drop-tips"));
            String version = engine.getBean(ActiveRuleSet.class).get().version();

            long loading = System.nanoTime();
            load(jdbc, "d", steps, mailboxes, definition, version, "now() - interval '1 second'");
            // Due in a year: only their own jobs run them, never a drain.
            load(jdbc, "q", baselineSteps, mailboxes, definition, version, "now() + interval '365 days'");
            jdbc.sql("ANALYZE").update();
            System.out.printf("Loaded %,d accounts, contacts, play runs and email steps in %.1f s%n",
                    steps + baselineSteps, (System.nanoTime() - loading) / 1e9);

            long started = System.nanoTime();
            engine.getBean(StepScheduler.class).wake(List.of(Instant.now()));
            double batched = waitFor(jdbc, smtp, "d", steps, steps, started);

            Scheduler scheduler = engine.getBean(Scheduler.class);
            scheduler.standby();
            long scheduling = System.nanoTime();
            scheduleOneJobEach(scheduler, jdbc);
            double schedulingSeconds = (System.nanoTime() - scheduling) / 1e9;
            long firing = System.nanoTime();
            scheduler.start();
            double oneJobEach = waitFor(jdbc, smtp, "q", baselineSteps, steps + baselineSteps, firing);

            Set<String> messageIds = new HashSet<>();
            MimeMessage[] received = smtp.getReceivedMessages();
            for (MimeMessage m : received) {
                messageIds.add(m.getMessageID());
            }
            Map<String, Long> statuses = new HashMap<>();
            jdbc.sql("SELECT status, count(*) FROM play_step GROUP BY status")
                    .query(rs -> {
                        statuses.put(rs.getString(1), rs.getLong(2));
                    });
            print(steps, batched, baselineSteps, oneJobEach, schedulingSeconds, received.length, messageIds.size(), statuses);
        } finally {
            smtp.stop();
        }
    }

    /** Accounts "p-1".., each with one champion, a run and one email step due at {@code dueAt}; in SQL, set-wise. */
    private static void load(JdbcClient jdbc, String prefix, int count, int mailboxes, String definition, String version, String dueAt) {
        jdbc.sql("""
                        INSERT INTO account (id, name, segment, stage, csm, arr, plan, started_on, renewal_on, timezone)
                        SELECT ? || '-' || n, 'Account ' || n, 'TECH_TOUCH', 'ADOPTION', 'csm-' || (n % 50) || '@cs.test',
                               1200, 'starter', current_date - 200, current_date + 165, 'UTC'
                        FROM generate_series(1, ?) n""").params(prefix, count).update();
        jdbc.sql("""
                        INSERT INTO contact (account_id, email, name, role, timezone, active, unsubscribed)
                        SELECT ? || '-' || n, 'champion-' || ? || '-' || (n % ?) || '@customer.test', 'Champion ' || n,
                               'CHAMPION', 'UTC', true, false
                        FROM generate_series(1, ?) n""").params(prefix, prefix, mailboxes, count).update();
        jdbc.sql("""
                        INSERT INTO play_run (account_id, play_id, play_name, status, started_at, rule_name,
                                              rule_set_version, matched_facts)
                        SELECT ? || '-' || n, 'dispatch-bench', 'Dispatch benchmark', 'RUNNING', now(),
                               'Dispatch benchmark', ?, '{}'::jsonb
                        FROM generate_series(1, ?) n""").params(prefix, version, count).update();
        jdbc.sql("INSERT INTO play_step (run_id, account_id, position, type, definition, due_at, status) "
                        + "SELECT id, account_id, 0, 'EMAIL', ?::jsonb, " + dueAt + ", 'SCHEDULED' "
                        + "FROM play_run WHERE account_id LIKE ? || '-%'")
                .params(definition, prefix).update();
    }

    /** One Quartz job and trigger per step, stored in one call (the cheapest way Quartz offers). */
    private static void scheduleOneJobEach(Scheduler scheduler, JdbcClient jdbc) throws SchedulerException {
        List<Long> ids = jdbc.sql("SELECT id FROM play_step WHERE account_id LIKE 'q-%' ORDER BY id").query(Long.class).list();
        Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
        for (long id : ids) {
            JobDetail job = JobBuilder.newJob(OneStepJob.class).withIdentity("step-" + id, "bench")
                    .usingJobData(OneStepJob.STEP_ID, id).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("step-" + id, "bench").startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
            jobs.put(job, Set.of(trigger));
        }
        scheduler.scheduleJobs(jobs, false);
    }

    /** Waits until none of the prefix's steps is scheduled and SMTP has every message; returns the seconds. */
    private static double waitFor(JdbcClient jdbc, GreenMail smtp, String prefix, int steps, int messages, long started)
            throws InterruptedException {
        long deadline = started + LONGEST_WAIT.toNanos();
        long lastReport = started;
        while (System.nanoTime() < deadline) {
            long scheduled = jdbc.sql("SELECT count(*) FROM play_step WHERE status = 'SCHEDULED' AND account_id LIKE ? || '-%'")
                    .param(prefix).query(Long.class).single();
            if (scheduled == 0 && smtp.getReceivedMessages().length >= messages) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %,d of %,d steps still scheduled after %.0f s%n", scheduled, steps,
                        (lastReport - started) / 1e9);
            }
            // A poll, not a timed pause in a test: the benchmark watches the engine from outside.
            Thread.sleep(scheduled == 0 ? 20 : 200);
        }
        throw new IllegalStateException("The " + prefix + " steps did not finish within " + LONGEST_WAIT);
    }

    private static void print(int steps, double batched, int baselineSteps, double oneJobEach, double schedulingSeconds,
                              int received, int distinctIds, Map<String, Long> statuses) {
        long batchedRate = Math.round(steps / batched);
        long baselineRate = Math.round(baselineSteps / oneJobEach);
        long baselineWithScheduling = Math.round(baselineSteps / (oneJobEach + schedulingSeconds));
        int expected = steps + baselineSteps;
        boolean once = received == expected && distinctIds == expected
                && statuses.getOrDefault("DONE", 0L) == expected && statuses.size() == 1;
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-44s %10s %10s %10s", "dispatch", "steps", "seconds", "steps/s"));
        lines.add(String.format("%-44s %,10d %10.2f %,10d", "batched drain (wake once)", steps, batched, batchedRate));
        lines.add(String.format("%-44s %,10d %10.2f %,10d", "one Quartz job per step (firing only)", baselineSteps,
                oneJobEach, baselineRate));
        lines.add(String.format("%-44s %,10d %10.2f %,10d", "one Quartz job per step (scheduling + firing)", baselineSteps,
                oneJobEach + schedulingSeconds, baselineWithScheduling));
        lines.add(String.format("ratio batched / one job per step: %.1f (firing only), %.1f (with scheduling)%s",
                (double) batchedRate / baselineRate, (double) batchedRate / baselineWithScheduling,
                baselineSteps < steps ? String.format("; the baseline ran %,d steps, not %,d: at its rate %,d would take %.0f s",
                        baselineSteps, steps, steps, steps / (double) baselineRate) : ""));
        lines.add(String.format("target %,d steps/s on %d processors: %s", TARGET_PER_SECOND,
                Runtime.getRuntime().availableProcessors(), batchedRate >= TARGET_PER_SECOND ? "met" : "NOT met"));
        lines.add(String.format("exactly once: %s (messages received %,d, distinct Message-IDs %,d, steps %s, expected %,d)",
                once ? "yes" : "NO", received, distinctIds, statuses, expected));
        System.out.println(String.join(System.lineSeparator(), lines));
        if (!once) {
            throw new IllegalStateException("Steps did not run exactly once");
        }
    }
}
