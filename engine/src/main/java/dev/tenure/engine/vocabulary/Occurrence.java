package dev.tenure.engine.vocabulary;

import java.time.LocalDate;

/**
 * The occurrence a cadence started a play for (a QBR date, a renewal date), as in the play run's facts:
 * templates read it as {@code facts.occurrence.on}. Rules never see it; a cadence play has no rule.
 *
 * @param cadence how the play recurs: {@code every 90d from start}, {@code quarterly}, {@code before renewal}
 */
public record Occurrence(String accountId, String cadence, LocalDate on) {
}
