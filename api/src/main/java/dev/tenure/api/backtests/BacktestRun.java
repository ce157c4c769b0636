package dev.tenure.api.backtests;


import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A backtest as the API shows it: what was asked, how far it is, and its report once done (or why it
 * failed). {@code ruleSet}: the version of the rule set replayed; {@code windowDays}: how long before a
 * cancellation an alert catches it.
 */
record BacktestRun(String id, Status status, Instant from, Instant to, int windowDays, String ruleSet, Instant requestedAt,
                   Instant finishedAt, Progress progress, BacktestReportBody report, String error) {

    enum Status { RUNNING, DONE, FAILED }

    /** Signals replayed out of the signals stored in the period. */
    @Schema(name = "BacktestProgress")
    record Progress(long replayed, long total, double percent) {

        static Progress of(long replayed, long total) {
            return new Progress(replayed, total, total == 0 ? 100.0 : Math.round(replayed * 1000.0 / total) / 10.0);
        }
    }
}
