package dev.tenure.engine.vocabulary;

import java.time.Instant;

/**
 * Something that happened at a customer account. {@code (source, externalId)} identifies it, so a
 * replayed signal is recognised and changes nothing.
 */
public sealed interface Signal permits UsageSignal, TicketSignal, BillingSignal, NpsSignal, CsatSignal, ContactSignal {

    String source();

    String externalId();

    String accountId();

    Instant occurredAt();

    /** The short name used in storage and on the timeline: usage, ticket, billing, nps, csat; contact for a contact's change. */
    String kind();
}
