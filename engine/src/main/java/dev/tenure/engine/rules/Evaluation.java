package dev.tenure.engine.rules;

import dev.tenure.engine.plays.StartedRun;
import dev.tenure.engine.vocabulary.HealthScore;

import java.util.List;

/** What evaluating one account did: its new health score and the plays it started. */
public record Evaluation(String accountId, HealthScore health, List<StartedRun> started) {
}
