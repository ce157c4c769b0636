package dev.tenure.engine.plays;

import java.time.Duration;
import java.util.List;

/**
 * One step of a play as written in its YAML file. A task goes to {@code owner} ("csm" or an email
 * address); an email goes to the first reachable contact with one of the roles in {@code to}. A task with
 * {@code onlyIfPreviousDone} is skipped while an earlier task of the same run is still open, so a
 * follow-up does not pile onto work nobody has done yet.
 */
public record StepDefinition(StepType type, Duration delay, String owner, String title, String details,
                             String priority, Duration dueIn, List<String> to, String template,
                             boolean onlyIfPreviousDone) {

    public StepDefinition(StepType type, Duration delay, String owner, String title, String details,
                          String priority, Duration dueIn, List<String> to, String template) {
        this(type, delay, owner, title, details, priority, dueIn, to, template, false);
    }
}
