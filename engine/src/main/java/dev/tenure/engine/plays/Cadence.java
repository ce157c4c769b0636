package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Set;

/**
 * When a play recurs for an account on its own, with no rule: every so many days from the account's
 * start, each calendar quarter (on Jan 1, Apr 1, Jul 1 and Oct 1), or on the account's renewal date. The
 * steps of such a play are placed {@code before} each occurrence. Churned accounts never have one.
 *
 * @param everyDays for {@link Kind#EVERY}: the days between occurrences, counted from {@code startedOn}
 * @param segments  the segments it applies to; empty for all
 * @param stages    the stages it applies to; empty for all (never CHURNED: churned accounts are out)
 */
public record Cadence(Kind kind, int everyDays, Set<Segment> segments, Set<Stage> stages) {

    public enum Kind { EVERY, QUARTER, RENEWAL }

    public Cadence {
        segments = Set.copyOf(segments);
        stages = Set.copyOf(stages);
    }

    /** The first occurrence on or after {@code today}, or null when the account has no date to count from. */
    public LocalDate nextOccurrence(LocalDate startedOn, LocalDate renewalOn, LocalDate today) {
        switch (kind) {
            case EVERY:
                if (startedOn == null) {
                    return null;
                }
                long elapsed = ChronoUnit.DAYS.between(startedOn, today);
                long cycles = Math.max(1, Math.floorDiv(elapsed + everyDays - 1, everyDays));
                return startedOn.plusDays(cycles * everyDays);
            case QUARTER:
                LocalDate quarterStart = today.with(IsoFields.DAY_OF_QUARTER, 1);
                return quarterStart.equals(today) ? today : quarterStart.plusMonths(3);
            default:
                return renewalOn == null || renewalOn.isBefore(today) ? null : renewalOn;
        }
    }

    /** How the cadence reads in a play run's why: {@code every 90d from start}, {@code quarterly}, {@code before renewal}. */
    public String describe() {
        switch (kind) {
            case EVERY:
                return "every " + everyDays + "d from start";
            case QUARTER:
                return "quarterly";
            default:
                return "before renewal";
        }
    }
}
