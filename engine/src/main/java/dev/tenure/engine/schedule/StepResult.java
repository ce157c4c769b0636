package dev.tenure.engine.schedule;

import java.time.Instant;

/**
 * How a step ended: DONE, SKIPPED (no longer applies) or FAILED, and a reference or reason; or RETRY:
 * not ended, due again at {@code retryAt}.
 */
record StepResult(String status, String detail, Instant retryAt) {

    StepResult(String status, String detail) {
        this(status, detail, null);
    }

    static StepResult done(String ref) { return new StepResult("DONE", ref); }

    static StepResult skipped(String reason) { return new StepResult("SKIPPED", reason); }

    static StepResult failed(String reason) { return new StepResult("FAILED", reason); }

    static StepResult retry(String reason, Instant at) { return new StepResult("RETRY", reason, at); }
}
