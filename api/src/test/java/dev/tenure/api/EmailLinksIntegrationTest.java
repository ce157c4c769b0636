package dev.tenure.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.schedule.StepRunner;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.digests.Digests;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every link in an email sent over real SMTP (GreenMail) starts with {@code tenure.public-url}
 * (https://cs.tenure.test/tenure in the test properties): the digest's open the inbox page, not the API, and a
 * play's email to the CSM may link to the account's page.
 */
class EmailLinksIntegrationTest extends ApiIntegrationTest {

    private static final String PUBLIC_URL = "https://cs.tenure.test/tenure";
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    @Autowired
    Digests digests;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void the_weekly_digest_links_each_task_to_its_row_on_the_inbox_page_at_the_public_url() {
        TestData account = TestData.account("Linked Digest Co", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        String csm = account.account().csm();
        long task = jdbc.sql("""
                        INSERT INTO task (account_id, owner, title, priority, status, due_at, created_at)
                        VALUES (?, ?, 'Call the champion', 'HIGH', 'OPEN', ?, ?) RETURNING id""")
                .params(account.id(), csm, Timestamp.from(TestClock.now().minus(Duration.ofDays(2))), Timestamp.from(TestClock.now()))
                .query(Long.class).single();

        digests.sendTo(csm);

        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(csm).size() == 1);
        List<String> links = links(GreenMailUtil.getBody(SharedGreenMail.to(csm).get(0)));
        assertThat(links).containsExactly(PUBLIC_URL + "/inbox#task-" + task, PUBLIC_URL + "/inbox");
        assertThat(links).noneMatch(link -> link.contains("/api/") || link.contains("localhost"));
    }

    @Test
    void an_email_to_the_csm_links_to_the_accounts_page_at_the_public_url() {
        TestData account = TestData.account("Linked Account Co", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        String csm = account.account().csm();
        String starter = rules.get().version();
        Map<String, String> files = new HashMap<>();
        rules.get().files().files().forEach(file -> files.put(file.path(), file.content()));
        files.put("templates/csm-heads-up.html", """
                <html><head><title>Heads-up: [[${account.name}]]</title></head>
                <body><p><a th:href="${accountUrl}">Open [[${account.name}]] in Tenure</a></p></body></html>
                """);
        assertThat(post("/api/rules/versions", json(Map.of("files", files))).getStatusCode().value()).isEqualTo(201);
        try {
            Why why = new Why("test", rules.get().version(), Map.of());
            PlayDefinition play = TestPlays.play("csm-heads-up", TestPlays.email(Span.ZERO, "csm", "csm-heads-up"));
            transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow());
            runner.runDue();

            await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(csm).size() == 1);
            assertThat(links(GreenMailUtil.getBody(SharedGreenMail.to(csm).get(0))))
                    .containsExactly(PUBLIC_URL + "/accounts/" + account.id());
        } finally {
            post("/api/rules/versions/" + starter + "/activate", "");
        }
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hrefs of an HTML body, undoing quoted-printable line breaks and escapes. */
    static List<String> links(String body) {
        Matcher href = HREF.matcher(body.replace("=\r\n", "").replace("=3D", "="));
        List<String> links = new ArrayList<>();
        while (href.find()) {
            links.add(href.group(1));
        }
        return links;
    }
}
