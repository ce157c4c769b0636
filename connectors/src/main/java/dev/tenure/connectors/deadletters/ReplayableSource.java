package dev.tenure.connectors.deadletters;

import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.intake.IntakeResult;

import java.util.Optional;

/**
 * A source whose dead letters hold its own messages (a Stripe event, a Segment request, a warehouse row)
 * rather than canonical records, so only that source can read them again.
 */
public interface ReplayableSource {

    /** Whether the dead letter is this source's: filed under its origin ("webhook/stripe", "segment/track"). */
    boolean handles(DeadLetter letter);

    /**
     * Why one of its dead letters cannot be replayed now (what read it is no longer configured), or empty.
     * Asked before the page offers a replay and before a replay.
     */
    default Optional<String> unreplayable(DeadLetter letter) {
        return Optional.empty();
    }

    /**
     * Reads the stored message through the source again.
     *
     * @throws dev.tenure.engine.intake.RejectedRecordsException when refused again; it was kept as a new dead letter
     */
    IntakeResult replay(DeadLetter letter);
}
