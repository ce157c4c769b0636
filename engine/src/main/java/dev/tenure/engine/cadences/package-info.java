/**
 * Recurring plays: QBRs, renewal routines. One cron trigger drives every cadence; each pass writes the
 * occurrences coming up as play runs and step rows, once per play, account and occurrence.
 */
package dev.tenure.engine.cadences;
