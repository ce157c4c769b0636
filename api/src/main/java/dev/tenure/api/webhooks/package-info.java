/** Webhook endpoints, delegating to the connectors' webhook route. */
package dev.tenure.api.webhooks;
