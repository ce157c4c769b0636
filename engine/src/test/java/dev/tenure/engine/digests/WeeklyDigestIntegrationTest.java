package dev.tenure.engine.digests;

import dev.tenure.engine.EngineTestApplication;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = EngineTestApplication.class)
class WeeklyDigestIntegrationTest {

    @Autowired Digests digests;
    @Autowired Intake intake;
    @Autowired JdbcClient jdbc;

    /** A task as a CSM might have made by hand: no play run behind it. */
    private long task(String accountId, String owner, String title, String priority, String status, Instant due) {
        return jdbc.sql("""
                        INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(accountId, owner, title, priority, status, java.sql.Timestamp.from(due), java.sql.Timestamp.from(TestClock.now()))
                .query(Long.class).single();
    }

    @Test
    void given_a_csm_with_open_and_overdue_tasks_then_one_digest_arrives_even_when_sent_again_and_at_once() throws Exception {
        TestData acme = TestData.account("Digest Corp", Segment.HIGH_TOUCH);
        intake.accept(acme.batch());
        String csm = acme.account().csm();
        Instant now = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        long overdue = task(acme.id(), csm, "Call the champion", "HIGH", "OPEN", now.minus(Duration.ofDays(2)));
        task(acme.id(), csm, "Prepare the QBR", "NORMAL", "OPEN", now.plus(Duration.ofDays(3)));
        task(acme.id(), csm, "Already done", "LOW", "DONE", now.plus(Duration.ofDays(3)));

        CompletableFuture<?> one = CompletableFuture.runAsync(() -> digests.sendTo(csm));
        CompletableFuture<?> two = CompletableFuture.runAsync(() -> digests.sendTo(csm));
        one.join();
        two.join();
        digests.sendWeekly();

        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(csm).size() == 1);
        MimeMessage digest = SharedGreenMail.to(csm).get(0);
        String week = digests.week(TestClock.now());
        assertThat(digest.getMessageID()).isEqualTo(Digests.messageId(csm, week)).startsWith("<digest-").endsWith("-" + week + "@tenure>");
        assertThat(digest.getSubject()).isEqualTo("Your tasks this week: 2 open, 1 overdue (" + week + ")");
        String body = (String) digest.getContent();
        assertThat(body).contains("Call the champion", "Prepare the QBR", "Digest Corp", "OVERDUE",
                "href=\"http://localhost:8080/inbox#task-" + overdue + "\"", "href=\"http://localhost:8080/inbox\"")
                .doesNotContain("Already done", "/api/");
        assertThat(body.indexOf("Call the champion")).isLessThan(body.indexOf("Prepare the QBR"));
        assertThat(jdbc.sql("SELECT status FROM digest WHERE csm = ?").param(csm).query(String.class).list())
                .containsExactly("SENT");
    }

    @Test
    void given_a_csm_with_more_open_tasks_than_a_digest_lists_then_the_subject_counts_them_all_and_the_body_says_so() throws Exception {
        TestData busy = TestData.account("Busy Digest Corp", Segment.HIGH_TOUCH);
        intake.accept(busy.batch());
        String csm = busy.account().csm();
        Instant now = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        int open = Digests.MOST_TASKS + 5;
        // Every other one overdue: 102 of 205, and the snoozed one below is not counted.
        jdbc.sql("""
                        INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                        SELECT ?, ?, 'Task ' || n, 'NORMAL', 'OPEN',
                               CAST(? AS timestamptz) + (CASE WHEN n % 2 = 0 THEN -1 ELSE 1 END) * interval '1 day', ?
                        FROM generate_series(1, ?) n""")
                .params(busy.id(), csm, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now), open).update();
        task(busy.id(), csm, "Snoozed, not counted", "HIGH", "OPEN", now.minus(Duration.ofDays(1)));
        jdbc.sql("UPDATE task SET snoozed_until = ? WHERE owner = ? AND title = 'Snoozed, not counted'")
                .params(java.sql.Timestamp.from(now.plus(Duration.ofDays(7))), csm).update();

        digests.sendTo(csm);

        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(csm).size() == 1);
        MimeMessage digest = SharedGreenMail.to(csm).get(0);
        String week = digests.week(TestClock.now());
        assertThat(digest.getSubject()).isEqualTo("Your tasks this week: 205 open, 102 overdue (" + week + ")");
        String body = (String) digest.getContent();
        assertThat(body).contains("The 200 most urgent of your 205 open tasks").doesNotContain("Snoozed, not counted");
        assertThat(body.split("inbox#task-", -1)).hasSize(Digests.MOST_TASKS + 1);
        assertThat(jdbc.sql("SELECT tasks, overdue FROM digest WHERE csm = ?").param(csm).query().singleRow())
                .containsEntry("tasks", 205).containsEntry("overdue", 102);
    }
}
