package dev.tenure.connectors.zendesk;

import dev.tenure.connectors.deadletters.ReplayableSource;
import dev.tenure.connectors.vendors.VendorEndpoint;
import dev.tenure.connectors.vendors.VendorReceipt;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Zendesk's webhook as a plain method for whoever serves the HTTP side (and checks the source's secret). */
@Component
@EnableConfigurationProperties(ZendeskProperties.class)
public class ZendeskEvents implements ReplayableSource {

    private final VendorEndpoint endpoint;

    ZendeskEvents(VendorEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** @throws dev.tenure.engine.intake.RejectedRecordsException when the event cannot be taken in (kept as a dead letter) */
    public VendorReceipt receive(String body) {
        return endpoint.send(ZendeskRoute.ENDPOINT, body);
    }

    @Override
    public boolean handles(DeadLetter letter) {
        return ZendeskRoute.ORIGIN.equals(letter.origin());
    }

    @Override
    public IntakeResult replay(DeadLetter letter) {
        return endpoint.send(ZendeskRoute.ENDPOINT, letter.record()).intakeResult();
    }
}
