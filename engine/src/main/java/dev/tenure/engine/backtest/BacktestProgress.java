package dev.tenure.engine.backtest;

/**
 * Told how far a running backtest is: signals replayed so far out of the signals in the period. It is first told once
 * the signals are counted; before that the total is unknown, and whoever shows the progress shows no share.
 */
@FunctionalInterface
public interface BacktestProgress {

    void replayed(long signals, long total);

    static BacktestProgress none() {
        return (signals, total) -> {
        };
    }

    /**
     * How much of a known total is done, in percent with one decimal: a total of 0 is all done (nothing to replay).
     * Backtests, tunings and health backfills show their progress by it; one whose total is not known yet has none.
     */
    static double percent(long done, long total) {
        return total <= 0 ? 100.0 : Math.round(Math.min(done, total) * 1000.0 / total) / 10.0;
    }
}
