/** Webhook requests: a JSON record or a batch of them, all stored or none, refusals kept as dead letters. */
package dev.tenure.connectors.webhooks;
