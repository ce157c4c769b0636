package dev.tenure.api.health;

import dev.tenure.engine.backfill.HealthBackfillJob;
import dev.tenure.engine.backfill.HealthBackfillReport;
import dev.tenure.engine.backtest.BacktestProgress;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A health backfill as the API shows it: what was asked and why, how far it is (daily evaluation times
 * scored out of all), and once done what it wrote; or why it failed.
 */
record HealthBackfillView(String id, String status, LocalDate from, LocalDate to, String reason, Instant requestedAt,
                          Instant finishedAt, Progress progress, Result result, String error) {

    /** Daily times scored of all; {@code total} and {@code percent} are null until the backfill has told its days. */
    @Schema(name = "BackfillProgress")
    record Progress(int days, Integer total, Double percent) {
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
        // A total of 0 before the report is one not told yet (queued, or reading before its first day).
        boolean known = job.daysTotal() > 0 || r != null;
        Progress progress = known
                ? new Progress(job.daysDone(), job.daysTotal(), BacktestProgress.percent(job.daysDone(), job.daysTotal()))
                : new Progress(job.daysDone(), null, null);
        return new HealthBackfillView(job.id(), job.status().name(), job.from(), job.to(), job.reason(), job.requestedAt(),
                job.finishedAt(), progress,
                r == null ? null : new Result(r.days(), r.accounts(), r.written(), r.replaced(), r.liveKept(), r.signalsRead(),
                        r.millis() / 1000.0),
                job.error());
    }
}
