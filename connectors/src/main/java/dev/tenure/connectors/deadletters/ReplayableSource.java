package dev.tenure.connectors.deadletters;

import dev.tenure.engine.intake.IntakeResult;

/**
 * A source whose dead letters hold its own messages (a Stripe event, a Zendesk ticket event) rather than
 * canonical records, so only its own route can read them again.
 */
public interface ReplayableSource {

    /** The origin its dead letters are filed under, "webhook/stripe". */
    String origin();

    /** Sends a stored message through the source's route again; refused again, it is a new dead letter. */
    IntakeResult replay(String message);
}
