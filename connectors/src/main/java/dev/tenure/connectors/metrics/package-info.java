/** Counts what every source delivers, by source, kind and outcome, wherever the records come from. */
package dev.tenure.connectors.metrics;
