package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.api.people.Role;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * New high-priority tasks reach Slack: CS ops connect a channel's incoming webhook on the notifications page,
 * a rule starts a play whose high-priority task is created, and the webhook (a real local HTTP server here)
 * receives the task's title and the link to it; Slack being down is retried, a removed webhook is given up
 * and shown, and task creation never waits on any of it.
 */
class SlackNotificationsIntegrationTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;

    private RecordingHttpServer slack;
    private final String csm = unique("csm");
    private final String ops = unique("ops");

    private static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@tenure.test";
    }

    @BeforeEach
    void startSlack() throws IOException {
        slack = RecordingHttpServer.start();
        ensurePerson(csm, Role.CSM);
        ensurePerson(ops, Role.CS_OPS);
    }

    @AfterEach
    void stopSlack() {
        // The shared context keeps polling: no webhook of this test may outlive its server.
        jdbc.sql("DELETE FROM slack_webhook WHERE url LIKE ?").param(slack.url("/") + "%").update();
        slack.close();
    }

    @Test
    void a_detractors_high_priority_task_is_posted_to_the_csms_channel_with_its_title_and_link() throws Exception {
        SignedInClient page = SignedInClient.signIn(port, ops, PASSWORD);
        page.page("/admin/notifications");
        String secretUrl = slack.url("/services/T0001/B0001/s3cr3tWebhookPart");
        HttpResponse<String> added = page.post("/admin/notifications", "scope=CSM&csm=" + SignedInClient.enc(csm)
                + "&channel=" + SignedInClient.enc("#dana-alerts") + "&url=" + SignedInClient.enc(secretUrl));
        assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/admin/notifications");
        String listed = page.page("/admin/notifications").body();
        assertThat(listed).contains("#dana-alerts", csm).doesNotContain("s3cr3tWebhookPart");

        long webhook = jdbc.sql("SELECT id FROM slack_webhook WHERE channel = '#dana-alerts' AND csm = ?").param(csm)
                .query(Long.class).single();
        page.post("/admin/notifications/" + webhook + "/test", "");
        assertThat(page.page("/admin/notifications").body()).contains("Test message sent to #dana-alerts.");
        assertThat(JSON.readTree(slack.requests().get(0).body()).path("text").asText()).startsWith("Tenure test message, sent by " + ops);

        TestData account = TestData.account("Slack Parcels", Segment.HIGH_TOUCH).csm(csm);
        intake.accept(account.batch());
        assertThat(post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 2, "comment": "Too slow"}"""
                .formatted(account.id(), account.id(), TestClock.now())).getStatusCode()).isEqualTo(HttpStatus.OK);

        RecordingHttpServer.Request request = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> slack.requests().stream().skip(1).findFirst().orElse(null), r -> r != null);
        JsonNode task = items("/api/tasks?owner=" + csm).get(0);
        assertThat(task.path("priority").asText()).isEqualTo("HIGH");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T0001/B0001/s3cr3tWebhookPart");
        assertThat(request.contentType()).startsWith("application/json");
        String text = JSON.readTree(request.body()).path("text").asText();
        assertThat(text).contains(task.path("title").asText(), "Slack Parcels", "High-priority task")
                .contains("<https://cs.tenure.test/tenure/inbox#task-" + task.path("id").asLong() + "|Open the task in Tenure>");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get("/api/accounts/" + account.id() + "/timeline").toString()).contains("slack.posted", "#dana-alerts"));
        Thread.sleep(600);
        assertThat(slack.requests()).as("the test message, then the task posted once, however many rounds ran").hasSize(2);
        assertThat(page.page("/admin/notifications").body()).contains("Sent");
    }

    @Test
    void slack_answering_503_is_tried_again_and_a_removed_webhook_is_given_up_on_the_timeline_and_the_page() {
        jdbc.sql("""
                INSERT INTO slack_webhook (scope, csm, channel, url, created_by, created_at)
                VALUES ('CSM', ?, '#flaky', ?, 'test', ?)""")
                .params(csm, slack.url("/flaky"), java.sql.Timestamp.from(TestClock.now())).update();
        slack.thenAnswer(503, "").thenAnswer(200, "ok");
        TestData flaky = TestData.account("Flaky Freight", Segment.HIGH_TOUCH).csm(csm);
        intake.accept(flaky.batch());
        post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 1}"""
                .formatted(flaky.id(), flaky.id(), TestClock.now()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/accounts/" + flaky.id() + "/timeline").toString()).contains("slack.posted"));
        assertThat(slack.requests()).hasSize(2);
        assertThat(items("/api/tasks?owner=" + csm)).as("the task was there while Slack was down").hasSize(1);

        slack.thenAnswer(404, "no_service");
        TestData gone = TestData.account("Gone Channel", Segment.HIGH_TOUCH).csm(csm);
        intake.accept(gone.batch());
        post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 0}"""
                .formatted(gone.id(), gone.id(), TestClock.now()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/accounts/" + gone.id() + "/timeline").toString())
                        .contains("slack.failed", "Task not posted to Slack (#flaky) after 1 attempt: Slack answered 404 no_service"));
        assertThat(slack.requests()).as("a 404 is not retried").hasSize(3);
        SignedInClient page = SignedInClient.signIn(port, ops, PASSWORD);
        assertThat(page.page("/admin/notifications").body()).contains("Failed", "Slack answered 404 no_service");
        long webhook = jdbc.sql("SELECT id FROM slack_webhook WHERE channel = '#flaky' AND csm = ?").param(csm).query(Long.class).single();
        slack.thenAnswer(404, "no_service");
        page.post("/admin/notifications/" + webhook + "/test", "");
        assertThat(page.page("/admin/notifications").body()).contains("The test message did not reach #flaky: Slack answered 404 no_service");
    }

    @Test
    void a_task_closed_because_its_account_churned_before_slack_took_its_post_is_not_posted_after() {
        jdbc.sql("""
                INSERT INTO slack_webhook (scope, csm, channel, url, created_by, created_at)
                VALUES ('CSM', ?, '#limited', ?, 'test', ?)""")
                .params(csm, slack.url("/limited"), java.sql.Timestamp.from(TestClock.now())).update();
        slack.thenAskToWait(Duration.ofHours(1));
        TestData leaving = TestData.account("Leaving Lumber", Segment.HIGH_TOUCH).csm(csm);
        intake.accept(leaving.batch());
        post("/api/webhooks/nps", """
                {"eventId": "nps-%s", "accountId": "%s", "occurredAt": "%s", "score": 1}"""
                .formatted(leaving.id(), leaving.id(), TestClock.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.requests().size() == 1);
        long task = items("/api/tasks?owner=" + csm).get(0).path("id").asLong();

        intake.accept(leaving.next().billing(BillingEvent.SUBSCRIPTION_CANCELLED, 0).batch());
        assertThat(get("/api/tasks/" + task).path("outcome").asText()).isEqualTo("CHURNED");
        jdbc.sql("UPDATE slack_post SET next_attempt_at = ? WHERE task_id = ?")
                .params(java.sql.Timestamp.from(TestClock.now().minusSeconds(1)), task).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> !"PENDING".equals(postStatus(task)));
        assertThat(postStatus(task)).isEqualTo("WITHDRAWN");
        assertThat(slack.requests()).as("only the attempt made before the churn").hasSize(1);
        SignedInClient page = SignedInClient.signIn(port, ops, PASSWORD);
        assertThat(page.page("/admin/notifications").body())
                .contains("Withdrawn", "not posted: the task was closed (CHURNED) before it went out");
    }

    private String postStatus(long task) {
        return jdbc.sql("SELECT status FROM slack_post WHERE task_id = ?").param(task).query(String.class).single();
    }

    @Test
    void a_webhook_must_be_an_https_address_for_an_active_csm_and_only_cs_ops_and_admins_open_the_page() {
        SignedInClient page = SignedInClient.signIn(port, ops, PASSWORD);
        page.page("/admin/notifications");

        page.post("/admin/notifications", "scope=TEAM&channel=%23team&url=" + SignedInClient.enc("http://hooks.example.com/services/x"));
        assertThat(page.page("/admin/notifications").body()).contains("No webhook was added. url: a webhook address must start with https://");
        page.post("/admin/notifications", "scope=CSM&csm=" + SignedInClient.enc("nobody@tenure.example")
                + "&channel=%23x&url=" + SignedInClient.enc("https://hooks.slack.com/services/T/B/abcdefghijkl"));
        assertThat(page.page("/admin/notifications").body()).contains("csm: nobody@tenure.example is not an active CSM in Tenure");
        page.post("/admin/notifications", "scope=TEAM&channel=&url=" + SignedInClient.enc("https://hooks.slack.com/services/T/B/abcdefghijkl"));
        assertThat(page.page("/admin/notifications").body()).contains("channel: name the channel");

        SignedInClient csmPage = SignedInClient.signIn(port, csm, PASSWORD);
        assertThat(csmPage.page("/admin/notifications").statusCode()).isEqualTo(403);
    }
}
