package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.Segment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Zendesk ticket events as a Zendesk webhook sends them (fixtures in {@code zendesk/}) become ticket signals. */
class ZendeskWebhookIntegrationTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_urgent_ticket_created_then_solved_is_an_open_p1_ticket_then_a_solved_one() {
        TestData account = TestData.account("Zendesk Urgent", Segment.HIGH_TOUCH);
        intake.accept(account.batch());
        long ticket = 100_000 + (long) (Math.random() * 1_000_000_000L);
        Instant opened = TestClock.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant solved = opened.plus(1, ChronoUnit.HOURS);

        ResponseEntity<JsonNode> created = post("/api/webhooks/zendesk", zendeskEvent("ticket.created", account.id(), ticket, opened, opened));

        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(created.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(ticketRow(account.id())).containsEntry("priority", "P1").containsEntry("status", "OPEN")
                .containsEntry("subject", "Exports fail with a timeout since this morning");

        String solvedEvent = zendeskEvent("ticket.solved", account.id(), ticket, opened, solved);
        ResponseEntity<JsonNode> done = post("/api/webhooks/zendesk", solvedEvent);
        ResponseEntity<JsonNode> again = post("/api/webhooks/zendesk", solvedEvent);

        assertThat(done.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(ticketRow(account.id())).containsEntry("status", "SOLVED");
        // Without an event id, the ticket and its update time identify the event: a resend changes nothing.
        assertThat(again.getBody().path("duplicates").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT external_id FROM signal WHERE source = 'zendesk' AND account_id = ? "
                + "ORDER BY occurred_at DESC LIMIT 1", String.class, account.id())).isEqualTo(ticket + "@" + solved);
    }

    @Test
    void a_zendesk_call_without_the_source_secret_is_refused_naming_the_header() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<JsonNode> response = anonymous.postForEntity("/api/webhooks/zendesk",
                new HttpEntity<>(zendeskEvent("ticket.created", "any", 1, TestClock.now(), TestClock.now()), headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getBody().path("detail").asText()).contains("X-Tenure-Source-Secret", "zendesk");
    }

    private Map<String, Object> ticketRow(String accountId) {
        return jdbc.queryForMap("SELECT priority, status, subject FROM ticket WHERE account_id = ?", accountId);
    }

    private String zendeskEvent(String fixture, String accountId, long ticket, Instant createdAt, Instant at) {
        try (InputStream in = getClass().getResourceAsStream("zendesk/" + fixture + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{event}}", UUID.randomUUID().toString())
                    .replace("{{account}}", accountId)
                    .replace("{{ticket}}", String.valueOf(ticket))
                    .replace("{{created_at}}", createdAt.toString())
                    .replace("{{at}}", at.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
