package dev.tenure.engine.backfill;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A backfill asked for: the days [from, to), why, how far it is, and its report once done (or why it failed).
 *
 * @param reason "requested by ops@…", "after importing usage-2026.csv"
 */
public record HealthBackfillJob(String id, Status status, LocalDate from, LocalDate to, String reason, Instant requestedAt,
                                Instant finishedAt, int daysDone, int daysTotal, HealthBackfillReport report, String error) {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    HealthBackfillJob with(Status status, Instant finishedAt, HealthBackfillReport report, String error) {
        return new HealthBackfillJob(id, status, from, to, reason, requestedAt, finishedAt, daysDone, daysTotal, report, error);
    }

    HealthBackfillJob withDays(int done, int total) {
        return new HealthBackfillJob(id, status, from, to, reason, requestedAt, finishedAt, done, total, report, error);
    }

    HealthBackfillJob widenedTo(LocalDate from, LocalDate to) {
        return new HealthBackfillJob(id, status, from.isBefore(this.from) ? from : this.from,
                to.isAfter(this.to) ? to : this.to, reason, requestedAt, finishedAt, daysDone, daysTotal, report, error);
    }
}
