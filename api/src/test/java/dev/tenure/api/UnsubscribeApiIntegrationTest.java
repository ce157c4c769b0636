package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.tenure.engine.guardrails.SuppressionSource;
import dev.tenure.engine.guardrails.Suppressions;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayRuns;
import dev.tenure.engine.plays.PlayStep;
import dev.tenure.engine.plays.StepStatus;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.schedule.StepRunner;
import dev.tenure.engine.testing.SharedGreenMail;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.testing.TestPlays;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The unsubscribe link of a real email, followed over HTTP: GET only asks, the one-click POST suppresses
 * the address for good, a forged link changes nothing; and CS ops' suppression list.
 */
class UnsubscribeApiIntegrationTest extends ApiIntegrationTest {

    /** The link starts with tenure.public-url (test properties); its path is followed on the test server. */
    private static final Pattern LINK = Pattern.compile("href=\"https://cs\\.tenure\\.test/tenure(/unsubscribe/[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)\"");

    @Autowired
    PlayRuns runs;
    @Autowired
    StepRunner runner;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ActiveRuleSet rules;
    @Autowired
    Suppressions suppressions;
    @Autowired
    Timeline timeline;

    @Test
    void given_the_link_of_a_sent_email_when_posted_one_click_then_the_address_is_suppressed_and_the_next_email_is_not_sent() throws Exception {
        TestData account = TestData.account("Link Follower Co", Segment.TECH_TOUCH);
        intake.accept(account.batch());
        String champion = "champion@" + account.id() + ".test";
        assertThat(startAndRun(account).status()).isEqualTo(StepStatus.DONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedGreenMail.to(champion).size() == 1);
        Matcher link = LINK.matcher(GreenMailUtil.getBody(SharedGreenMail.to(champion).get(0)).replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).isTrue();
        String path = link.group(1);
        assertThat(SharedGreenMail.to(champion).get(0).getHeader("List-Unsubscribe", null))
                .isEqualTo("<https://cs.tenure.test/tenure" + path + ">");

        ResponseEntity<String> page = http.getForEntity(path, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains(champion).contains("<form method=\"post\">");
        assertThat(suppressions.find(champion)).as("a GET changes nothing").isEmpty();

        ResponseEntity<String> done = oneClick(path);
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(done.getBody()).contains("You are unsubscribed");
        assertThat(suppressions.find(champion)).get().extracting(s -> s.source()).isEqualTo(SuppressionSource.UNSUBSCRIBE_LINK);
        assertThat(timeline.of(account.id(), 20)).extracting(TimelineEntry::type).contains("contact.unsubscribed");

        PlayStep next = startAndRun(account);
        assertThat(next.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(timeline.of(account.id(), 20)).extracting(TimelineEntry::type).contains("step.skipped");
        assertThat(SharedGreenMail.to(champion)).hasSize(1);
    }

    @Test
    void given_a_forged_or_garbled_link_then_a_400_page_says_it_is_not_valid_and_nothing_changes() {
        int before = suppressions.list(10_000).size();
        String forged = "/unsubscribe/" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("acme\nvictim@acme.test".getBytes()) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        for (String path : List.of(forged, "/unsubscribe/garbled", "/unsubscribe/a.b.c")) {
            ResponseEntity<String> get = http.getForEntity(path, String.class);
            ResponseEntity<String> post = oneClick(path);
            assertThat(get.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(post.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(post.getBody()).contains("This unsubscribe link is not valid");
        }
        assertThat(suppressions.list(10_000)).hasSize(before);
    }

    @Test
    void given_cs_ops_add_an_address_then_it_is_listed_and_a_bad_one_is_refused_naming_the_field() {
        String address = "Ops-" + System.nanoTime() + "@Example.test";

        ResponseEntity<JsonNode> added = post("/api/suppressions", "{\"address\":\"" + address + "\",\"reason\":\"asked by phone\"}");
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getBody().get("address").asText()).isEqualTo(address.toLowerCase());
        assertThat(added.getBody().get("source").asText()).isEqualTo("API");
        assertThat(items("/api/suppressions").findValuesAsText("address")).contains(address.toLowerCase());

        ResponseEntity<JsonNode> badAddress = post("/api/suppressions", "{\"address\":\"not an address\",\"reason\":\"x\"}");
        assertThat(badAddress.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badAddress.getBody().get("detail").asText()).startsWith("field 'address'");
        ResponseEntity<JsonNode> noReason = post("/api/suppressions", "{\"address\":\"someone@example.test\"}");
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().get("detail").asText()).startsWith("field 'reason'");
    }

    /** What a mail client sends for RFC 8058 one-click unsubscribe. */
    private ResponseEntity<String> oneClick(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity(path, new HttpEntity<>("List-Unsubscribe=One-Click", headers), String.class);
    }

    private PlayStep startAndRun(TestData account) {
        Why why = new Why("test", rules.get().version(), Map.of());
        PlayDefinition play = TestPlays.play("unsubscribe-link", TestPlays.checkInEmail());
        long runId = transaction.execute(tx -> runs.start(account.id(), play, why, TestClock.now().minusSeconds(60)).orElseThrow()).runId();
        runner.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !StepStatus.SCHEDULED.equals(runs.steps(runId).get(0).status()));
        return runs.steps(runId).get(0);
    }
}
