package dev.tenure.connectors.webhooks;

import dev.tenure.connectors.deadletters.DeadLetterRecorder;
import dev.tenure.connectors.deadletters.DeadLetterRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Webhook requests: the body is the raw JSON, header {@value #KIND} the kind of record it holds. The
 * out body is the engine's {@code IntakeResult}; a refused request is stored as one dead letter and
 * its {@code RejectedRecordsException} still reaches the caller, who answers the sender.
 */
@Component
public class WebhookRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:webhook";
    public static final String ROUTE_ID = "webhook";
    public static final String KIND = "tenure.kind";

    private final WebhookIntake intake;

    WebhookRoute(WebhookIntake intake) {
        this.intake = intake;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(DeadLetterRoutes.REFUSED_TO_DEAD_LETTERS)
                .process(this::receive);
    }

    private void receive(Exchange exchange) {
        String kind = exchange.getMessage().getHeader(KIND, String.class);
        exchange.setProperty(DeadLetterRecorder.SOURCE, WebhookIntake.SOURCE);
        exchange.setProperty(DeadLetterRecorder.ORIGIN, "webhook/" + (kind == null ? "(no kind)" : kind));
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(intake.receive(kind, body));
    }
}
