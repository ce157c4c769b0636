package dev.tenure.engine.vocabulary;

import java.time.Instant;

/** A support ticket was opened or changed; {@code ticketId} ties the updates of one ticket together. */
public record TicketSignal(String source, String externalId, String accountId, Instant occurredAt,
                           String ticketId, TicketPriority priority, TicketStatus status, String subject)
        implements Signal {
    public String kind() { return "ticket"; }
}
