/** Usage events from a Kafka topic: offsets committed once the engine stored them, bad records kept as dead letters. */
package dev.tenure.connectors.kafka;
