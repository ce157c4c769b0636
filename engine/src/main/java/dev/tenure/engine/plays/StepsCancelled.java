package dev.tenure.engine.plays;

import java.time.Instant;
import java.util.List;

/**
 * Steps of play runs were cancelled before they ran (their run cancelled by hand, or stopped because its account
 * churned or came back: {@link PlayRunChanges}), published in that transaction: what such a step left waiting (an
 * email to be tried again) is withdrawn in the same transaction by the package that keeps it (plays cannot reach it
 * without a ring).
 *
 * @param reason why, as the steps' result says it ("cancelled by ops@acme.example", "stopped: the account churned")
 */
public record StepsCancelled(List<Long> stepIds, String reason, Instant at) {

    public StepsCancelled {
        stepIds = List.copyOf(stepIds);
    }
}
