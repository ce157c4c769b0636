package dev.tenure.engine.plays;

import java.time.Duration;
import java.util.List;

/**
 * A play from {@code rules/plays/<id>.yml}: what it is for, how often it may start, its steps, and when
 * its goal counts as reached so the remaining steps are skipped. A play with a {@link Cadence} is started
 * by the cadence job for each occurrence, never by a rule (then {@code cadence} is null).
 */
public record PlayDefinition(String id, String name, String goal, Duration cooldown, List<StepDefinition> steps,
                             StopWhen stopWhen, Cadence cadence) {

    public PlayDefinition {
        stopWhen = stopWhen == null ? StopWhen.NEVER : stopWhen;
    }

    public PlayDefinition(String id, String name, String goal, Duration cooldown, List<StepDefinition> steps,
                          StopWhen stopWhen) {
        this(id, name, goal, cooldown, steps, stopWhen, null);
    }

    public boolean hasCadence() {
        return cadence != null;
    }

    public PlayDefinition(String id, String name, String goal, Duration cooldown, List<StepDefinition> steps) {
        this(id, name, goal, cooldown, steps, StopWhen.NEVER);
    }
}
