package dev.tenure.connectors.stripe;

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
 * Any event a Stripe endpoint can be sent (signed, so well formed at the byte level, but of any content): it is
 * read as a billing record, ignored with a short reason, or refused naming the field, never failing otherwise.
 */
class StripeBillingEventsProperties {

    private final StripeBillingEvents events = new StripeBillingEvents("metadata.tenure_account_id");

    @Property(tries = 250)
    void an_event_is_read_ignored_or_refused_naming_its_field(@ForAll("events") Record event) {
        JsonNode envelope = VendorEventChecks.parse(event.json());
        Assume.that(envelope != null && envelope.isObject()); // refused as a whole by the route before it is read

        VendorEventChecks.readIgnoredOrRefused(envelope, events::read, RecordKind.BILLING, "stripe");
    }

    @Provide
    Arbitrary<Record> events() {
        return Arbitraries.of(PoisonCalls.STRIPE).flatMap(kind -> PoisonRecords.mutations(kind)
                .map(m -> PoisonRecords.spoil(PoisonCalls.valid(kind, "prop", 1, "acme"), m)));
    }
}
