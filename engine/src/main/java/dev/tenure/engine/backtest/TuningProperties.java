package dev.tenure.engine.backtest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning settings ({@code tenure.backtest.tuning.*}): each candidate setting is a whole backtest, so the
 * search is bounded in count and time, and the signals it replays are held in memory once, up to a bound.
 *
 * @param maxCandidates backtests one tuning runs at most, the setting in force included
 * @param timeLimit     a tuning stops trying new settings after this long and reports what it has
 * @param maxSignals    the most signals (period and history) held in memory; a longer period is refused
 * @param top           how many settings besides the one in force are reported
 */
@ConfigurationProperties("tenure.backtest.tuning")
public record TuningProperties(@DefaultValue("60") int maxCandidates, @DefaultValue("30m") Duration timeLimit,
                               @DefaultValue("3000000") long maxSignals, @DefaultValue("5") int top) {

    public TuningProperties {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("tenure.backtest.tuning.max-candidates must be at least 1, was " + maxCandidates);
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("tenure.backtest.tuning.time-limit must be above 0, was " + timeLimit);
        }
        if (maxSignals < 1) {
            throw new IllegalArgumentException("tenure.backtest.tuning.max-signals must be at least 1, was " + maxSignals);
        }
        if (top < 1 || top > 50) {
            throw new IllegalArgumentException("tenure.backtest.tuning.top must be between 1 and 50, was " + top);
        }
    }
}
