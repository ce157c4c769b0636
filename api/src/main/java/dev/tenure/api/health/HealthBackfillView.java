package dev.tenure.api.health;

import dev.tenure.engine.backfill.HealthBackfillJob;
import dev.tenure.engine.backfill.HealthBackfillReport;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A health backfill as the API shows it: what was asked and why, how far it is (daily evaluation times
 * scored out of all), and once done what it wrote; or why it failed.
 */
record HealthBackfillView(String id, String status, LocalDate from, LocalDate to, String reason, Instant requestedAt,
                          Instant finishedAt, Progress progress, Result result, String error) {

    @Schema(name = "BackfillProgress")
    record Progress(int days, int total, double percent) {
    }

    /**
     * @param written  backfilled scores stored
     * @param replaced backfilled scores of an earlier run over the same days, replaced
     * @param liveKept account-days a live evaluation had scored, left as they were
     */
    @Schema(name = "BackfillResult")
    record Result(int days, int accounts, int written, int replaced, int liveKept, long signalsRead, double seconds) {
    }

    static HealthBackfillView of(HealthBackfillJob job) {
        HealthBackfillReport r = job.report();
        double percent = job.daysTotal() == 0 ? (r != null ? 100.0 : 0.0)
                : Math.round(job.daysDone() * 1000.0 / job.daysTotal()) / 10.0;
        return new HealthBackfillView(job.id(), job.status().name(), job.from(), job.to(), job.reason(), job.requestedAt(),
                job.finishedAt(), new Progress(job.daysDone(), job.daysTotal(), percent),
                r == null ? null : new Result(r.days(), r.accounts(), r.written(), r.replaced(), r.liveKept(), r.signalsRead(),
                        r.millis() / 1000.0),
                job.error());
    }
}
