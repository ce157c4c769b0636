/** Benchmarks: the backtest replaying a million stored signals, against a baseline measured in the same run. */
package dev.tenure.bench;
