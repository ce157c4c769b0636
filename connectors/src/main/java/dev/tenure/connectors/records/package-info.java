/** Reads one source record, whatever channel brought it, into the engine's vocabulary, naming each bad field. */
package dev.tenure.connectors.records;
