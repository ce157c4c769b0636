package dev.tenure.engine.backtest;

import dev.tenure.engine.plays.Audience;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.StepTimes;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A play run as the replay knows it. With no steps actually running, a run counts as running until its
 * last step would be due; a run started before the replay ends when the database says it ended.
 */
record ReplayedRun(String play, Instant startedAt, Instant endsAt, Audience audience) {

    ReplayedRun(String play, Instant startedAt, Instant endsAt) {
        this(play, startedAt, endsAt, Audience.ACTIVE);
    }

    /** Running until its last step would be due, placed in its send window as the live engine places it. */
    static ReplayedRun startedAt(PlayDefinition play, Instant now, StepTimes times) {
        return new ReplayedRun(play.id(), now, times.last(play, now), play.audience());
    }

    /** This run stopped at {@code at} if it was still running then (its account churned or came back). */
    ReplayedRun stoppedAt(Instant at) {
        return runningAt(at) ? new ReplayedRun(play, startedAt, at, audience) : this;
    }

    boolean runningAt(Instant now) {
        return now.isBefore(endsAt);
    }

    /** The live guard: a play does not start again while it runs or within its cooldown (days of {@code zone}). */
    boolean blocks(PlayDefinition candidate, Instant now, ZoneId zone) {
        return play.equals(candidate.id()) && (runningAt(now) || candidate.cooldownEnds(startedAt, zone).isAfter(now));
    }
}
