package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.vocabulary.Stage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Whether a play may start for an account now; {@code guardrails.Guardrails} decides. An interface here so
 * the play store does not depend on the guardrails, which read send windows from this package.
 */
public interface StartGuard {

    /**
     * For each candidate, in order, why the play may not start now, or empty when it may, as far as the runs
     * already stored tell: the caller holds the accounts' locks, and weighs the candidates against each other.
     */
    List<Optional<String>> refusals(List<Candidate> candidates, Instant now);

    /**
     * A play about to start for an account, whose cooldown counts days on the calendar of {@code zone}; the
     * play is for accounts of {@code audience}, the account is at {@code stage} (null: not known, not checked).
     */
    record Candidate(String accountId, String playId, Span cooldown, ZoneId zone, Stage stage, Audience audience) {

        public Candidate(String accountId, String playId, Span cooldown, ZoneId zone) {
            this(accountId, playId, cooldown, zone, null, Audience.ACTIVE);
        }
    }
}
