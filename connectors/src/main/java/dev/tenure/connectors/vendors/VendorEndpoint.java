package dev.tenure.connectors.vendors;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Sends a vendor's raw body into its route and gives back the route's own exception, not Camel's wrapper. */
@Component
public class VendorEndpoint {

    private final ProducerTemplate producer;

    VendorEndpoint(ProducerTemplate producer) {
        this.producer = producer;
    }

    public VendorReceipt send(String endpoint, String body) {
        try {
            return producer.requestBody(endpoint, body, VendorReceipt.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
