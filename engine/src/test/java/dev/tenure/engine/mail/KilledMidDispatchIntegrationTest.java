package dev.tenure.engine.mail;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.testing.SharedPostgres;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.vocabulary.Segment;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given a node sending a few hundred emails, when it is killed ({@code kill -9}) in the middle and started
 * again, then every email arrives, and at most the messages that were in flight on its SMTP connections
 * when it died (at most {@code tenure.mail.connections} × {@code tenure.step-workers}) arrive twice, each
 * copy with the Message-ID of the first.
 * <p>
 * The node is a process of its own ({@link DispatchingNode}, started with this JVM's classpath) so that
 * the kill is a real one: no shutdown hook, no finished batch, open transactions cut off at PostgreSQL.
 * It runs on a database of its own in the shared PostgreSQL, so no other test's scheduler drains its
 * steps; the SMTP server is this test's own and takes 20 ms per message, so the kill lands mid-dispatch.
 */
class KilledMidDispatchIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(KilledMidDispatchIntegrationTest.class);

    private static final int EMAILS = 400;
    private static final int WORKERS = 2;
    private static final int CONNECTIONS = 2;
    private static final Duration PER_MESSAGE = Duration.ofMillis(20);
    private static final PlayDefinition PLAY = TestPlays.play("kill-nine-check", TestPlays.checkInEmail());

    @Test
    void given_a_node_killed_mid_dispatch_when_it_starts_again_then_every_email_arrives_and_only_those_in_flight_twice()
            throws Exception {
        String url = newDatabase("kill_nine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        AtomicInteger accepted = new AtomicInteger();
        GreenMail smtp = slowSmtp(accepted);
        try (ConfigurableApplicationContext seeder = seeder(url)) {
            JdbcClient jdbc = seeder.getBean(JdbcClient.class);
            List<Long> runIds = startRuns(seeder);

            Process first = node("first", url, smtp);
            int acceptedAtKill;
            try {
                awaitOrDump(first, "first", () -> await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
                        .until(() -> alive(first, "first") && accepted.get() >= EMAILS / 4));
                first.destroyForcibly();
                acceptedAtKill = accepted.get();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            assertThat(acceptedAtKill).as("messages accepted when the node was killed").isLessThan(EMAILS);

            Process second = node("second", url, smtp);
            try {
                awaitOrDump(second, "second", () -> await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> alive(second, "second") && done(jdbc, runIds) == EMAILS));
            } finally {
                second.destroyForcibly();
            }

            Set<String> recorded = Set.copyOf(jdbc.sql("SELECT message_id FROM email WHERE run_id = ANY(?) AND status = 'SENT'")
                    .param(runIds.toArray(Long[]::new)).query(String.class).list());
            assertThat(recorded).hasSize(EMAILS);
            List<MimeMessage> received = Arrays.asList(smtp.getReceivedMessages());
            Map<String, Long> copies = received.stream().collect(Collectors.groupingBy(
                    KilledMidDispatchIntegrationTest::messageId, Collectors.counting()));
            assertThat(copies.keySet()).as("Message-IDs at the SMTP server").containsAll(recorded);
            long twice = received.size() - copies.size();
            log.info("Killed after {} of {} messages were accepted; received {} messages, {} distinct Message-IDs, {} twice",
                    acceptedAtKill, EMAILS, received.size(), copies.size(), twice);
            assertThat(twice).as("messages received twice (accepted before the kill: %d)", acceptedAtKill)
                    .isLessThanOrEqualTo(CONNECTIONS * WORKERS);
            // A copy carries the first one's Message-ID: each recipient got one Message-ID, however many copies.
            Map<String, Set<String>> idsByRecipient = received.stream().collect(Collectors.groupingBy(
                    KilledMidDispatchIntegrationTest::recipient, Collectors.mapping(KilledMidDispatchIntegrationTest::messageId, Collectors.toSet())));
            assertThat(idsByRecipient.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(jdbc.sql("SELECT count(*) FROM email WHERE run_id = ANY(?) AND attempts > 2")
                    .param(runIds.toArray(Long[]::new)).query(Long.class).single()).isZero();
        } finally {
            smtp.stop();
        }
    }

    /** SMTP that delivers a message 20 ms after it has it, and counts the messages it accepted. */
    private static GreenMail slowSmtp(AtomicInteger accepted) {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        UserManager users = smtp.getUserManager();
        MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            try {
                Thread.sleep(PER_MESSAGE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var user = deliver.handle(message, address);
            accepted.incrementAndGet();
            return user;
        });
        return smtp;
    }

    /** A fresh database in the shared PostgreSQL; its URL. */
    private static String newDatabase(String name) throws SQLException {
        String shared = SharedPostgres.jdbcUrl();
        try (Connection c = DriverManager.getConnection(shared, "postgres", "postgres")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return shared.replaceFirst("/postgres\\?", "/" + name + "?");
    }

    /** The engine in this JVM, to migrate the database and start the runs; its scheduler stays off. */
    private static ConfigurableApplicationContext seeder(String url) {
        return new SpringApplicationBuilder(EngineTestApplication.class).properties("spring.main.banner-mode=off")
                .run(database(url).toArray(String[]::new));
    }

    /**
     * The test's database, and a scheduler name of its own: Quartz keeps its data sources JVM-wide by
     * scheduler name, so a context here named like the cached ones would point their schedulers at this
     * database, and they would take the nodes' triggers.
     */
    private static List<String> database(String url) {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--spring.quartz.scheduler-name=tenure-killed-mid-dispatch",
                "--spring.quartz.auto-startup=false", "--tenure.test.smtp=off");
    }

    /** One run per account, each with one email to the account's champion, due an hour ago. */
    private static List<Long> startRuns(ConfigurableApplicationContext seeder) {
        List<TestData> accounts = new ArrayList<>();
        for (int i = 0; i < EMAILS; i++) {
            accounts.add(TestData.account("Kill Nine " + i, Segment.LOW_TOUCH));
        }
        List<Batch> batches = accounts.stream().map(TestData::batch).toList();
        seeder.getBean(Intake.class).accept(new Batch(batches.stream().flatMap(b -> b.accounts().stream()).toList(),
                batches.stream().flatMap(b -> b.contacts().stream()).toList(), List.of()));
        PlayRuns runs = seeder.getBean(PlayRuns.class);
        TransactionTemplate transaction = seeder.getBean(TransactionTemplate.class);
        Why why = new Why("test", seeder.getBean(ActiveRuleSet.class).get().version(), Map.of());
        Instant startedAt = TestClock.START.minus(Duration.ofHours(1));
        List<Long> runIds = new ArrayList<>();
        for (TestData account : accounts) {
            String accountId = account.id();
            runIds.add(transaction.execute(tx -> runs.start(accountId, PLAY, why, startedAt).orElseThrow()).runId());
        }
        return runIds;
    }

    /** The engine as a process of its own, on the test's database and SMTP server, its output in a file. */
    private static Process node(String name, String url, GreenMail smtp) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DispatchingNode.class.getName()));
        command.addAll(database(url).subList(0, 4));
        command.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--tenure.rules-folder=" + Path.of("../rules").toAbsolutePath().normalize(),
                "--tenure.step-workers=" + WORKERS, "--tenure.mail.connections=" + CONNECTIONS,
                "--tenure.step-batch-size=50", "--tenure.sweep-interval=1s",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name + "-" + UUID.randomUUID()));
        Path log = log(name);
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits; if the wait times out, the node's threads are added to its output first, to show where it stood. */
    private static void awaitOrDump(Process node, String name, Runnable wait) throws IOException, InterruptedException {
        try {
            wait.run();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Path dump = Path.of("target", "killed-mid-dispatch-" + name + "-threads.txt");
            new ProcessBuilder(jcmd.toString(), String.valueOf(node.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(e.getMessage() + " (the " + name + " node's threads are in " + dump.toAbsolutePath() + ")", e);
        }
    }

    private static Path log(String name) {
        return Path.of("target", "killed-mid-dispatch-" + name + ".log");
    }

    /** Whether the node still runs; a node that exited on its own fails the test with the end of its output. */
    private static boolean alive(Process node, String name) throws IOException {
        if (node.isAlive()) {
            return true;
        }
        List<String> lines = Files.readAllLines(log(name), StandardCharsets.UTF_8);
        throw new AssertionError("the " + name + " node exited with " + node.exitValue() + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }

    private static long done(JdbcClient jdbc, List<Long> runIds) {
        return jdbc.sql("SELECT count(*) FROM play_step WHERE run_id = ANY(?) AND status = 'DONE'")
                .param(runIds.toArray(Long[]::new)).query(Long.class).single();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .collect(Collectors.joining(","));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
