/**
 * Rules run with side effects switched off: the backtest replays stored signals in event time through a
 * candidate rule set and scores its churn rules against real cancellations; the dry run shows what the
 * rules would do for one account now; tuning backtests settings of the thresholds and health model within the
 * ranges CS ops allow and offers the best. None of them stores or sends anything.
 */
package dev.tenure.engine.backtest;
