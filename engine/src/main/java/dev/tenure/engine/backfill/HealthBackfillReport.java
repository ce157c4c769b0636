package dev.tenure.engine.backfill;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What one backfill did over the days [from, to).
 *
 * @param days         daily evaluation times in the period (up to now)
 * @param accounts     accounts scored on at least one day
 * @param written      backfilled scores stored
 * @param replaced     backfilled scores of an earlier run over the same days, deleted first
 * @param liveKept     account-days left alone because a live evaluation had scored them
 * @param signalsRead  stored signals read (the period and the history before it)
 */
public record HealthBackfillReport(LocalDate from, LocalDate to, Instant firstTime, Instant lastTime, int days,
                                   int accounts, int written, int replaced, int liveKept, long signalsRead,
                                   long millis) {
}
