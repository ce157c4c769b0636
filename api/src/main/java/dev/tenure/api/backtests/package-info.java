/**
 * Backtests and tunings over REST (and tuning from the command line): start one over a period of stored
 * signals, follow its progress, read its report and its alerts.
 */
package dev.tenure.api.backtests;
