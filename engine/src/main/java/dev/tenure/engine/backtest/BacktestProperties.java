package dev.tenure.engine.backtest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Backtest settings ({@code tenure.backtest.*}).
 *
 * @param workers          threads replaying accounts in parallel; 0: one per processor
 * @param fetchSize        signals read from PostgreSQL at a time
 * @param history          how long before {@code from} signals are read as history, not evaluated; the
 *                         usage trends reach back 84 days (three recent weeks, a gap week and eight usual ones)
 * @param progressInterval how often a running backtest logs its progress
 * @param maxDays          the longest period a backtest or tuning replays: each day of it evaluates every account,
 *                         in one read-only snapshot held open to the end
 */
@ConfigurationProperties("tenure.backtest")
public record BacktestProperties(@DefaultValue("0") int workers,
                                 @DefaultValue("5000") int fetchSize,
                                 @DefaultValue("91d") Duration history,
                                 @DefaultValue("5s") Duration progressInterval,
                                 @DefaultValue("3660") int maxDays) {

    public BacktestProperties {
        if (maxDays < 1) {
            throw new IllegalArgumentException("tenure.backtest.max-days must be at least 1, was " + maxDays);
        }
    }

    int workerCount() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
