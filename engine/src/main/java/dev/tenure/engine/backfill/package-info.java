/**
 * Health scores computed afterwards from stored history, one per account per day, for days no live
 * evaluation scored (an imported past): on demand, after a file import of old signals, and for the backtest.
 */
package dev.tenure.engine.backfill;
