package dev.tenure.engine.plays;

import java.time.Duration;
import java.util.List;

/** A play from {@code rules/plays/<id>.yml}: what it is for, how often it may start, and its steps. */
public record PlayDefinition(String id, String name, String goal, Duration cooldown, List<StepDefinition> steps) {
}
