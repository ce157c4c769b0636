package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.records.HelpDeskWords;
import dev.tenure.connectors.vendors.JsonPaths;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Zendesk ticket event ({@code event}, {@code id}, {@code ticket}) as a canonical ticket
 * record. Zendesk's priorities and statuses are translated by the words all help desks' records are read with
 * ({@link HelpDeskWords}); a value outside them is left as it came, so the record mapping refuses it naming the field.
 */
class ZendeskTicketEvents {

    static final Set<String> EVENTS = Set.of("ticket.created", "ticket.updated", "ticket.solved");

    private final String accountField;

    ZendeskTicketEvents(String accountField) {
        this.accountField = accountField;
    }

    VendorEvent read(JsonNode body) {
        String event = JsonPaths.text(body, "event");
        JsonNode ticket = body.path("ticket");
        String ticketId = JsonPaths.text(ticket, "id");
        String updatedAt = JsonPaths.text(ticket, "updated_at");
        String eventId = JsonPaths.text(body, "id");
        if (eventId == null && ticketId != null && updatedAt != null) {
            eventId = ticketId + "@" + updatedAt; // one ticket change is one event, however often it is sent
        }
        // The event and ticket as an error repeats any value: a long or broken one makes no long or broken label.
        String label = "zendesk " + (event == null ? "event" : RecordBounds.shown(event))
                + (ticketId == null ? "" : " (ticket " + RecordBounds.shown(ticketId) + ")");
        List<RecordError> errors = new ArrayList<>();
        if (event == null) {
            errors.add(new RecordError(label, "event", "missing; one of " + String.join(", ", EVENTS.stream().sorted().toList())));
        }
        if (!ticket.isObject()) {
            errors.add(new RecordError(label, "ticket", "missing"));
        }
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
        if (!EVENTS.contains(event)) {
            return VendorEvent.ignored(label, "Tenure does not use Zendesk events of type " + RecordBounds.shown(event));
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("source", "zendesk");
        putIfPresent(record, "eventId", eventId);
        putIfPresent(record, "accountId", JsonPaths.text(ticket, accountField));
        putIfPresent(record, "occurredAt", updatedAt != null ? updatedAt : JsonPaths.text(ticket, "created_at"));
        putIfPresent(record, "ticketId", ticketId);
        String priority = JsonPaths.text(ticket, "priority");
        // A ticket without a priority is a normal one.
        putIfPresent(record, "priority", priority == null ? "P3" : HelpDeskWords.canonical(TicketPriority.class, priority));
        String status = HelpDeskWords.canonical(TicketStatus.class, JsonPaths.text(ticket, "status"));
        putIfPresent(record, "status", status == null && event.equals("ticket.solved") ? "SOLVED" : status);
        putIfPresent(record, "subject", JsonPaths.text(ticket, "subject"));
        if (!record.has("accountId")) {
            throw new RejectedRecordsException(List.of(new RecordError(label, "ticket." + accountField,
                    "missing: the ticket names no Tenure account there (tenure.zendesk.account-field)")));
        }
        return VendorEvent.of(label, record);
    }

    private static void putIfPresent(ObjectNode record, String field, String value) {
        if (value != null) {
            record.put(field, value);
        }
    }
}
