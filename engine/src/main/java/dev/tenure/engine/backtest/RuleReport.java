package dev.tenure.engine.backtest;

import java.time.Instant;
import java.util.List;

/**
 * What one rule would have done in the period: the plays it would have started, for which accounts, and
 * how well it foretold cancellations. Every alert itself is in {@link BacktestReport#alerts()}.
 *
 * @param file         the DRL file it is written in (null if unknown)
 * @param churnRule    true when that file is under {@code churn/}
 * @param playsStarted plays it would have started (the start guard's refusals not counted)
 * @param accounts     the accounts it would have started a play for, earliest first
 */
public record RuleReport(String rule, String file, boolean churnRule, List<String> plays, long playsStarted,
                         List<AlertedAccount> accounts, ChurnScore churn) {

    /**
     * An account the rule would have started plays for; {@code cancelledAt} when it cancelled in the period (the
     * cancellation the alerts caught, else the one the first alert was judged against), {@code caught} when one of
     * the rule's alerts came within the window before that.
     */
    public record AlertedAccount(String accountId, Instant firstStarted, int playsStarted, Instant cancelledAt,
                                 boolean caught) {
    }
}
