package dev.tenure.engine.backtest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Passes a replay's progress to its listener often, and to the log every few seconds. */
final class ProgressReport {

    private static final Logger log = LoggerFactory.getLogger(Backtests.class);
    /** The listener hears of every this many signals; the log is looked at no more often. */
    private static final int EVERY = 1_000;

    private final BacktestProgress listener;
    private final long total;
    private final long logEveryNanos;
    private final long started = System.nanoTime();
    private long lastLog = started;
    private long replayed;

    ProgressReport(BacktestProgress listener, long total, Duration logInterval) {
        this.listener = listener;
        this.total = total;
        this.logEveryNanos = logInterval.toNanos();
        listener.replayed(0, total);
    }

    void replayedOne() {
        if (++replayed % EVERY != 0) {
            return;
        }
        listener.replayed(replayed, total);
        long now = System.nanoTime();
        if (now - lastLog >= logEveryNanos) {
            lastLog = now;
            double seconds = (now - started) / 1e9;
            log.info("Backtest: {} of {} signals replayed ({}%), {} signals/s", replayed, total,
                    BacktestProgress.percent(replayed, total), Math.round(replayed / seconds));
        }
    }

    void done() {
        listener.replayed(replayed, total);
    }
}
