/** CS metrics over REST (JSON and CSV) and on the metrics page: revenue, surveys, time to value, QBRs. */
package dev.tenure.api.metrics;
