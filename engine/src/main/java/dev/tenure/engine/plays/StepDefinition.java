package dev.tenure.engine.plays;

import java.time.Duration;
import java.util.List;

/**
 * One step of a play as written in its YAML file. A task goes to {@code owner} ("csm" or an email
 * address); an email goes to the first reachable contact with one of the roles in {@code to}.
 */
public record StepDefinition(StepType type, Duration delay, String owner, String title, String details,
                             String priority, Duration dueIn, List<String> to, String template) {
}
