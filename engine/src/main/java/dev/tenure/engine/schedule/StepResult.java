package dev.tenure.engine.schedule;

import dev.tenure.engine.plays.StepStatus;

import java.time.Instant;

/**
 * How a step ended: DONE, SKIPPED (no longer applies) or FAILED, and a reference or reason; or a retry:
 * not ended, still SCHEDULED, due again at {@code retryAt}.
 */
record StepResult(StepStatus status, String detail, Instant retryAt) {

    StepResult(StepStatus status, String detail) {
        this(status, detail, null);
    }

    static StepResult done(String ref) { return new StepResult(StepStatus.DONE, ref); }

    static StepResult skipped(String reason) { return new StepResult(StepStatus.SKIPPED, reason); }

    static StepResult failed(String reason) { return new StepResult(StepStatus.FAILED, reason); }

    static StepResult retry(String reason, Instant at) { return new StepResult(StepStatus.SCHEDULED, reason, at); }

    /** What the step came to for the meters and the log: its status, or RETRY when it waits for another attempt. */
    String outcome() {
        return retryAt != null ? "RETRY" : status.name();
    }
}
