package dev.tenure.connectors.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.deadletters.DeadLetterRecorder;
import dev.tenure.connectors.deadletters.DeadLetterRoutes;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.vendors.VendorIntake;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Zendesk ticket events and satisfaction ratings, already authenticated by whoever received them: the body is the raw event JSON, the out
 * body a {@code VendorReceipt}. A refused event is kept as a dead letter with the event as Zendesk sent
 * it and the reason, and its exception still reaches the caller.
 */
@Component
class ZendeskRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:zendesk";
    static final String SOURCE = "zendesk";
    static final String ORIGIN = "webhook/" + SOURCE;

    private final ZendeskTicketEvents events;
    private final ZendeskSatisfactionRatings ratings;
    private final VendorIntake intake;
    private final ObjectMapper json;

    ZendeskRoute(ZendeskProperties properties, VendorIntake intake, ObjectMapper json) {
        this.events = new ZendeskTicketEvents(properties.accountField());
        this.ratings = new ZendeskSatisfactionRatings(properties.accountField());
        this.intake = intake;
        this.json = json;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("zendesk")
                .routeConfigurationId(DeadLetterRoutes.REFUSED_TO_DEAD_LETTERS)
                .process(this::receive);
    }

    private void receive(Exchange exchange) {
        exchange.setProperty(DeadLetterRecorder.SOURCE, SOURCE);
        exchange.setProperty(DeadLetterRecorder.ORIGIN, ORIGIN);
        JsonNode event = parse(exchange.getMessage().getBody(String.class));
        boolean rating = ZendeskSatisfactionRatings.EVENT.equals(event.path("event").asText());
        exchange.getMessage().setBody(rating ? intake.receive(RecordKind.CSAT, SOURCE, ratings.read(event))
                : intake.receive(RecordKind.TICKETS, SOURCE, events.read(event)));
    }

    private JsonNode parse(String body) {
        try {
            JsonNode event = body == null || body.isBlank() ? null : json.readTree(body);
            if (event == null || !event.isObject()) {
                throw refused("expected a Zendesk ticket event, a JSON object");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw refused(e.getOriginalMessage());
        }
    }

    private static RejectedRecordsException refused(String message) {
        return new RejectedRecordsException(List.of(new RecordError("zendesk event", "json", message)));
    }
}
