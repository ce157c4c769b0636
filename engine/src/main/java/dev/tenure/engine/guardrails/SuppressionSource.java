package dev.tenure.engine.guardrails;

/** How an address came onto the suppression list. */
public enum SuppressionSource { UNSUBSCRIBE_LINK, API, BOUNCE }
