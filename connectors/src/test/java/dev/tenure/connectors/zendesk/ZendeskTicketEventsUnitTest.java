package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Zendesk's priorities, statuses and ids in Tenure's terms. */
class ZendeskTicketEventsUnitTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ZendeskTicketEvents events = new ZendeskTicketEvents("organization.external_id");

    @Test
    void an_urgent_new_ticket_is_p1_open() {
        VendorEvent event = events.read(read("""
                {"event": "ticket.created", "id": "zd-1", "ticket": {"id": 42, "priority": "urgent", "status": "new",
                 "subject": "Down", "updated_at": "2026-11-24T10:00:00Z", "organization": {"external_id": "acme"}}}"""));

        assertThat(event.record().toString()).isEqualTo("""
                {"source":"zendesk","eventId":"zd-1","accountId":"acme","occurredAt":"2026-11-24T10:00:00Z",\
                "ticketId":"42","priority":"P1","status":"OPEN","subject":"Down"}""");
    }

    @Test
    void priorities_and_statuses_translate_and_a_ticket_without_priority_is_normal() {
        assertThat(field("high", "hold", "priority")).isEqualTo("P2");
        assertThat(field("high", "hold", "status")).isEqualTo("PENDING");
        assertThat(field("Urgent", "On-hold", "status")).isEqualTo("PENDING");
        assertThat(field("Urgent", "On-hold", "priority")).isEqualTo("P1");
        assertThat(field("low", "closed", "priority")).isEqualTo("P4");
        assertThat(field("low", "closed", "status")).isEqualTo("CLOSED");
        assertThat(field(null, "pending", "priority")).isEqualTo("P3");
    }

    @Test
    void a_status_that_only_looks_like_zendesk_s_is_left_as_it_came_for_the_mapping_to_refuse() {
        // A long s upper-cases to S by Unicode's rules: read so, this would be a closed ticket that rules act on.
        assertThat(field("normal", "clo\u017fed", "status")).isEqualTo("clo\u017fed");
        assertThat(field("n\u043ermal", "open", "priority")).as("a Cyrillic o").isEqualTo("n\u043ermal");
        assertThat(field("Normal", "on_hold", "status")).isEqualTo("PENDING");
    }

    @Test
    void without_an_event_id_the_ticket_and_its_update_time_are_the_event_id() {
        VendorEvent event = events.read(read("""
                {"event": "ticket.solved", "ticket": {"id": 42, "priority": "normal",
                 "updated_at": "2026-11-24T11:00:00Z", "organization": {"external_id": "acme"}}}"""));

        assertThat(event.record().path("eventId").asText()).isEqualTo("42@2026-11-24T11:00:00Z");
        assertThat(event.record().path("status").asText()).isEqualTo("SOLVED");
    }

    @Test
    void a_ticket_without_the_account_field_is_refused_naming_it() {
        assertThatThrownBy(() -> events.read(read("""
                {"event": "ticket.updated", "ticket": {"id": 42, "status": "open", "updated_at": "2026-11-24T11:00:00Z",
                 "organization": {"name": "Acme"}}}""")))
                .isInstanceOf(RejectedRecordsException.class)
                .hasMessageContaining("zendesk ticket.updated (ticket 42)")
                .hasMessageContaining("ticket.organization.external_id")
                .hasMessageContaining("tenure.zendesk.account-field");
    }

    @Test
    void other_events_are_ignored() {
        assertThat(events.read(read("{\"event\": \"ticket.deleted\", \"ticket\": {\"id\": 1}}")).ignored()).isTrue();
    }

    private String field(String priority, String status, String field) {
        String p = priority == null ? "" : "\"priority\": \"" + priority + "\", ";
        return events.read(read("""
                {"event": "ticket.updated", "ticket": {"id": 7, %s"status": "%s", "updated_at": "2026-11-24T10:00:00Z",
                 "organization": {"external_id": "acme"}}}""".formatted(p, status))).record().path(field).asText();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
