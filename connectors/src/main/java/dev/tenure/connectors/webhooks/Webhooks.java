package dev.tenure.connectors.webhooks;

import dev.tenure.engine.intake.IntakeResult;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The webhook route as a plain method, for whoever serves the HTTP side: it knows nothing of Camel's
 * exchanges and gets the route's own exceptions back, not Camel's wrapper around them.
 */
@Component
public class Webhooks {

    private final ProducerTemplate producer;

    public Webhooks(ProducerTemplate producer) {
        this.producer = producer;
    }

    /**
     * @param kind one of accounts, contacts, usage, tickets, billing, nps, csat
     * @param body one JSON object or an array of them
     * @throws dev.tenure.engine.intake.RejectedRecordsException when a record is bad; nothing was stored
     */
    public IntakeResult receive(String kind, String body) {
        try {
            return producer.requestBodyAndHeader(WebhookRoute.ENDPOINT, body, WebhookRoute.KIND, kind,
                    IntakeResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
