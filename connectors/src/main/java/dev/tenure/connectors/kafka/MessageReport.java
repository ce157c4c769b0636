package dev.tenure.connectors.kafka;

/** What became of one Kafka message: its records, those stored, those already known, those dead-lettered. */
record MessageReport(String origin, int records, int accepted, int duplicates, int deadLettered) {
}
