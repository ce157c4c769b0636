package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.vendors.JsonPaths;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;

import java.util.List;
import java.util.Locale;

/**
 * Reads a Zendesk satisfaction rating ({@code "event": "satisfaction.rated"}, the ticket with its
 * {@code satisfaction_rating.score}) as a canonical CSAT record. Zendesk asks "good or bad": good is 5 and
 * bad is 1 on Tenure's 1–5 scale, so CSAT counts the good ones as satisfied. A rating that is only offered
 * (or not offered) is no answer yet and is ignored.
 */
class ZendeskSatisfactionRatings {

    static final String EVENT = "satisfaction.rated";

    private final String accountField;

    ZendeskSatisfactionRatings(String accountField) {
        this.accountField = accountField;
    }

    VendorEvent read(JsonNode body) {
        JsonNode ticket = body.path("ticket");
        String ticketId = JsonPaths.text(ticket, "id");
        String label = "zendesk " + EVENT + (ticketId == null ? "" : " (ticket " + RecordBounds.shown(ticketId) + ")");
        String rating = JsonPaths.text(ticket, "satisfaction_rating.score");
        String score = score(rating);
        if (score == null) {
            return VendorEvent.ignored(label, "the rating is '" + RecordBounds.shown(rating) + "', not good or bad: no answer yet");
        }
        String updatedAt = JsonPaths.text(ticket, "updated_at");
        String eventId = JsonPaths.text(body, "id");
        if (eventId == null && ticketId != null && updatedAt != null) {
            eventId = ticketId + "@" + updatedAt + "/rating"; // one rating of a ticket is one event
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("source", "zendesk");
        putIfPresent(record, "eventId", eventId);
        putIfPresent(record, "accountId", JsonPaths.text(ticket, accountField));
        putIfPresent(record, "occurredAt", updatedAt);
        putIfPresent(record, "contactEmail", JsonPaths.text(ticket, "requester.email"));
        putIfPresent(record, "ticketId", ticketId);
        record.put("score", score);
        if (!record.has("accountId")) {
            throw new RejectedRecordsException(List.of(new RecordError(label, "ticket." + accountField,
                    "missing: the ticket names no Tenure account there (tenure.zendesk.account-field)")));
        }
        return VendorEvent.of(label, record);
    }

    /** "Good" (or "good, I'm satisfied") is 5, "bad ..." is 1; anything else is no rating. */
    private static String score(String rating) {
        String r = rating == null ? "" : rating.trim().toLowerCase(Locale.ROOT);
        return r.startsWith("good") ? "5" : r.startsWith("bad") ? "1" : null;
    }

    private static void putIfPresent(ObjectNode record, String field, String value) {
        if (value != null) {
            record.put(field, value);
        }
    }
}
