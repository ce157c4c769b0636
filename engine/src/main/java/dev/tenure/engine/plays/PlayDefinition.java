package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A play from {@code rules/plays/<id>.yml}: what it is for, how often it may start, its steps, and when
 * its goal counts as reached so the remaining steps are skipped. A play with a {@link Cadence} is started
 * by the cadence job for each occurrence, never by a rule (then {@code cadence} is null). A measured play
 * ({@link Measurement}) has its goal checked at a horizon, against accounts held out of it. {@code audience}
 * says whether it is for active accounts (the default) or churned ones (win-back).
 */
public record PlayDefinition(String id, String name, String goal, Span cooldown, List<StepDefinition> steps,
                             StopWhen stopWhen, Cadence cadence, Measurement measurement, Audience audience) {

    public PlayDefinition {
        stopWhen = stopWhen == null ? StopWhen.NEVER : stopWhen;
        measurement = measurement == null ? Measurement.NONE : measurement;
        audience = audience == null ? Audience.ACTIVE : audience;
    }

    /** A play for active accounts. */
    public PlayDefinition(String id, String name, String goal, Span cooldown, List<StepDefinition> steps,
                          StopWhen stopWhen, Cadence cadence, Measurement measurement) {
        this(id, name, goal, cooldown, steps, stopWhen, cadence, measurement, Audience.ACTIVE);
    }

    public PlayDefinition(String id, String name, String goal, Span cooldown, List<StepDefinition> steps,
                          StopWhen stopWhen, Cadence cadence) {
        this(id, name, goal, cooldown, steps, stopWhen, cadence, Measurement.NONE);
    }

    public PlayDefinition(String id, String name, String goal, Span cooldown, List<StepDefinition> steps,
                          StopWhen stopWhen) {
        this(id, name, goal, cooldown, steps, stopWhen, null);
    }

    public boolean hasCadence() {
        return cadence != null;
    }

    /**
     * Until when a run of this play started at {@code startedAt} holds a new one back: the cooldown after it, its days
     * counted on the calendar of {@code zone} (the account's). The one rule of the live start guard, replays and
     * scenarios ({@link StartGuard.Candidate#cooldownEnds}).
     */
    public Instant cooldownEnds(Instant startedAt, ZoneId zone) {
        return cooldownEnds(cooldown, startedAt, zone);
    }

    /** The one rule: until when a run started at {@code startedAt} holds a new one back, for a play of this cooldown. */
    static Instant cooldownEnds(Span cooldown, Instant startedAt, ZoneId zone) {
        return cooldown.after(startedAt, zone);
    }

    public PlayDefinition(String id, String name, String goal, Span cooldown, List<StepDefinition> steps) {
        this(id, name, goal, cooldown, steps, StopWhen.NEVER);
    }
}
