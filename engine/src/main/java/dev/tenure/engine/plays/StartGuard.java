package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a play may start for an account now; {@code guardrails.Guardrails} decides. An interface here so
 * the play store does not depend on the guardrails, which read send windows from this package.
 * <p>
 * Whether the account is one the play is for ({@link Audience}) is decided from its stored stage, read with the
 * row locked FOR SHARE until the caller's transaction ends: a churn or a reactivation being written waits for the
 * runs started under this answer, and stops them, or they wait for it and see its stage. A stage the caller read
 * itself may already be stale.
 */
public interface StartGuard {

    /**
     * For each candidate, in order, why the play may not start now, or empty when it may, as far as the runs
     * already stored tell: the caller holds the accounts' locks, and weighs the candidates against each other.
     */
    List<Optional<String>> refusals(List<Candidate> candidates, Instant now);

    /**
     * For each candidate, in order, why a stored run of its play holds it back (running or paused, or started within
     * the cooldown), or empty: {@link #refusals} without the account's stage, and nothing locked. For a dry run, which
     * stores nothing and so weighs the stage the rules would leave the account at itself ({@link Audience#refusal}).
     */
    List<Optional<String>> runRefusals(List<Candidate> candidates, Instant now);

    /**
     * For each of these accounts at which a play for {@code audience} may not start, why (the account churned, or
     * it is active and the play is for churned accounts); the others are not in the map. For what starts or goes
     * on otherwise than by a rule, with no cooldown to weigh: a cadence's occurrences, a paused run resumed, a
     * play's task reopened.
     */
    Map<String, String> lifecycleRefusals(Collection<String> accountIds, Audience audience);

    /**
     * A play about to start for an account, whose cooldown counts days on the calendar of {@code zone}; the
     * play is for accounts of {@code audience}.
     */
    record Candidate(String accountId, String playId, Span cooldown, ZoneId zone, Audience audience) {

        /** Until when a run of the play started at {@code startedAt} holds this one back, as {@link PlayDefinition#cooldownEnds}. */
        public Instant cooldownEnds(Instant startedAt) {
            return PlayDefinition.cooldownEnds(cooldown, startedAt, zone);
        }

        public Candidate(String accountId, String playId, Span cooldown, ZoneId zone) {
            this(accountId, playId, cooldown, zone, Audience.ACTIVE);
        }
    }
}
