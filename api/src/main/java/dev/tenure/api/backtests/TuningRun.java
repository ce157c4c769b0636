package dev.tenure.api.backtests;

import java.time.Instant;

/**
 * A tuning as the API shows it: what was asked, how far it is (signals replayed over all candidates, against
 * the most the candidate budget allows; a search that settles early jumps to 100%), and its report once done.
 */
record TuningRun(String id, BacktestRun.Status status, Instant from, Instant to, int windowDays, String ruleSet,
                 Instant requestedAt, Instant finishedAt, BacktestRun.Progress progress, TuningReportBody report, String error) {
}
