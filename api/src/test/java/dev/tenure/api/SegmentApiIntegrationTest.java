package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestClock;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment's HTTP tracking API: calls as Segment's libraries send them, with the write key as Basic user. */
class SegmentApiIntegrationTest extends ApiIntegrationTest {

    private static final String WRITE_KEY = "test-write-key";

    @Autowired
    JdbcClient jdbc;

    private TestData storedAccount(String name, Segment segment) {
        TestData account = TestData.account(name, segment).stage(Stage.ADOPTION).contact(ContactRole.CHAMPION);
        intake.accept(account.batch());
        return account;
    }

    private ResponseEntity<JsonNode> segment(String path, String writeKey, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (writeKey != null) {
            headers.setBasicAuth(writeKey, "");
        }
        return anonymous.postForEntity(path, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private List<Map<String, Object>> usageOf(String accountId) {
        return jdbc.sql("""
                        SELECT external_id, source, feature, quantity
                        FROM usage_event WHERE account_id = ? ORDER BY external_id""")
                .param(accountId).query().listOfRows();
    }

    @Test
    void a_batch_of_group_identify_and_track_calls_stores_usage_of_mapped_events_only_and_the_identified_contact() {
        TestData acme = storedAccount("Acme", Segment.TECH_TOUCH);
        String a = acme.id();
        String now = TestClock.now().toString();

        ResponseEntity<JsonNode> response = segment("/api/webhooks/segment", WRITE_KEY, """
                {"batch": [
                  {"type": "group", "messageId": "%1$s-g1", "userId": "%1$s-user", "groupId": "%1$s", "timestamp": "%2$s",
                   "traits": {"name": "Acme"}},
                  {"type": "identify", "messageId": "%1$s-i1", "userId": "%1$s-user", "timestamp": "%2$s",
                   "traits": {"email": "dana@%1$s.test", "name": "Dana"}},
                  {"type": "track", "messageId": "%1$s-t1", "userId": "%1$s-user", "event": "Report Exported",
                   "timestamp": "%2$s", "properties": {"format": "pdf"}},
                  {"type": "track", "messageId": "%1$s-t2", "userId": "someone-else", "event": "Dashboard Shared",
                   "timestamp": "%2$s", "context": {"groupId": "%1$s"}, "properties": {"quantity": 3}},
                  {"type": "track", "messageId": "%1$s-t3", "userId": "%1$s-user", "event": "Page Viewed", "timestamp": "%2$s"},
                  {"type": "page", "messageId": "%1$s-p1", "userId": "%1$s-user", "name": "Home", "timestamp": "%2$s"}
                ]}""".formatted(a, now));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("calls").asInt()).isEqualTo(6);
        assertThat(response.getBody().path("ignored").asInt()).isEqualTo(2);
        assertThat(usageOf(a)).extracting(r -> r.get("external_id"), r -> r.get("source"), r -> r.get("feature"), r -> r.get("quantity"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(a + "-t1", "segment", "core", 1L),
                        org.assertj.core.groups.Tuple.tuple(a + "-t2", "segment", "dashboards", 3L));
        assertThat(jdbc.sql("SELECT role FROM contact WHERE account_id = ? AND email = ?")
                .params(a, "dana@" + a + ".test").query(String.class).list()).containsExactly("USER");
    }

    @Test
    void a_batch_with_bad_calls_stores_its_good_calls_and_names_each_bad_one_kept_as_its_own_dead_letter() {
        TestData acme = storedAccount("Acme Partly", Segment.TECH_TOUCH);
        String a = acme.id();
        String now = TestClock.now().toString();
        long letters = jdbc.sql("SELECT count(*) FROM dead_letter WHERE source = 'segment'").query(Long.class).single();

        ResponseEntity<JsonNode> response = segment("/api/webhooks/segment", WRITE_KEY, """
                {"batch": [
                  {"type": "track", "messageId": "%1$s-good", "userId": "u", "event": "Report Exported", "timestamp": "%2$s",
                   "context": {"groupId": "%1$s"}},
                  {"type": "track", "messageId": "%1$s-no-zone", "userId": "u", "event": "Report Exported",
                   "timestamp": "2026-11-01T10:00:00", "context": {"groupId": "%1$s"}},
                  {"type": "track", "messageId": "%1$s-%3$s", "userId": "u", "event": "Report Exported", "timestamp": "%2$s",
                   "context": {"groupId": "%1$s"}},
                  {"type": "track", "messageId": "%1$s-huge", "userId": "u", "event": "Report Exported", "timestamp": "%2$s",
                   "context": {"groupId": "%1$s"}, "properties": {"quantity": "1e30"}}
                ]}""".formatted(a, now, "x".repeat(300)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(response.getBody().path("refused").asInt()).isEqualTo(3);
        assertThat(response.getBody().path("errors")).extracting(e -> e.path("field").asText())
                .containsExactly("timestamp", "messageId", "properties.quantity");
        assertThat(usageOf(a)).extracting(r -> r.get("external_id")).containsExactly(a + "-good");
        List<String> refused = jdbc.sql("SELECT record FROM dead_letter WHERE source = 'segment' ORDER BY id DESC LIMIT 3")
                .query(String.class).list();
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter WHERE source = 'segment'").query(Long.class).single())
                .isEqualTo(letters + 3);
        assertThat(refused).allSatisfy(record -> assertThat(record).startsWith("{").doesNotContain(a + "-good")
                .contains("\"type\":\"track\""));
    }

    @Test
    void a_resent_message_id_is_a_duplicate_and_a_later_track_without_group_lands_through_the_earlier_group_call() {
        TestData acme = storedAccount("Acme", Segment.TECH_TOUCH);
        String a = acme.id();
        String now = TestClock.now().toString();
        segment("/api/webhooks/segment/v1/group", WRITE_KEY, """
                {"messageId": "%1$s-g1", "userId": "%1$s-user", "groupId": "%1$s", "timestamp": "%2$s"}""".formatted(a, now));
        String track = """
                {"messageId": "%1$s-t1", "userId": "%1$s-user", "event": "Report Exported", "timestamp": "%2$s"}"""
                .formatted(a, now);

        ResponseEntity<JsonNode> first = segment("/api/webhooks/segment/v1/track", WRITE_KEY, track);
        ResponseEntity<JsonNode> again = segment("/api/webhooks/segment/v1/track", WRITE_KEY, track);

        assertThat(first.getBody().path("accepted").asInt()).isEqualTo(1);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("duplicates").asInt()).isEqualTo(1);
        assertThat(usageOf(a)).extracting(r -> r.get("external_id")).containsExactly(a + "-t1");
    }

    @Test
    void a_wrong_or_missing_write_key_is_refused_with_401_and_nothing_is_stored() {
        TestData acme = storedAccount("Acme", Segment.TECH_TOUCH);
        String track = """
                {"type": "track", "messageId": "%1$s-t1", "userId": "u", "event": "Report Exported",
                 "context": {"groupId": "%1$s"}}""".formatted(acme.id());

        assertThat(segment("/api/webhooks/segment", "guess", track).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(segment("/api/webhooks/segment", null, track).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(usageOf(acme.id())).isEmpty();
    }

    @Test
    void a_track_call_without_message_id_is_refused_alone_naming_the_call_and_field() {
        TestData acme = storedAccount("Acme", Segment.TECH_TOUCH);

        ResponseEntity<JsonNode> response = segment("/api/webhooks/segment/v1/batch", WRITE_KEY, """
                {"batch": [{"type": "track", "messageId": "%1$s-t1", "userId": "u", "event": "Report Exported",
                            "context": {"groupId": "%1$s"}},
                           {"type": "track", "userId": "u", "event": "Report Exported", "properties": {"quantity": -2}}]}"""
                .formatted(acme.id()));

        // Segment does not send a batch again after a 4xx: the good call is stored, the bad one named and kept.
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("refused").asInt()).isEqualTo(1);
        assertThat(response.getBody().path("errors")).extracting(e -> e.path("record").asText() + " " + e.path("field").asText())
                .containsExactly("segment.batch[1] messageId", "segment.batch[1] properties.quantity");
        assertThat(usageOf(acme.id())).extracting(r -> r.get("external_id")).containsExactly(acme.id() + "-t1");
    }

    @Test
    void a_bad_group_id_is_refused_under_the_field_the_call_sent_it_in() {
        TestData acme = storedAccount("Acme Groups", Segment.TECH_TOUCH);
        String a = acme.id();
        String now = TestClock.now().toString();

        ResponseEntity<JsonNode> response = segment("/api/webhooks/segment/v1/batch", WRITE_KEY, """
                {"batch": [
                  {"type": "track", "messageId": "%1$s-ctx", "userId": "u", "event": "Report Exported", "timestamp": "%2$s",
                   "context": {"groupId": "%3$s"}},
                  {"type": "track", "messageId": "%1$s-props", "userId": "u", "event": "Report Exported", "timestamp": "%2$s",
                   "properties": {"groupId": "%3$s"}},
                  {"type": "group", "messageId": "%1$s-g", "userId": "u", "groupId": "%3$s", "timestamp": "%2$s"},
                  {"type": "track", "messageId": "%1$s-good", "userId": "u", "event": "Report Exported", "timestamp": "%2$s",
                   "properties": {"groupId": "%1$s"}}
                ]}""".formatted(a, now, "g".repeat(300)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("refused").asInt()).isEqualTo(3);
        assertThat(response.getBody().path("errors")).extracting(e -> e.path("record").asText() + " " + e.path("field").asText())
                .containsExactly("segment.batch[0] (message " + a + "-ctx) context.groupId",
                        "segment.batch[1] (message " + a + "-props) properties.groupId",
                        "segment.batch[2] (message " + a + "-g) groupId");
        assertThat(usageOf(a)).extracting(r -> r.get("external_id")).containsExactly(a + "-good");
    }

    @Test
    void core_usage_dropping_in_segment_events_starts_the_tech_touch_save_play() {
        TestData acme = storedAccount("Acme", Segment.TECH_TOUCH);
        String a = acme.id();
        Instant today = TestClock.now().truncatedTo(ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        List<String> calls = new ArrayList<>();
        calls.add("""
                {"type": "group", "messageId": "%1$s-g", "userId": "%1$s-user", "groupId": "%1$s", "timestamp": "%2$s"}"""
                .formatted(a, today.minus(62, ChronoUnit.DAYS)));
        // Four usual weeks, then four weeks at a tenth: a drop that stayed.
        for (int daysAgo = 56; daysAgo >= 1; daysAgo--) {
            calls.add("""
                    {"type": "track", "messageId": "%1$s-d%2$d", "userId": "%1$s-user", "event": "Report Exported",
                     "timestamp": "%3$s", "properties": {"quantity": %4$d}}"""
                    .formatted(a, daysAgo, today.minus(daysAgo, ChronoUnit.DAYS), daysAgo > 28 ? 100 : 10));
        }

        ResponseEntity<JsonNode> response = segment("/api/webhooks/segment/v1/batch", WRITE_KEY,
                "{\"batch\": [" + String.join(",", calls) + "]}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("accepted").asInt()).isEqualTo(57);
        assertThat(items("/api/plays?accountId=" + a).toString()).contains("save-usage-drop-tech-touch");
    }
}
