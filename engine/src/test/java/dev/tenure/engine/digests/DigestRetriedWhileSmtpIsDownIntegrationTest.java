package dev.tenure.engine.digests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.mail.EmailStatus;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Given an SMTP server that is down, a CSM's weekly digest is not counted as sent: it waits for another
 * attempt after the mail backoff, like a play's email, and arrives once, with its Message-ID, when the
 * server is back; a digest whose node died while sending it is taken again once its lease ends.
 */
// Closed after this class: alive, its scheduler would drain other tests' due steps into an SMTP server that is down.
@DirtiesContext
@SpringBootTest(classes = EngineTestApplication.class,
        properties = {"tenure.mail.retry.max-attempts=3", "tenure.mail.retry.backoff=1h,2h"})
class DigestRetriedWhileSmtpIsDownIntegrationTest {

    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void smtpDown(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired Digests digests;
    @Autowired Intake intake;
    @Autowired JdbcClient jdbc;
    @Autowired Scheduler scheduler;
    @Autowired DigestRetries retries;

    private GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void given_smtp_down_the_digest_is_tried_again_after_the_backoff_and_arrives_once_when_smtp_is_back() throws Exception {
        String csm = csmWithOpenTasks("Digest Down Co", 3);

        assertThat(digests.sendTo(csm)).contains(EmailStatus.RETRYING);
        Map<String, Object> first = row(csm);
        assertThat(first).containsEntry("status", "RETRYING").containsEntry("attempts", 1).containsEntry("sent_at", null);
        assertThat((String) first.get("error")).contains("Connection refused");
        assertThat(retryAt(first)).isCloseTo(TestClock.now().plus(Duration.ofHours(1)), within(Duration.ofMinutes(1)));
        Trigger wake = scheduler.getTrigger(TriggerKey.triggerKey("digest-retries-next", "tenure"));
        // By the attempt's time at the latest (earlier while another digest's lease may end sooner).
        assertThat(wake.getNextFireTime()).isBeforeOrEqualTo(new java.util.Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));

        // Not due yet: nothing is tried; a week's second run finds the digest and leaves it to the retries.
        assertThat(digests.retryDue()).isZero();
        assertThat(digests.sendTo(csm)).isEmpty();
        assertThat(row(csm)).containsEntry("attempts", 1);

        makeDue(csm);
        digests.retryDue();
        Map<String, Object> second = row(csm);
        assertThat(second).containsEntry("status", "RETRYING").containsEntry("attempts", 2);
        assertThat(retryAt(second)).isCloseTo(TestClock.now().plus(Duration.ofHours(2)), within(Duration.ofMinutes(1)));

        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        makeDue(csm);
        assertThat(digests.retryDue()).isGreaterThanOrEqualTo(1);

        Map<String, Object> sent = row(csm);
        assertThat(sent).containsEntry("status", "SENT").containsEntry("attempts", 3).containsEntry("retry_at", null);
        assertThat(sent.get("sent_at")).isNotNull();
        List<MimeMessage> received = to(csm);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessageID()).isEqualTo(Digests.messageId(csm, digests.week(TestClock.now())));
        assertThat(received.get(0).getSubject()).isEqualTo(first.get("subject")).startsWith("Your tasks this week: 3 open, ");
        assertThat(digests.retryDue()).isZero();
    }

    @Test
    void given_smtp_down_for_every_attempt_the_digest_fails_after_the_last_with_the_error() {
        String csm = csmWithOpenTasks("Digest Never Co", 1);

        digests.sendTo(csm);
        makeDue(csm);
        digests.retryDue();
        makeDue(csm);
        digests.retryDue();

        Map<String, Object> failed = row(csm);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("attempts", 3)
                .containsEntry("retry_at", null).containsEntry("sent_at", null);
        assertThat((String) failed.get("error")).contains("Connection refused");
    }

    @Test
    void given_a_digest_left_sending_by_a_node_that_died_then_it_is_sent_again_with_its_message_id_once_the_lease_ends()
            throws Exception {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String lost = csmWithOpenTasks("Digest Lost Co", 2);
        String lastTry = csmWithOpenTasks("Digest Last Try Co", 2);
        digests.sendTo(lost);
        digests.sendTo(lastTry);
        String lostId = (String) row(lost).get("message_id");
        // As a node leaves a digest when it dies after claiming it: SENDING, its lease not over yet.
        jdbc.sql("UPDATE digest SET status = 'SENDING', sent_at = NULL, retry_at = ? WHERE csm = ?")
                .params(Timestamp.from(TestClock.now().plus(Digests.SENDING_LEASE)), lost).update();
        jdbc.sql("UPDATE digest SET status = 'SENDING', sent_at = NULL, attempts = 3, retry_at = ? WHERE csm = ?")
                .params(Timestamp.from(TestClock.now().minusSeconds(1)), lastTry).update();

        assertThat(digests.retryDue()).as("the lease is not over: the node may still be sending").isZero();
        makeDue(lost);
        digests.retryDue();

        assertThat(row(lost)).containsEntry("status", "SENT").containsEntry("attempts", 2);
        List<MimeMessage> received = to(lost);
        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(m -> assertThat(m.getMessageID()).isEqualTo(lostId));
        Map<String, Object> gaveUp = row(lastTry);
        assertThat(gaveUp).containsEntry("status", "FAILED").containsEntry("attempts", 3);
        assertThat((String) gaveUp.get("error")).isEqualTo("the node sending it stopped before SMTP answered, on attempt 3 of 3");
        assertThat(to(lastTry)).hasSize(1);
    }

    @Test
    void given_a_digest_due_for_another_attempt_when_the_retries_are_woken_then_the_scheduler_runs_them() {
        String csm = csmWithOpenTasks("Digest Woken Co", 1);
        digests.sendTo(csm);
        assertThat(row(csm)).containsEntry("status", "RETRYING");
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        makeDue(csm);
        retries.wakeBy(TestClock.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(row(csm).get("status")));
        assertThat(row(csm)).containsEntry("attempts", 2);
    }

    @Test
    void given_a_digest_waiting_for_another_attempt_when_an_account_it_lists_churns_then_the_attempt_leaves_that_account_out()
            throws Exception {
        String csm = "csm-digest-churn-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData staying = TestData.account("Digest Staying Co", Segment.HIGH_TOUCH).csm(csm).nps(2, 0);
        TestData leaving = TestData.account("Digest Leaving Co", Segment.HIGH_TOUCH).csm(csm).nps(2, 0);
        intake.accept(staying.batch());
        intake.accept(leaving.batch());
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM task WHERE owner = ? AND status = 'OPEN'")
                .param(csm).query(Long.class).single() == 2);
        assertThat(digests.sendTo(csm)).contains(EmailStatus.RETRYING);
        assertThat((String) row(csm).get("subject")).startsWith("Your tasks this week: 2 open");

        intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        makeDue(csm);
        digests.retryDue();

        List<MimeMessage> received = to(csm);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).startsWith("Your tasks this week: 1 open");
        String body = String.valueOf(received.get(0).getContent());
        assertThat(body).contains("Digest Staying Co").doesNotContain("Digest Leaving Co");
        assertThat(row(csm)).containsEntry("status", "SENT").containsEntry("subject", received.get(0).getSubject());
    }

    @Test
    void given_a_digest_waiting_for_another_attempt_when_every_task_it_lists_is_closed_then_it_is_not_sent() {
        String csm = "csm-digest-all-gone-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
        TestData leaving = TestData.account("Digest All Gone Co", Segment.HIGH_TOUCH).csm(csm).nps(2, 0);
        intake.accept(leaving.batch());
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM task WHERE owner = ? AND status = 'OPEN'")
                .param(csm).query(Long.class).single() == 1);
        assertThat(digests.sendTo(csm)).contains(EmailStatus.RETRYING);

        intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        makeDue(csm);
        digests.retryDue();

        assertThat(to(csm)).isEmpty();
        Map<String, Object> kept = row(csm);
        assertThat(kept).containsEntry("status", "KEPT").containsEntry("retry_at", null).containsEntry("sent_at", null);
        assertThat((String) kept.get("error")).isEqualTo("not sent: none of the CSM's tasks is open any more");
        assertThat(digests.retryDue()).isZero();
    }

    /** A CSM of a new account with this many open tasks, one of them overdue. */
    private String csmWithOpenTasks(String name, int open) {
        TestData account = TestData.account(name, Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        Instant now = TestClock.now();
        for (int i = 0; i < open; i++) {
            jdbc.sql("""
                            INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                            VALUES (?, ?, ?, 'NORMAL', 'OPEN', ?, ?)""")
                    .params(account.id(), account.account().csm(), "Task " + i,
                            Timestamp.from(i == 0 ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(i))), Timestamp.from(now))
                    .update();
        }
        return account.account().csm();
    }

    private void makeDue(String csm) {
        jdbc.sql("UPDATE digest SET retry_at = ? WHERE csm = ?").params(Timestamp.from(TestClock.now().minusSeconds(1)), csm).update();
    }

    private Map<String, Object> row(String csm) {
        return jdbc.sql("SELECT status, attempts, error, retry_at, sent_at, subject, message_id FROM digest WHERE csm = ?")
                .param(csm).query().singleRow();
    }

    private static Instant retryAt(Map<String, Object> row) {
        return ((Timestamp) row.get("retry_at")).toInstant();
    }

    private List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
