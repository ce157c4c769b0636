package dev.tenure.connectors.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.connectors.deadletters.DeadLetterRecorder;
import dev.tenure.connectors.deadletters.DeadLetterRoutes;
import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.connectors.vendors.VendorIntake;
import dev.tenure.engine.intake.CustomerDirectory;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Stripe events, already verified by whoever received them: the body is the raw event JSON, the out
 * body a {@code VendorReceipt}. A refused event is kept as a dead letter with the event as Stripe sent
 * it and the reason, and its exception still reaches the caller.
 */
@Component
class StripeRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:stripe";
    static final String SOURCE = "stripe";
    static final String ORIGIN = "webhook/" + SOURCE;

    private final StripeBillingEvents events;
    private final StripeSubscriptions subscriptions;
    private final VendorIntake intake;
    private final CustomerDirectory customers;
    private final ObjectMapper json;

    StripeRoute(StripeProperties properties, StripeSubscriptions subscriptions, VendorIntake intake,
                CustomerDirectory customers, ObjectMapper json) {
        this.events = new StripeBillingEvents(properties.accountField());
        this.subscriptions = subscriptions;
        this.intake = intake;
        this.customers = customers;
        this.json = json;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("stripe")
                .routeConfigurationId(DeadLetterRoutes.REFUSED_TO_DEAD_LETTERS)
                .process(this::receive);
    }

    private void receive(Exchange exchange) {
        exchange.setProperty(DeadLetterRecorder.SOURCE, SOURCE);
        exchange.setProperty(DeadLetterRecorder.ORIGIN, ORIGIN);
        JsonNode envelope = parse(exchange.getMessage().getBody(String.class));
        VendorEvent event = events.read(envelope);
        // Kept even when the event itself is ignored (a status change): the next deletion asks what is still live.
        Optional<SubscriptionChange> change = events.subscription(envelope);
        // The stage is asked inside the subscriptions' transaction, so it holds until the signals decided from it are stored.
        exchange.getMessage().setBody(change.isEmpty() ? intake.receive(RecordKind.BILLING, SOURCE, event)
                : subscriptions.record(change.get(), others -> intake.receive(RecordKind.BILLING, SOURCE,
                        StripeBillingEvents.signals(event, change.get(), others, customers::lockedStage))));
    }

    private JsonNode parse(String body) {
        try {
            JsonNode envelope = body == null || body.isBlank() ? null : json.readTree(body);
            if (envelope == null || !envelope.isObject()) {
                throw refused("expected a Stripe event, a JSON object");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw refused(e.getOriginalMessage());
        }
    }

    private static RejectedRecordsException refused(String message) {
        return new RejectedRecordsException(List.of(new RecordError("stripe event", "json", message)));
    }
}
