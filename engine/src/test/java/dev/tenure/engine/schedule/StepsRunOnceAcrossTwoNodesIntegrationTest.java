package dev.tenure.engine.schedule;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.StepType;
import dev.tenure.engine.plays.StopWhen;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given two nodes on one PostgreSQL sharing a clustered Quartz scheduler and 1,000 steps coming due over
 * a few seconds, when one node stops while the steps are running, then every step still runs exactly
 * once: one email per email step at the SMTP server, one task per task step in the database.
 */
class StepsRunOnceAcrossTwoNodesIntegrationTest {

    private static final int ACCOUNTS = 500;
    /** Each account's run has one email step (to its own champion) and one task step: 1,000 steps. */
    private static final PlayDefinition PLAY = new PlayDefinition("two-nodes-check", "Two nodes check", null,
            Span.ZERO, List.of(
                    new StepDefinition(StepType.EMAIL, Span.ofTime(Duration.ofSeconds(2)), null, null, null, null, null,
                            List.of("champion"), "usage-drop-checkin"),
                    new StepDefinition(StepType.TASK, Span.ofTime(Duration.ofSeconds(2)), "csm", "Check in with the champion", null,
                            "NORMAL", Span.ofDays(1), List.of(), null)),
            StopWhen.NEVER);

    /**
     * One node of the cluster: the scheduler name is this test's own, so cached contexts of other test
     * classes are not part of it. Command-line arguments, because the engine's own properties would win
     * over the builder's default properties.
     */
    private static ConfigurableApplicationContext node(String name) {
        return new SpringApplicationBuilder(EngineTestApplication.class)
                .properties("spring.main.banner-mode=off")
                .run("--spring.quartz.scheduler-name=tenure-two-nodes-test",
                        "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name + "-" + UUID.randomUUID());
    }

    @Test
    void every_step_runs_exactly_once_when_one_of_two_nodes_stops_midway() {
        List<TestData> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(TestData.account("Two Nodes " + i, Segment.LOW_TOUCH));
        }
        ConfigurableApplicationContext stopping = node("node-a");
        try (ConfigurableApplicationContext staying = node("node-b")) {
            JdbcClient jdbc = staying.getBean(JdbcClient.class);
            List<Long> runIds = startRuns(staying, accounts);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> stepsWith(jdbc, runIds, "DONE") > 0);
            long doneWhenStopped = stepsWith(jdbc, runIds, "DONE");
            stopping.close();
            assertThat(doneWhenStopped).as("steps done when node A stopped").isBetween(1L, 999L);

            await().atMost(Duration.ofSeconds(30)).until(() -> stepsWith(jdbc, runIds, "DONE") == 2L * ACCOUNTS);

            assertThat(stepsWith(jdbc, runIds, "SCHEDULED")).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM play_step WHERE run_id = ANY(?) AND executed_at IS NULL")
                    .param(runIds.toArray(Long[]::new)).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM play_step s WHERE s.run_id = ANY(?) AND s.type = 'TASK'
                               AND (SELECT count(*) FROM task t WHERE t.step_id = s.id) <> 1""")
                    .param(runIds.toArray(Long[]::new)).query(Long.class).single())
                    .as("task steps without exactly one task").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM task WHERE run_id = ANY(?)")
                    .param(runIds.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(ACCOUNTS);
            assertThat(jdbc.sql("SELECT count(*) FROM email WHERE run_id = ANY(?)")
                    .param(runIds.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(ACCOUNTS);

            // Only the recipients that did not get exactly one message, so a failure names them and no others.
            Map<String, Long> received = messagesPerRecipient();
            Map<String, Long> notExactlyOnce = new HashMap<>();
            for (TestData account : accounts) {
                String champion = "champion@" + account.id() + ".test";
                long messages = received.getOrDefault(champion, 0L);
                if (messages != 1) {
                    notExactlyOnce.put(champion, messages);
                }
            }
            assertThat(notExactlyOnce).as("email recipients at the SMTP server without exactly one message").isEmpty();
        } finally {
            stopping.close();
        }
    }

    /** Stores the accounts, starts one run each in its own transaction, and wakes the scheduler. */
    private static List<Long> startRuns(ConfigurableApplicationContext node, List<TestData> accounts) {
        List<Batch> batches = accounts.stream().map(TestData::batch).toList();
        node.getBean(Intake.class).accept(new Batch(
                batches.stream().flatMap(b -> b.accounts().stream()).toList(),
                batches.stream().flatMap(b -> b.contacts().stream()).toList(),
                List.of()));
        PlayRuns runs = node.getBean(PlayRuns.class);
        TransactionTemplate transaction = node.getBean(TransactionTemplate.class);
        Why why = new Why("test", node.getBean(ActiveRuleSet.class).get().version(), Map.of());
        Instant start = TestClock.now();
        List<Long> runIds = new ArrayList<>();
        List<Instant> dueTimes = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            String accountId = accounts.get(i).id();
            // Spread over four seconds, so the steps are still running when a node stops.
            Instant startedAt = start.plusMillis(i % 8 * 500L);
            StartedRun run = transaction.execute(tx -> runs.start(accountId, PLAY, why, startedAt).orElseThrow());
            runIds.add(run.runId());
            dueTimes.addAll(run.dueTimes());
        }
        node.getBean(StepScheduler.class).wake(dueTimes);
        return runIds;
    }

    private static long stepsWith(JdbcClient jdbc, List<Long> runIds, String status) {
        return jdbc.sql("SELECT count(*) FROM play_step WHERE run_id = ANY(?) AND status = ?")
                .params(runIds.toArray(Long[]::new), status).query(Long.class).single();
    }

    private static Map<String, Long> messagesPerRecipient() {
        return Arrays.stream(SharedGreenMail.get().getReceivedMessages())
                .flatMap(m -> recipients(m).stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
