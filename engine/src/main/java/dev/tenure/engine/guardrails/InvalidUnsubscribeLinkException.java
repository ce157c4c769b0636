package dev.tenure.engine.guardrails;

/** An unsubscribe link this installation did not sign, or one garbled on the way. */
public class InvalidUnsubscribeLinkException extends RuntimeException {

    public InvalidUnsubscribeLinkException() {
        super("the unsubscribe link is not valid");
    }
}
