package dev.tenure.connectors.stripe;

import dev.tenure.connectors.deadletters.ReplayableSource;
import dev.tenure.connectors.vendors.VendorEndpoint;
import dev.tenure.connectors.vendors.VendorReceipt;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Stripe's webhook as plain methods for whoever serves the HTTP side: check the signature over the raw
 * bytes (before anything parses them), then hand the event to the Stripe route. A refused event's dead
 * letter is replayed without a signature: it was checked when the event came.
 */
@Component
@EnableConfigurationProperties(StripeProperties.class)
public class StripeEvents implements ReplayableSource {

    private final StripeProperties properties;
    private final StripeSignature signature;
    private final VendorEndpoint endpoint;
    private final Clock clock;

    StripeEvents(StripeProperties properties, VendorEndpoint endpoint, Clock clock) {
        this.properties = properties;
        this.signature = properties.signed() ? new StripeSignature(properties.signingSecret(), properties.tolerance()) : null;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Whether a signing secret is configured; without one, signatures cannot be checked. */
    public boolean signed() {
        return properties.signed();
    }

    /** @throws StripeSignatureException unless the header proves Stripe sent this body just now */
    public void verify(String header, byte[] body) {
        if (signature == null) {
            throw new StripeSignatureException(false, "cannot be checked: no signing secret is configured "
                    + "(tenure.stripe.signing-secret)");
        }
        signature.verify(header, body, clock.instant());
    }

    /**
     * @throws dev.tenure.engine.intake.RejectedRecordsException when the event cannot be taken in (kept as a dead letter)
     */
    public VendorReceipt receive(byte[] body) {
        return endpoint.send(StripeRoute.ENDPOINT, new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public boolean handles(DeadLetter letter) {
        return StripeRoute.ORIGIN.equals(letter.origin());
    }

    @Override
    public IntakeResult replay(DeadLetter letter) {
        return endpoint.send(StripeRoute.ENDPOINT, letter.record()).intakeResult();
    }
}
