package dev.tenure.engine.schedule;

/** How a step ended: DONE, SKIPPED (no longer applies) or FAILED, and a reference or reason. */
record StepResult(String status, String detail) {

    static StepResult done(String ref) { return new StepResult("DONE", ref); }

    static StepResult skipped(String reason) { return new StepResult("SKIPPED", reason); }

    static StepResult failed(String reason) { return new StepResult("FAILED", reason); }
}
