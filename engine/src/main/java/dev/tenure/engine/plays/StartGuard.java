package dev.tenure.engine.plays;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a play may start for an account now; {@code guardrails.Guardrails} decides. An interface here so
 * the play store does not depend on the guardrails, which read send windows from this package.
 */
public interface StartGuard {

    /** Why the play may not start now, or empty when it may. The caller holds the account's lock. */
    Optional<String> refusal(String accountId, String playId, Duration cooldown, Instant now);
}
