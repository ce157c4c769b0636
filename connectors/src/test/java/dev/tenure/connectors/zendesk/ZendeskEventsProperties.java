package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.vendors.VendorEventChecks;
import dev.tenure.engine.testing.PoisonCalls;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Record;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any event a Zendesk trigger (or whoever holds its secret) can send, ticket event or satisfaction rating: it is
 * read as a ticket or CSAT record, ignored with a short reason, or refused naming the field, never failing otherwise.
 */
class ZendeskEventsProperties {

    private final ZendeskTicketEvents tickets = new ZendeskTicketEvents("organization.external_id");
    private final ZendeskSatisfactionRatings ratings = new ZendeskSatisfactionRatings("organization.external_id");

    @Property(tries = 200)
    void an_event_is_read_ignored_or_refused_naming_its_field(@ForAll("events") Record event) {
        JsonNode envelope = VendorEventChecks.parse(event.json());
        Assume.that(envelope != null && envelope.isObject()); // refused as a whole by the route before it is read

        // As the route tells them apart.
        if (ZendeskSatisfactionRatings.EVENT.equals(envelope.path("event").asText())) {
            VendorEventChecks.readIgnoredOrRefused(envelope, ratings::read, RecordKind.CSAT, "zendesk");
        } else {
            VendorEventChecks.readIgnoredOrRefused(envelope, tickets::read, RecordKind.TICKETS, "zendesk");
        }
    }

    @Provide
    Arbitrary<Record> events() {
        return Arbitraries.of(PoisonCalls.ZENDESK).flatMap(kind -> PoisonRecords.mutations(kind)
                .map(m -> PoisonRecords.spoil(PoisonCalls.valid(kind, "prop", 1, "acme"), m)));
    }
}
