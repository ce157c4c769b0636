/** What operators watch: the health of mail, Kafka and the sources, and the meters Prometheus scrapes. */
package dev.tenure.api.monitoring;
