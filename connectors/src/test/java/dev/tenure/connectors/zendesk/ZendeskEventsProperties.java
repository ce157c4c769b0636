package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.records.Mapping;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.records.RecordMapper;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.testing.PoisonCalls;
import dev.tenure.engine.testing.PoisonRecords;
import dev.tenure.engine.testing.PoisonRecords.Record;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Any event a Zendesk trigger (or whoever holds its secret) can send, ticket event or satisfaction rating: it is
 * read as a ticket or CSAT record, ignored with a short reason, or refused naming the field, never failing otherwise.
 */
class ZendeskEventsProperties {

    private static final int MOST = 500;

    private final ZendeskTicketEvents tickets = new ZendeskTicketEvents("organization.external_id");
    private final ZendeskSatisfactionRatings ratings = new ZendeskSatisfactionRatings("organization.external_id");
    private final RecordMapper mapper = new RecordMapper();
    private final ObjectMapper json = new ObjectMapper();

    @Property(tries = 200)
    void an_event_is_read_ignored_or_refused_naming_its_field(@ForAll("events") Record event) {
        JsonNode envelope = parse(event.json());
        Assume.that(envelope != null && envelope.isObject()); // refused as a whole by the route before it is read

        Throwable thrown = catchThrowable(() -> {
            // As the route tells them apart.
            boolean rating = ZendeskSatisfactionRatings.EVENT.equals(envelope.path("event").asText());
            VendorEvent read = rating ? ratings.read(envelope) : tickets.read(envelope);
            assertThat(read.label()).hasSizeLessThan(MOST);
            if (read.ignored()) {
                assertThat(read.ignoredBecause()).hasSizeLessThan(MOST);
            } else {
                Mapping mapping = mapper.map(rating ? RecordKind.CSAT : RecordKind.TICKETS, read.label(), read.record(),
                        "zendesk");
                mapping.errors().forEach(ZendeskEventsProperties::named);
            }
        });

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(RejectedRecordsException.class);
            ((RejectedRecordsException) thrown).errors().forEach(ZendeskEventsProperties::named);
        }
    }

    private static void named(RecordError error) {
        assertThat(error.record()).isNotBlank().hasSizeLessThan(MOST);
        assertThat(error.field()).isNotBlank();
        assertThat(error.message()).isNotBlank().hasSizeLessThan(MOST);
    }

    @Provide
    Arbitrary<Record> events() {
        return Arbitraries.of(PoisonCalls.ZENDESK).flatMap(kind -> PoisonRecords.mutations(kind)
                .map(m -> PoisonRecords.spoil(PoisonCalls.valid(kind, "prop", 1, "acme"), m)));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
