/** Help desk tickets in the shape a Zendesk webhook sends them, turned into ticket signals. */
package dev.tenure.connectors.zendesk;
