/** Billing events in the shape Stripe sends them: signed event envelopes turned into billing signals. */
package dev.tenure.connectors.stripe;
