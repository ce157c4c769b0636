/**
 * Time: Quartz (JDBC job store, clustered) fires the due-steps job when steps come due and on a sweep;
 * the job drains due step rows in batches.
 */
package dev.tenure.engine.schedule;
