package dev.tenure.engine.backtest;

/** Told how far a running backtest is: signals replayed so far out of the signals in the period. */
@FunctionalInterface
public interface BacktestProgress {

    void replayed(long signals, long total);

    static BacktestProgress none() {
        return (signals, total) -> {
        };
    }
}
