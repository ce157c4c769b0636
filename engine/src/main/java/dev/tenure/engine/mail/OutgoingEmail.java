package dev.tenure.engine.mail;

/**
 * An email a play step is about to send, rendered and addressed, not yet recorded.
 *
 * @param stepId    the step writing it; its Message-ID is {@code <step-ID@tenure>}
 * @param recipient where it goes (a contact's address, or the CSM's)
 */
public record OutgoingEmail(String accountId, Long runId, long stepId, String recipient, RenderedEmail email) {
}
