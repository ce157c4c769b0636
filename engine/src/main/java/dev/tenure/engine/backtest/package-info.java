/**
 * Rules run with side effects switched off: the backtest replays stored signals in event time through a
 * candidate rule set and scores its churn rules against real cancellations; the dry run shows what the
 * rules would do for one account now. Neither stores nor sends anything.
 */
package dev.tenure.engine.backtest;
