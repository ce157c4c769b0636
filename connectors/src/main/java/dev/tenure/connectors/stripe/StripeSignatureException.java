package dev.tenure.connectors.stripe;

/**
 * A Stripe call whose signature does not prove it came from Stripe. {@code malformed}: the header is
 * missing or unreadable (the request is broken); otherwise it is readable but does not match or is too old.
 */
public class StripeSignatureException extends RuntimeException {

    private final boolean malformed;

    StripeSignatureException(boolean malformed, String message) {
        super("header " + StripeSignature.HEADER + ": " + message);
        this.malformed = malformed;
    }

    public boolean malformed() {
        return malformed;
    }
}
