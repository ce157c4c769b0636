/** Backtests over REST: start one over a period of stored signals, follow its progress, read its report. */
package dev.tenure.api.backtests;
