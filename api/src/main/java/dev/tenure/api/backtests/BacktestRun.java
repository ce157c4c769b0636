package dev.tenure.api.backtests;


import dev.tenure.engine.backtest.BacktestProgress;
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

    /**
     * Signals replayed out of the signals stored in the period; {@code total} and {@code percent} are null until the
     * engine has counted them (a run just started, or one that failed before), never 100% of an unknown count.
     */
    @Schema(name = "BacktestProgress")
    record Progress(long replayed, Long total, Double percent) {

        static Progress unknown() {
            return new Progress(0, null, null);
        }

        static Progress of(long replayed, long total) {
            return new Progress(replayed, total, BacktestProgress.percent(replayed, total));
        }
    }
}
