package dev.tenure.engine.outcomes;

import java.time.Instant;

/**
 * One run of a measured play and its goal: {@code reachedAt} is the first moment the goal held after the
 * start and before the horizon (also for a pending run, so far), {@code daysToGoal} the days from the
 * start to it.
 */
public record RunOutcome(long runId, String playId, String playName, String accountId, String accountName, String csm,
                         Arm arm, Instant startedAt, Instant horizonAt, GoalStatus status, Instant reachedAt,
                         Double daysToGoal) {
}
