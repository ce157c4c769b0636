package dev.tenure.engine.guardrails;

import java.time.Instant;

/**
 * What the guardrails decided for one email: SEND it, SUPPRESS it for good (the step is skipped), or
 * DEFER it to {@code until}.
 */
public record SendVerdict(Decision decision, String reason, Instant until) {

    public enum Decision { SEND, SUPPRESS, DEFER }

    static final SendVerdict SEND = new SendVerdict(Decision.SEND, null, null);

    static SendVerdict suppress(String reason) {
        return new SendVerdict(Decision.SUPPRESS, reason, null);
    }

    static SendVerdict defer(Instant until, String reason) {
        return new SendVerdict(Decision.DEFER, reason, until);
    }
}
